import crypto from "node:crypto";
import type { Selectable } from "kysely";
import type { Db } from "../client";
import type { EitChannelTable } from "../schema";

export type EitChannel = Selectable<EitChannelTable>;

/** Codes avoid 0/O, 1/I/L so that a code read off paper is typed right. */
export const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/** 8 characters of 31 symbols ≈ 39.6 bits; 10 give ≈ 49.5 bits. We use 10, grouped 5-5. */
export const CODE_LENGTH = 10;

/** Upper-case, drop spaces and dashes: `k7qm3 xhpa2` and `K7QM3-XHPA2` are the same code. */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]+/g, "");
}

export function hashCode(code: string): string {
  return crypto.createHash("sha256").update(normaliseCode(code)).digest("hex");
}

export function newCode(): string {
  const chars: string[] = [];
  const limit = 256 - (256 % CODE_ALPHABET.length);
  while (chars.length < CODE_LENGTH) {
    for (const byte of crypto.randomBytes(CODE_LENGTH * 2)) {
      if (byte < limit && chars.length < CODE_LENGTH) chars.push(CODE_ALPHABET[byte % CODE_ALPHABET.length]!);
    }
  }
  return `${chars.slice(0, 5).join("")}-${chars.slice(5).join("")}`;
}

/**
 * Creates `count` new one-time codes for a round and returns them; only their hashes are stored. Written in
 * chunks of 500: hand it a transaction (the caller's) so that all of them are stored or none.
 */
export async function insertIitCodes(db: Db, roundId: string, count: number): Promise<string[]> {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(newCode());
  const list = [...codes];
  for (let i = 0; i < list.length; i += 500) {
    await db
      .insertInto("iit_codes")
      .values(list.slice(i, i + 500).map((code) => ({ round_id: roundId, code_hash: hashCode(code) })))
      .onConflict((oc) => oc.columns(["round_id", "code_hash"]).doNothing())
      .execute();
  }
  return list;
}

/** Codes issued and used; after the round's seal (db/repositories/iit-seal.ts) the two counts it kept. */
export async function countIitCodes(db: Db, roundId: string): Promise<{ total: number; used: number }> {
  const seal = await db
    .selectFrom("iit_seals")
    .select(["codes_issued", "codes_used"])
    .where("round_id", "=", roundId)
    .executeTakeFirst();
  if (seal) return { total: Number(seal.codes_issued), used: Number(seal.codes_used) };
  const total = await db
    .selectFrom("iit_codes")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("round_id", "=", roundId)
    .executeTakeFirstOrThrow();
  const used = await db
    .selectFrom("iit_code_use")
    .select("used_count")
    .where("round_id", "=", roundId)
    .executeTakeFirst();
  return { total: Number(total.n), used: Number(used?.used_count ?? 0) };
}

export async function findEitChannel(db: Db, roundId: string, key: string): Promise<EitChannel | undefined> {
  return db
    .selectFrom("eit_channels")
    .selectAll()
    .where("round_id", "=", roundId)
    .where("key", "=", key)
    .executeTakeFirst();
}

export async function listEitChannels(db: Db, roundId: string): Promise<EitChannel[]> {
  return db.selectFrom("eit_channels").selectAll().where("round_id", "=", roundId).orderBy("key").execute();
}

/** Creates the channel, or renames it and sets its kiosk flag when the key exists. */
export async function upsertEitChannel(
  db: Db,
  channel: { roundId: string; key: string; name: string; kiosk: boolean },
): Promise<{ created: boolean; channel: EitChannel }> {
  const existing = await findEitChannel(db, channel.roundId, channel.key);
  if (existing) {
    await db
      .updateTable("eit_channels")
      .set({ name: channel.name, kiosk: channel.kiosk ? 1 : 0 })
      .where("id", "=", existing.id)
      .execute();
  } else {
    await db
      .insertInto("eit_channels")
      .values({
        id: crypto.randomUUID(),
        round_id: channel.roundId,
        key: channel.key,
        name: channel.name,
        kiosk: channel.kiosk ? 1 : 0,
        created_at: new Date().toISOString(),
      })
      .execute();
  }
  return { created: !existing, channel: (await findEitChannel(db, channel.roundId, channel.key))! };
}

export async function setRoundPin(db: Db, roundId: string, pin: string): Promise<void> {
  await db.updateTable("rounds").set({ pin, updated_at: new Date().toISOString() }).where("id", "=", roundId).execute();
}
