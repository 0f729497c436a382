import { data } from "react-router";
import type { FieldError } from "../lib/forms";
import { readLimitedBytes, tooLarge, tooLargePage } from "./body-limit.server";

const NO_STORE = { "Cache-Control": "no-store" };

/** A JSON error Response: returned as-is by API routes, shown by the ErrorBoundary on pages. */
export function httpError(status: number, error: string, errorTh: string): Response {
  return Response.json({ error, errorTh }, { status, headers: NO_STORE });
}

export const forbidden = () => httpError(403, "You do not have permission for this.", "ท่านไม่มีสิทธิ์ดำเนินการนี้");
/** 404 (never cached): unknown, or another agency's (which does not exist for this user). */
export const notFound = () => httpError(404, "Not found.", "ไม่พบข้อมูลที่ต้องการ");

/** The value, or a thrown 404 when it is missing: `const round = assertFound(await findRound(...))`. */
export function assertFound<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw notFound();
  return value;
}

const SAME_ORIGIN_BASE = "http://same-origin.invalid";

/**
 * `value` when it is a path on this app's own origin (for a redirect after sign-in, a language switch…),
 * else `fallback`. Refused: anything not starting with one "/", control characters (a tab, CR or LF: browsers
 * drop tabs, and a line break in a Location header is a 500), backslashes (browsers read "/\host" as
 * "//host"), and whatever resolves to another origin or to a "//…" path. The kept value is the normalised
 * path, query and fragment (non-ASCII percent-encoded), so it is always a valid header value.
 */
export function sameOriginPath(value: unknown, fallback: string): string {
  if (typeof value !== "string" || value.length > 2000 || !value.startsWith("/") || value.startsWith("//")) {
    return fallback;
  }
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, SAME_ORIGIN_BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== SAME_ORIGIN_BASE || url.pathname.startsWith("//")) return fallback;
  return url.pathname + url.search + url.hash;
}

/** Every refused admin form answers 422 with `{ errors }` (rendered by <FormErrors>). */
export const INVALID_FORM_STATUS = 422;

export function invalidForm<Extra extends object = object>(errors: FieldError[], extra?: Extra) {
  return data({ ...(extra as Extra), errors }, { status: INVALID_FORM_STATUS });
}

/**
 * The posted form, or a thrown 413 when the body is over its route's limit (app/server/body-limit.server.ts:
 * by Content-Length before anything is read, else as the bytes stream in), or a thrown 415 when the body is
 * not a web form (another content type, or a body that does not parse): `request.formData()` would throw and
 * the visitor would get a 500. A resource route (no page, no ErrorBoundary) passes `resourceRoute`.
 */
export async function readForm(request: Request, options: { resourceRoute?: boolean } = {}): Promise<FormData> {
  const bytes = await readLimitedBytes(request);
  if (!bytes) {
    const { pathname } = new URL(request.url);
    // A page's ErrorBoundary shows the JSON's Thai words; a resource route answers the browser with a page.
    throw options.resourceRoute && !pathname.endsWith(".data") ? tooLargePage(pathname) : tooLarge(pathname);
  }
  try {
    const contentType = request.headers.get("content-type") ?? "";
    return await new Response(new Uint8Array(bytes), { headers: { "content-type": contentType } }).formData();
  } catch {
    throw httpError(
      415,
      "Send this form as application/x-www-form-urlencoded or multipart/form-data.",
      "ข้อมูลที่ส่งมาไม่ใช่แบบฟอร์มที่ระบบรับได้ กรุณาส่งจากหน้าเว็บอีกครั้ง",
    );
  }
}

/** A form's text fields as a plain object (files dropped; a repeated name keeps its last value), for a service. */
export function formInput(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of form) if (typeof value === "string") out[name] = value;
  return out;
}
