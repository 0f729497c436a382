import { choice } from "../../lib/entry-channels";
import { ROLES } from "../../lib/roles";
import { requireUser } from "../../server/auth.server";
import { readLimitedBytes, tooLarge } from "../../server/body-limit.server";
import { getDb } from "../../server/db.server";
import { submitEntry } from "../../services/round-access.server";
import { replyResponse } from "../../services/submissions/submit.server";
import type { Route } from "./+types/round-entry-submit";

const utf8 = new TextDecoder("utf-8", { fatal: true });

// JSON from the entry page: the same validation and storage as POST /api/responses, as the signed-in
// clerk (no public rate limit); EIT sheets go under the channel `paper` or `phone`, made on first use.
// The body is read with the public API's limit (64 KB): a larger one is refused with 413 before it is buffered.
export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request, { roles: ROLES.paperEntry });
  const { instrument, channel } = choice(new URL(request.url));
  const bytes = await readLimitedBytes(request);
  if (!bytes) throw tooLarge(new URL(request.url).pathname);
  let body: unknown;
  try {
    body = JSON.parse(utf8.decode(bytes));
  } catch {
    body = null;
  }
  return replyResponse(await submitEntry(await getDb(), user, params.roundId, { instrument, channel, body }));
}
