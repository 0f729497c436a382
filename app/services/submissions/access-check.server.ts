import { z } from "zod";
import type { Db } from "../../../db/client";
import { findIitSeal } from "../../../db/repositories/iit-seal";
import { hashCode } from "../../../db/repositories/round-access";
import { findIitReleaseHead } from "../../../db/repositories/iit-release";
import { findCodeState } from "../../../db/repositories/responses";
import {
  checkIitAccess,
  codeUnknownReply,
  codeUsedReply,
  findOpenRound,
  iitSealedReply,
  iitReleasedReply,
  invalid,
  JSON_HEADERS,
  readJsonBody,
  shapeErrors,
  takeAttempt,
  tooManyAttempts,
  type Reply,
  type SubmissionInput,
} from "./submit.server";

const bodySchema = z.strictObject({
  round: z.string().min(1).max(100),
  pin: z.string().max(64).optional(),
  accessCode: z.string().max(64).optional(),
});

/**
 * POST /api/access-check: tells a staff member before they answer whether the IIT would take
 * their PIN or one-time code, by the submission path's own checks. It reads only (the code is
 * spent by the submission), logs nothing, and counts against the submissions' per-address limit.
 */
export async function checkAccess(db: Db, input: Omit<SubmissionInput, "exempt">): Promise<Reply> {
  if (!(await takeAttempt(input.clientAddress)))
    return tooManyAttempts("Too many attempts from this address; try again later", "ลองรหัสถี่เกินไป กรุณารอสักครู่แล้วลองใหม่");
  const read = await readJsonBody(input);
  if ("reply" in read) return read.reply;
  const parsed = bodySchema.safeParse(read.value);
  if (!parsed.success) return invalid(shapeErrors(parsed.error));
  const body = parsed.data;

  const open = await findOpenRound(db, body.round);
  if ("reply" in open) return open.reply;
  const refused = checkIitAccess(open.round, body.pin, body.accessCode);
  if (refused) return refused;
  if (await findIitSeal(db, open.round.id)) return iitSealedReply();
  if (await findIitReleaseHead(db, open.round.id)) return iitReleasedReply();
  if (open.round.iit_access === "codes") {
    const state = await findCodeState(db, open.round.id, hashCode(body.accessCode!));
    if (state === "unknown") return codeUnknownReply();
    if (state === "used") return codeUsedReply();
  }
  return { status: 200, body: { ok: true }, headers: JSON_HEADERS };
}
