import type { Insertable, Selectable } from "kysely";
import { randomUUID } from "node:crypto";
import type { Db } from "../client";
import type { MeasureTable, ReportTable } from "../schema";

// The reports and their measures tables. Like every repository, these functions never open a transaction:
// the reports service hands them its own, so that a change and its audit entry commit together.

export type ReportRow = Selectable<ReportTable>;
export type MeasureRow = Selectable<MeasureTable>;
export type MeasureStatus = MeasureTable["status"];

/** A measure as the report pages edit it (no ids of its report, no audit columns). */
export interface MeasureInput {
  /** The stored row this input edits; absent for a new row. */
  id?: string;
  indicator: number | null;
  measure: string;
  steps: string;
  responsible: string;
  monitoring: string;
  dueDate: string | null;
  status: MeasureStatus;
  progressNote: string | null;
}

/** Inserts the report row alone; its measures follow with replaceMeasures in the same transaction. */
export async function insertReport(db: Db, report: Insertable<ReportTable>): Promise<void> {
  await db.insertInto("reports").values(report).execute();
}

/** The report if it belongs to the agency (`agencyId` null: any agency, for super-administrators). */
export async function findReport(db: Db, id: string, agencyId: string | null): Promise<ReportRow | undefined> {
  let query = db.selectFrom("reports").selectAll().where("id", "=", id);
  if (agencyId !== null) query = query.where("agency_id", "=", agencyId);
  return query.executeTakeFirst();
}

export async function listReports(db: Db, agencyId: string | null): Promise<ReportRow[]> {
  let query = db.selectFrom("reports").selectAll().orderBy("measures_year", "desc").orderBy("created_at", "desc");
  if (agencyId !== null) query = query.where("agency_id", "=", agencyId);
  return query.execute();
}

export async function updateReport(
  db: Db,
  id: string,
  patch: { title?: string; sections?: string; options?: string; updated_by: string | null; updated_at: string },
): Promise<void> {
  await db.updateTable("reports").set(patch).where("id", "=", id).execute();
}

export async function deleteReport(db: Db, id: string): Promise<void> {
  await db.deleteFrom("reports").where("id", "=", id).execute();
}

export async function listMeasures(db: Db, reportId: string): Promise<MeasureRow[]> {
  return db.selectFrom("measures").selectAll().where("report_id", "=", reportId).orderBy("position").execute();
}

const sameMeasure = (row: MeasureRow, m: MeasureInput) =>
  (row.indicator === null ? null : Number(row.indicator)) === m.indicator &&
  row.measure === m.measure &&
  row.steps === m.steps &&
  row.responsible === m.responsible &&
  row.monitoring === m.monitoring &&
  row.due_date === m.dueDate &&
  row.status === m.status &&
  (row.progress_note ?? null) === m.progressNote;

/**
 * Makes the report's measures table equal to `measures` (in order): rows with a known id are updated (their
 * updated_at moves only when their content changed), others inserted, rows left out deleted. Several
 * statements: call it inside the caller's transaction. Returns how many rows were added, changed and removed.
 */
export async function replaceMeasures(
  db: Db,
  reportId: string,
  measures: MeasureInput[],
  by: { userId: string | null; now: string },
): Promise<{ added: number; changed: number; removed: number }> {
  const existing = new Map((await listMeasures(db, reportId)).map((r) => [r.id, r]));
  const kept = new Set<string>();
  let added = 0;
  let changed = 0;
  for (const [position, m] of measures.entries()) {
    const row = m.id ? existing.get(m.id) : undefined;
    const values = {
      position,
      indicator: m.indicator,
      measure: m.measure,
      steps: m.steps,
      responsible: m.responsible,
      monitoring: m.monitoring,
      due_date: m.dueDate,
      status: m.status,
      progress_note: m.progressNote,
    };
    if (row) {
      kept.add(row.id);
      const same = sameMeasure(row, m);
      if (!same) changed++;
      if (!same || Number(row.position) !== position)
        await db
          .updateTable("measures")
          .set(same ? { position } : { ...values, updated_by: by.userId, updated_at: by.now })
          .where("id", "=", row.id)
          .execute();
    } else {
      added++;
      await db
        .insertInto("measures")
        .values({ id: randomUUID(), report_id: reportId, ...values, updated_by: by.userId, updated_at: by.now })
        .execute();
    }
  }
  const removed = [...existing.keys()].filter((id) => !kept.has(id));
  if (removed.length) await db.deleteFrom("measures").where("id", "in", removed).execute();
  return { added, changed, removed: removed.length };
}
