import type { Db } from "../../../db/client";
import { findRoundById, type Round } from "../../../db/repositories/rounds";
import { requireAgencyAccess, type SessionUser } from "../../server/auth.server";
import { assertFound } from "../../server/http.server";

/**
 * The round a round-scoped service works on: 404 when it is unknown or another agency's (which does not
 * exist for this user), exactly as `requireRoundAccess` answers a page. Call it after `assertCan`.
 */
export async function findRoundInScope(db: Db, actor: SessionUser, roundId: string | undefined): Promise<Round> {
  const round = assertFound(roundId ? await findRoundById(db, roundId) : undefined);
  requireAgencyAccess(actor, round.agency_id);
  return round;
}
