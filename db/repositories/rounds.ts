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
