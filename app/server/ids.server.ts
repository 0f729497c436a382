import crypto from "node:crypto";

const SLUG_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** A random id that reveals neither order nor time (UUID v4). */
export function newId(): string {
  return crypto.randomUUID();
}

/** An unguessable, URL-friendly slug (about 70 bits). */
export function newSlug(length = 14): string {
  return randomString(SLUG_ALPHABET, length);
}

export function randomString(alphabet: string, length: number): string {
  const out: string[] = [];
  const limit = 256 - (256 % alphabet.length);
  while (out.length < length) {
    for (const byte of crypto.randomBytes(length * 2)) {
      if (byte < limit && out.length < length) out.push(alphabet.charAt(byte % alphabet.length));
    }
  }
  return out.join("");
}

export function sha256(text: string): string {
  return crypto.createHash("sha256").update(text).digest("hex");
}

export function nowIso(): string {
  return new Date().toISOString();
}
