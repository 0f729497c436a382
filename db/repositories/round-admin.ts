import type { Db } from "../client";
import type { Round } from "./rounds";

export type RoundWithAgency = Round & { agency_name_th: string };

/** Rounds of one agency, or of every agency when `agencyId` is null (super-administrators). */
export async function listRoundsWithAgency(db: Db, agencyId: string | null): Promise<RoundWithAgency[]> {
  let query = db
    .selectFrom("rounds")
    .innerJoin("agencies", "agencies.id", "rounds.agency_id")
    .selectAll("rounds")
    .select("agencies.name_th as agency_name_th")
    .orderBy("rounds.fiscal_year", "desc")
    .orderBy("rounds.created_at", "desc");
  if (agencyId !== null) query = query.where("rounds.agency_id", "=", agencyId);
  return query.execute();
}

/**
 * Deletes a round and, through `on delete cascade`, every row that references it
 * (channels, codes, responses, OIT answers, results).
 */
export async function deleteRound(db: Db, roundId: string): Promise<void> {
  await db.deleteFrom("rounds").where("id", "=", roundId).execute();
}
