import { findEitChannel, upsertEitChannel } from "../../../db/repositories/round-access";
import { httpError } from "../../server/http.server";
import { ROLES } from "../../lib/roles";
import { requireRoundAccess } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { handleSubmission } from "../../services/submissions/submit.server";
import type { Route } from "./+types/round-entry-submit";
import { CHANNELS, choice } from "../../lib/entry-channels";

// JSON from the entry page: the same validation and storage as POST /api/responses, as the signed-in
// clerk (no public rate limit); EIT sheets go under the channel `paper` or `phone`, made on first use.
export async function action({ request, params, context }: Route.ActionArgs) {
  const { round } = await requireRoundAccess(request, params.roundId, ROLES.paperEntry);
  const url = new URL(request.url);
  const { instrument, channel } = choice(url);
  if (!instrument) throw httpError(400, "Choose IIT or EIT", "กรุณาเลือกแบบวัด IIT หรือ EIT");
  const body = (await request.json().catch(() => null)) as {
    answers?: unknown;
    submissionId?: unknown;
    accessCode?: unknown;
  } | null;
  if (!body || typeof body !== "object") throw httpError(400, "The body is not valid JSON", "ข้อมูลที่ส่งไม่ใช่ JSON ที่ถูกต้อง");
  const db = await getDb();
  const payload: Record<string, unknown> = {
    round: round.slug,
    instrument,
    answers: body.answers,
    submissionId: body.submissionId,
  };
  if (instrument === "eit") {
    if (!(await findEitChannel(db, round.id, channel)))
      await upsertEitChannel(db, { roundId: round.id, key: channel, name: CHANNELS[channel].th, kiosk: false });
    payload.channel = channel;
  } else if (round.iit_access === "codes") {
    payload.accessCode = body.accessCode;
  } else {
    payload.pin = round.pin ?? "";
  }
  const forwarded = new Request(new URL("/api/responses", request.url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(payload),
  });
  return handleSubmission(forwarded, { clientAddress: context.clientAddress ?? "", isExempt: () => true });
}
