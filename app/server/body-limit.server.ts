import type { IncomingMessage } from "node:http";

// How many bytes a request body may have, by route: the one table. server.js refuses a body whose declared
// Content-Length is over its route's limit before React Router runs (nothing is read; a page's ".data" request
// is left to its route's reader, which refuses it on the same declared length); every body reader
// (readForm, the JSON readers of the public API and the clerk's entry, the lean submission handler) counts
// the bytes as they stream in and stops at the same limit, so a chunked body without a length is refused
// after at most limit + one chunk. Either way the answer is 413 with `Connection: close` (server.js adds it),
// so the rest of the body is never read.

const KB = 1024;
const MB = 1024 * KB;

export const BODY_LIMITS = {
  /** An ordinary form (sign-in, language, users, rounds, settings, channels, codes, official results…). */
  form: 64 * KB,
  /**
   * The OIT checklist form: 43 items, each up to 10 links of up to 2,000 characters (a "/" or "%" is 3 bytes
   * once the browser encodes the form) and a note and a responsible person of up to 500 Thai characters
   * (9 bytes each): 2.9 MB at the very most (measured in body-limit.server.test.ts).
   */
  oit: 4 * MB,
  /**
   * The measures report's forms: 14 texts of up to 20,000 Thai characters (2.5 MB), or up to 60 measures of
   * up to 13,000 characters each (7.1 MB at the very most, measured in the test).
   */
  report: 8 * MB,
  /**
   * A framework file imported (issue 17): the file (at most 1 MB, checked by the service) sent as multipart,
   * or pasted into the form, where a Thai character takes 9 bytes once the browser encodes it.
   */
  framework: 4 * MB,
  /** The public JSON API (a response, an access check) and the clerk's entry, which takes the same JSON. */
  api: 64 * KB,
} as const;

const ROUTES: ReadonlyArray<readonly [RegExp, number]> = [
  [/^\/admin\/rounds\/[^/]+\/oit$/, BODY_LIMITS.oit],
  [/^\/admin\/reports\/[^/]+$/, BODY_LIMITS.report],
  [/^\/admin\/frameworks(\/[^/]+)?$/, BODY_LIMITS.framework],
  [/^\/admin\/rounds\/[^/]+\/entry\/submit$/, BODY_LIMITS.api],
  [/^\/admin\/rounds\/[^/]+\/entries\/[^/]+\/correct$/, BODY_LIMITS.api],
  [/^\/api\//, BODY_LIMITS.api],
];

/** The body limit of a path (React Router's data requests end in ".data"; "/_root.data" is "/"). */
export function bodyLimit(pathname: string): number {
  const path = pathname.replace(/\.data$/, "").replace(/^\/_root$/, "/");
  for (const [pattern, bytes] of ROUTES) if (pattern.test(path)) return bytes;
  return BODY_LIMITS.form;
}

/** Routes answering JSON (their 413 is JSON); every other route answers a page. */
export function isJsonRoute(pathname: string): boolean {
  return (
    /^\/api\//.test(pathname) ||
    /^\/admin\/rounds\/[^/]+\/entry\/submit$/.test(pathname) ||
    /^\/admin\/rounds\/[^/]+\/entries\/[^/]+\/correct$/.test(pathname)
  );
}

/** "64 KB", "4 MB": a limit as people read it. */
export function sizeLabel(bytes: number): string {
  return bytes >= MB ? `${bytes / MB} MB` : `${bytes / KB} KB`;
}

/** The English and Thai words of a 413 for a path. */
export function tooLargeWords(pathname: string): { error: string; errorTh: string } {
  const size = sizeLabel(bodyLimit(pathname));
  return {
    error: `The data sent is larger than this page accepts (${size}).`,
    errorTh: `ข้อมูลที่ส่งมีขนาดเกินกว่าที่หน้านี้รับได้ (${size}) กรุณาลดข้อความหรือจำนวนลิงก์แล้วส่งใหม่`,
  };
}

/** 413 as a thrown Response (JSON `{ error, errorTh }`): the ErrorBoundary shows the Thai words on pages. */
export function tooLarge(pathname: string): Response {
  return Response.json(tooLargeWords(pathname), {
    status: 413,
    headers: { "Cache-Control": "no-store", Connection: "close" },
  });
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);

/** The Thai (and English) page of a 413, for a browser's form post answered outside React Router's pages. */
export function tooLargeHtml(pathname: string): string {
  const words = tooLargeWords(pathname);
  return (
    `<!doctype html><html lang="th"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>ข้อมูลมีขนาดใหญ่เกินไป — ITA Survey</title></head>` +
    `<body style="font-family: Sarabun, sans-serif; margin: 2rem; max-width: 40rem">` +
    `<h1>ข้อมูลที่ส่งมีขนาดใหญ่เกินไป</h1><p>${escapeHtml(words.errorTh)}</p>` +
    `<p lang="en">${escapeHtml(words.error)}</p><p><a href="/">กลับหน้าแรก</a></p></body></html>`
  );
}

/** 413 as a thrown page (a resource route such as POST /lang, which has no ErrorBoundary to show the words). */
export function tooLargePage(pathname: string): Response {
  return new Response(tooLargeHtml(pathname), {
    status: 413,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", Connection: "close" },
  });
}

function declaredLength(value: string | null | undefined): number {
  const n = Number(value ?? "0");
  return Number.isFinite(n) ? n : Infinity;
}

/**
 * The body of a web Request as bytes, or null once it is over the route's limit: by Content-Length before
 * anything is read, else by the bytes read so far (a chunked body). Reading simply stops; the reader is not
 * cancelled, as cancelling resets the socket before the 413 is sent.
 */
export async function readLimitedBytes(request: Request, limit?: number): Promise<Buffer | null> {
  const max = limit ?? bodyLimit(new URL(request.url).pathname);
  if (declaredLength(request.headers.get("content-length")) > max) return null;
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) return null;
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** readLimitedBytes for Node's own request (the lean submission handler). */
export function readLimitedNode(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  if (declaredLength(req.headers["content-length"]) > limit) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop listening; Node discards the rest, and the 413 carries Connection: close.
        req.off("data", onData);
        req.off("end", onEnd);
        resolve(null);
      } else chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", reject);
  });
}
