import type { Insertable, Selectable } from "kysely";
import type { Db } from "../client";
import type { OfficialResultTable } from "../schema";

export type OfficialResultRow = Selectable<OfficialResultTable>;

/** An agency's official results, newest fiscal year first. */
export async function listOfficialResults(db: Db, agencyId: string): Promise<OfficialResultRow[]> {
  return db
    .selectFrom("official_results")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .orderBy("fiscal_year", "desc")
    .execute();
}

export async function findOfficialResult(
  db: Db,
  agencyId: string,
  fiscalYear: number,
): Promise<OfficialResultRow | undefined> {
  return db
    .selectFrom("official_results")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("fiscal_year", "=", fiscalYear)
    .executeTakeFirst();
}

/** Inserts or replaces the official results of one agency and fiscal year; returns the row's id. */
export async function saveOfficialResult(db: Db, row: Insertable<OfficialResultTable>): Promise<string> {
  const existing = await findOfficialResult(db, row.agency_id, row.fiscal_year);
  if (!existing) {
    await db.insertInto("official_results").values(row).execute();
    return row.id;
  }
  await db
    .updateTable("official_results")
    .set({
      framework: row.framework,
      scores: row.scores,
      published_total: row.published_total ?? null,
      published_grade: row.published_grade ?? null,
      note: row.note ?? null,
      updated_by: row.updated_by ?? null,
      updated_at: row.updated_at,
    })
    .where("id", "=", existing.id)
    .execute();
  return existing.id;
}

export async function deleteOfficialResult(db: Db, agencyId: string, fiscalYear: number): Promise<boolean> {
  const result = await db
    .deleteFrom("official_results")
    .where("agency_id", "=", agencyId)
    .where("fiscal_year", "=", fiscalYear)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
