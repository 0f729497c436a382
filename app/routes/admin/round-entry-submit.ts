import { choice } from "../../lib/entry-channels";
import { ROLES } from "../../lib/roles";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { submitEntry } from "../../services/round-access.server";
import { replyResponse } from "../../services/submissions/submit.server";
import type { Route } from "./+types/round-entry-submit";

// JSON from the entry page: the same validation and storage as POST /api/responses, as the signed-in
// clerk (no public rate limit); EIT sheets go under the channel `paper` or `phone`, made on first use.
export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request, { roles: ROLES.paperEntry });
  const { instrument, channel } = choice(new URL(request.url));
  const body: unknown = await request.json().catch(() => null);
  return replyResponse(await submitEntry(await getDb(), user, params.roundId, { instrument, channel, body }));
}
