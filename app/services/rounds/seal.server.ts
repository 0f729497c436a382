import type { Db } from "../../../db/client";
import {
  compactIitStorage,
  countIitResponses,
  findIitSeal,
  lockIitWrites,
  rewriteIitStorage,
  type SealCounts,
} from "../../../db/repositories/iit-seal";
import { findRoundById, type Round } from "../../../db/repositories/rounds";
import type { FieldError } from "../../lib/forms";
import { audit } from "../../server/audit.server";
import { assertCan, requireAgencyAccess, type SessionUser } from "../../server/auth.server";
import { config } from "../../server/config.server";
import { assertFound } from "../../server/http.server";
import { nowIso } from "../../server/ids.server";
import { dayIn } from "../submissions/submit.server";

// Sealing a closed round's IIT storage (docs/anonymity.md, "A copy of the database after close"): run
// automatically when a round is closed, and by `npm run --silent ita -- seal --round SLUG`. Two steps:
//   1. one transaction rewrites the IIT tables (db/repositories/iit-seal.ts) and writes the seal row and its
//      audit entry ("round.seal"); a round already sealed skips it;
//   2. the files are compacted (SQLite: WAL truncated, VACUUM; PostgreSQL: VACUUM FULL), every time it runs.
// Step 2 may fail while another connection reads the SQLite file: the report says so (`storageCleaned`
// false, `problem`), the round page shows it, and running the seal again finishes the job.

export interface SealReport {
  round: { id: string; slug: string };
  /** True when step 1 had already been done by an earlier run. */
  alreadySealed: boolean;
  sealedAt: string;
  iitResponses: number;
  codesIssued: number;
  codesUsed: number;
  /** Whether the files no longer hold any old version of the IIT tables. */
  storageCleaned: boolean;
  /** Why the files could not be compacted this time (run the seal again). */
  problem: string | null;
}

export type SealResult = { ok: true; report: SealReport } | { ok: false; errors: FieldError[] };

const NOT_CLOSED: FieldError = {
  field: "status",
  message: "Only a closed round (or one past its closing date) can be sealed.",
  messageTh: "ผนึกข้อมูลได้เฉพาะรอบที่ปิดแล้ว หรือเลยวันปิดรับคำตอบแล้ว",
};

/** A round that takes no answers any more: closed, or past its closing date in the server's time zone. */
export function isPastClosing(round: Pick<Round, "status" | "closes_on">, today = dayIn(config().TZ)): boolean {
  return round.status === "closed" || (!!round.closes_on && today > round.closes_on.slice(0, 10));
}

/**
 * Seals a round's IIT storage; idempotent (a second run only compacts the files again). `actor` null is the
 * system (the command line, the close of a round by its settings form after the actor was checked there).
 */
export async function sealRound(db: Db, actor: SessionUser | null, roundId: string): Promise<SealResult> {
  if (actor) assertCan(actor, "manageRounds");
  const round = assertFound(await findRoundById(db, roundId));
  if (actor) requireAgencyAccess(actor, round.agency_id);
  if (!isPastClosing(round)) return { ok: false, errors: [NOT_CLOSED] };

  let alreadySealed = true;
  let counts: SealCounts | undefined;
  if (!(await findIitSeal(db, round.id))) {
    const sealedAt = nowIso();
    counts = await db.transaction().execute(async (tx) => {
      await lockIitWrites(tx);
      if (await findIitSeal(tx, round.id)) return undefined; // sealed meanwhile by another process
      const written = await rewriteIitStorage(tx, round.id, sealedAt);
      await audit(tx, {
        user: actor,
        agencyId: round.agency_id,
        action: "round.seal",
        entity: "round",
        entityId: round.id,
        detail: { iitResponses: written.responses, codesIssued: written.codesIssued, codesUsed: written.codesUsed },
      });
      return written;
    });
    alreadySealed = !counts;
  }

  let problem: string | null = null;
  try {
    await compactIitStorage(db, round.id);
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  const seal = assertFound(await findIitSeal(db, round.id));
  return {
    ok: true,
    report: {
      round: { id: round.id, slug: round.slug },
      alreadySealed,
      sealedAt: seal.sealed_at,
      iitResponses: counts?.responses ?? (await countIitResponses(db, round.id)),
      codesIssued: seal.codes_issued,
      codesUsed: seal.codes_used,
      storageCleaned: problem === null && seal.storage_cleaned === 1,
      problem,
    },
  };
}

/** The seal state a round's page shows: none (not sealed), sealed, or sealed with the files still to compact. */
export type SealState = "none" | "sealed" | "incomplete";

export async function sealStateOf(db: Db, roundId: string): Promise<SealState> {
  const seal = await findIitSeal(db, roundId);
  return !seal ? "none" : seal.storage_cleaned === 1 ? "sealed" : "incomplete";
}
