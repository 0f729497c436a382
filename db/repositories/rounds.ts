import type { Insertable, Selectable, Updateable } from "kysely";
import type { Db } from "../client";
import type { RoundTable } from "../schema";

export type Round = Selectable<RoundTable>;

/** The settings of a round an administrator edits (the rest is identity and bookkeeping). */
export type RoundSettings = Pick<
  Round,
  | "title"
  | "fiscal_year"
  | "framework"
  | "status"
  | "opens_on"
  | "closes_on"
  | "iit_access"
  | "pin"
  | "strength_line"
  | "target_line"
  | "min_iit"
  | "min_eit"
>;

export async function insertRound(db: Db, round: Insertable<RoundTable>): Promise<void> {
  await db.insertInto("rounds").values(round).execute();
}

export async function findRoundBySlug(db: Db, slug: string): Promise<Round | undefined> {
  return db.selectFrom("rounds").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export async function findRoundById(db: Db, id: string): Promise<Round | undefined> {
  return db.selectFrom("rounds").selectAll().where("id", "=", id).executeTakeFirst();
}

/** A round named by its id or its slug (the CLI accepts either). */
export async function findRoundByIdOrSlug(db: Db, idOrSlug: string): Promise<Round | undefined> {
  return (await findRoundById(db, idOrSlug)) ?? (await findRoundBySlug(db, idOrSlug));
}

export async function listRoundsOfAgency(db: Db, agencyId: string): Promise<Round[]> {
  return db
    .selectFrom("rounds")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .orderBy("fiscal_year", "desc")
    .orderBy("created_at", "desc")
    .execute();
}

export async function updateRound(db: Db, id: string, patch: Updateable<RoundTable>): Promise<void> {
  await db.updateTable("rounds").set(patch).where("id", "=", id).execute();
}

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
  // The league's kept scores have no foreign key: the cascade's own triggers bump them while the round's counts
  // and OIT answers go, so they are removed after it (decision 0014).
  await db.deleteFrom("round_scores").where("round_id", "=", roundId).execute();
}

export interface PublicRound {
  slug: string;
  agency_id: string;
  closes_on: string | null;
  fiscal_year: number;
  title: string | null;
  agency_name_th: string;
  agency_name_en: string | null;
}

/** Open rounds with their agency, for the home page. */
export async function listOpenRounds(db: Db): Promise<PublicRound[]> {
  return db
    .selectFrom("rounds")
    .innerJoin("agencies", "agencies.id", "rounds.agency_id")
    .select([
      "rounds.slug",
      "rounds.agency_id",
      "rounds.closes_on",
      "rounds.fiscal_year",
      "rounds.title",
      "agencies.name_th as agency_name_th",
      "agencies.name_en as agency_name_en",
    ])
    .where("rounds.status", "=", "open")
    .orderBy("agencies.name_th")
    .orderBy("rounds.fiscal_year", "desc")
    .orderBy("rounds.created_at")
    .execute();
}
