import type { Insertable, Selectable, Updateable } from "kysely";
import type { Db } from "../client";
import type { FrameworkTable } from "../schema";

export type FrameworkRow = Selectable<FrameworkTable>;
/** A row without its JSON: what lists show. */
export type FrameworkSummaryRow = Omit<FrameworkRow, "json">;

const SUMMARY = [
  "id",
  "base_id",
  "version",
  "year",
  "title_th",
  "status",
  "copied_from",
  "created_by",
  "created_at",
  "updated_by",
  "updated_at",
  "published_by",
  "published_at",
] as const;

export async function findFrameworkRow(db: Db, id: string): Promise<FrameworkRow | undefined> {
  return db.selectFrom("frameworks").selectAll().where("id", "=", id).executeTakeFirst();
}

/** One published framework's JSON (drafts are never served to rounds). */
export async function findPublishedFrameworkJson(db: Db, id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("frameworks")
    .select("json")
    .where("id", "=", id)
    .where("status", "=", "published")
    .executeTakeFirst();
  return row?.json;
}

/** Every imported framework without its JSON, newest year first, then by id. */
export async function listFrameworkRows(db: Db): Promise<FrameworkSummaryRow[]> {
  return db.selectFrom("frameworks").select(SUMMARY).orderBy("year", "desc").orderBy("id").execute();
}

/** Ids and titles of the published frameworks (the choices of the round and official-results forms). */
export async function listPublishedFrameworkJson(db: Db): Promise<{ id: string; json: string }[]> {
  return db
    .selectFrom("frameworks")
    .select(["id", "json"])
    .where("status", "=", "published")
    .orderBy("year", "desc")
    .orderBy("id")
    .execute();
}

export async function insertFrameworkRow(db: Db, row: Insertable<FrameworkTable>): Promise<void> {
  await db.insertInto("frameworks").values(row).execute();
}

/** Changes a draft only: a published row is never updated. Returns whether a draft was changed. */
export async function updateDraftFramework(db: Db, id: string, patch: Updateable<FrameworkTable>): Promise<boolean> {
  const result = await db
    .updateTable("frameworks")
    .set(patch)
    .where("id", "=", id)
    .where("status", "=", "draft")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteDraftFramework(db: Db, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom("frameworks")
    .where("id", "=", id)
    .where("status", "=", "draft")
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** How many rounds and official results name a framework (a published one they use cannot be withdrawn). */
export async function countFrameworkUses(db: Db, id: string): Promise<{ rounds: number; official: number }> {
  const [rounds, official] = await Promise.all([
    db
      .selectFrom("rounds")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("framework", "=", id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("official_results")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("framework", "=", id)
      .executeTakeFirstOrThrow(),
  ]);
  return { rounds: Number(rounds.n), official: Number(official.n) };
}
