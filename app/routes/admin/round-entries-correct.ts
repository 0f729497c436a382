import { ROLES } from "../../lib/roles";
import { requireUser } from "../../server/auth.server";
import { readLimitedBytes, tooLarge } from "../../server/body-limit.server";
import { getDb } from "../../server/db.server";
import { correctKeyedEntry } from "../../services/submissions/keyed-entries.server";
import type { Route } from "./+types/round-entries-correct";

const utf8 = new TextDecoder("utf-8", { fatal: true });
const JSON_HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };

// JSON from the correction page (`{ answers }`), read with the public API's limit: 200 when stored, 422 with
// field errors (nothing changed) when the answers are not a complete sheet.
export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request, { roles: ROLES.paperEntry });
  const bytes = await readLimitedBytes(request);
  if (!bytes) throw tooLarge(new URL(request.url).pathname);
  let body: { answers?: unknown } | null;
  try {
    body = JSON.parse(utf8.decode(bytes)) as { answers?: unknown } | null;
  } catch {
    body = null;
  }
  const result = await correctKeyedEntry(await getDb(), user, params.roundId, params.entryId, {
    answers: body?.answers,
  });
  if (!result.ok)
    return new Response(JSON.stringify({ errors: result.errors }), { status: 422, headers: JSON_HEADERS });
  return new Response(JSON.stringify({ ok: true }), { status: 200, headers: JSON_HEADERS });
}
