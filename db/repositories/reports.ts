import type { Insertable, Selectable } from "kysely";
import { randomUUID } from "node:crypto";
import type { Db } from "../client";
import type { MeasureTable, ReportTable } from "../schema";

export type ReportRow = Selectable<ReportTable>;
export type MeasureRow = Selectable<MeasureTable>;
export type MeasureStatus = MeasureTable["status"];
export const MEASURE_STATUSES: readonly MeasureStatus[] = ["planned", "in_progress", "done"];

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

export async function insertReport(db: Db, report: Insertable<ReportTable>, measures: MeasureInput[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("reports").values(report).execute();
    await writeMeasures(trx, report.id, measures, { userId: report.created_by ?? null, now: report.created_at });
  });
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
 * Makes the report's table equal to `measures` (in order): rows with a known id are updated (their
 * updated_at moves only when their content changed), others inserted, rows left out deleted.
 * Returns how many rows were added, changed and removed.
 */
async function writeMeasures(
  db: Db,
  reportId: string,
  measures: MeasureInput[],
  by: { userId: string | null; now: string },
) {
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

/** Replaces the report's measures table with `measures` (in this order) and touches the report, in one transaction. */
export async function replaceMeasures(
  db: Db,
  reportId: string,
  measures: MeasureInput[],
  by: { userId: string | null; now: string },
): Promise<{ added: number; changed: number; removed: number }> {
  return db.transaction().execute(async (trx) => {
    const counts = await writeMeasures(trx, reportId, measures, by);
    await trx
      .updateTable("reports")
      .set({ updated_by: by.userId, updated_at: by.now })
      .where("id", "=", reportId)
      .execute();
    return counts;
  });
}

export function measureInputOf(row: MeasureRow): MeasureInput {
  return {
    id: row.id,
    indicator: row.indicator === null ? null : Number(row.indicator),
    measure: row.measure,
    steps: row.steps,
    responsible: row.responsible,
    monitoring: row.monitoring,
    dueDate: row.due_date,
    status: row.status,
    progressNote: row.progress_note,
  };
}
