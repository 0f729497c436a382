import { z } from "zod";
import type { Db } from "../../../db/client";
import {
  deleteReport,
  insertReport,
  replaceMeasures,
  updateReport,
  type MeasureInput,
} from "../../../db/repositories/reports";
import type { ReportRow } from "../../../db/repositories/reports";
import { audit } from "../../server/audit.server";
import { newId, nowIso } from "../../server/ids.server";
import { draftFromBasis, editsOf, loadBasis, optionsOf, type BasisKind } from "./report.server";
import type { ReportDraft } from "../../report";

export type FieldError = { field: string; message: string; messageTh: string };
type User = { id: string };

export const LIMITS = { section: 20_000, measure: 2_000, steps: 6_000, short: 500, note: 4_000, rows: 60 };

/** Drafts a report from "official:<id>" or "round:<id>" and stores it with its proposed measures. */
export async function createReport(db: Db, user: User, agencyId: string, basis: string): Promise<string | FieldError> {
  const [kind, id] = basis.split(":") as [BasisKind, string | undefined];
  const loaded = (kind === "official" || kind === "round") && id ? await loadBasis(db, agencyId, kind, id) : undefined;
  if (!loaded)
    return {
      field: "basis",
      message: "Choose the results to build the report on.",
      messageTh: "กรุณาเลือกผลการประเมินที่ใช้จัดทำรายงาน",
    };
  let draft: ReportDraft;
  try {
    draft = await draftFromBasis(db, agencyId, loaded);
  } catch {
    return {
      field: "basis",
      message: "This framework has no report texts yet.",
      messageTh: "กรอบการประเมินนี้ยังไม่มีข้อความสำหรับร่างรายงาน",
    };
  }
  const now = nowIso();
  const reportId = newId();
  await insertReport(
    db,
    {
      id: reportId,
      agency_id: agencyId,
      measures_year: loaded.basis.fiscalYear + 1,
      basis_kind: kind,
      basis_id: id!,
      title: draft.title,
      sections: "{}",
      options: "{}",
      created_by: user.id,
      created_at: now,
      updated_by: user.id,
      updated_at: now,
    },
    draft.measures.map((m) => ({ ...m, status: "planned", progressNote: null })),
  );
  await audit(db, {
    user,
    agencyId,
    action: "report.create",
    entity: "report",
    entityId: reportId,
    detail: { basis: kind, measuresYear: loaded.basis.fiscalYear + 1 },
  });
  return reportId;
}

const clean = (text: string) => text.replace(/\r\n/g, "\n").trim();

/**
 * Saves the sections form: a text equal to the draft is not an edit (it keeps following the figures);
 * `reset` drops one section's edit. Audited with the names of the sections that changed.
 */
export async function saveSections(
  db: Db,
  user: User,
  report: ReportRow,
  draft: ReportDraft,
  form: FormData,
): Promise<FieldError[]> {
  const before = editsOf(report);
  const edits: Record<string, string> = { ...before };
  const errors: FieldError[] = [];
  for (const id of Object.keys(draft.sections)) {
    const value = form.get(`section:${id}`);
    if (typeof value !== "string") continue;
    const text = clean(value);
    if (text.length > LIMITS.section)
      errors.push({ field: `section:${id}`, message: "The text is too long.", messageTh: "ข้อความยาวเกินไป" });
    else if (text === clean(draft.sections[id])) delete edits[id];
    else edits[id] = text;
  }
  const reset = form.get("reset");
  if (typeof reset === "string") delete edits[reset];
  if (errors.length) return errors;
  const changed = [...new Set([...Object.keys(before), ...Object.keys(edits)])].filter((k) => before[k] !== edits[k]);
  if (!changed.length) return [];
  await updateReport(db, report.id, { sections: JSON.stringify(edits), updated_by: user.id, updated_at: nowIso() });
  await audit(db, {
    user,
    agencyId: report.agency_id,
    action: typeof reset === "string" ? "report.reset" : "report.edit",
    entity: "report",
    entityId: report.id,
    detail: { sections: changed },
  });
  return [];
}

const text = (max: number) => z.string().max(max).transform(clean);
const measureSchema = z.object({
  id: z.string().max(64).optional(),
  indicator: z.preprocess(
    (v) => (v === "" || v == null ? null : Number(v)),
    z.number().int().min(1).max(99).nullable(),
  ),
  measure: text(LIMITS.measure),
  steps: text(LIMITS.steps),
  responsible: text(LIMITS.short),
  monitoring: text(LIMITS.short),
  dueDate: z.preprocess(
    (v) => (v === "" || v == null ? null : v),
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullable(),
  ),
  status: z.enum(["planned", "in_progress", "done"]),
  progressNote: z.preprocess((v) => (typeof v === "string" && v.trim() ? v : null), text(LIMITS.note).nullable()),
});

const FIELD_TH: Record<string, string> = {
  measure: "กรุณากรอกชื่อมาตรการ (ไม่เกิน 2,000 ตัวอักษร)",
  dueDate: "วันที่ต้องอยู่ในรูปแบบ ปปปป-ดด-วว",
  status: "สถานะไม่ถูกต้อง",
};

/** Reads the measures table form (rows m<i>.*); rows ticked "remove" are left out; an "add" adds an empty row. */
export function parseMeasures(form: FormData): { rows?: MeasureInput[]; errors: FieldError[] } {
  const count = Math.min(Number(form.get("count") ?? 0) || 0, LIMITS.rows);
  const rows: MeasureInput[] = [];
  const errors: FieldError[] = [];
  for (let i = 0; i < count; i++) {
    if (form.get(`m${i}.remove`)) continue;
    const get = (k: string) => form.get(`m${i}.${k}`) ?? undefined;
    const parsed = measureSchema.safeParse({
      id: get("id") || undefined,
      indicator: get("indicator"),
      measure: get("measure") ?? "",
      steps: get("steps") ?? "",
      responsible: get("responsible") ?? "",
      monitoring: get("monitoring") ?? "",
      dueDate: get("dueDate"),
      status: get("status") ?? "planned",
      progressNote: get("progressNote"),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0]);
        errors.push({
          field: `m${i}.${key}`,
          message: `row ${i + 1}, ${key}: ${issue.message}`,
          messageTh: `แถวที่ ${i + 1}: ${FIELD_TH[key] ?? "ข้อมูลไม่ถูกต้อง"}`,
        });
      }
    } else if (!parsed.data.measure) {
      errors.push({
        field: `m${i}.measure`,
        message: `row ${i + 1}: enter the measure`,
        messageTh: `แถวที่ ${i + 1}: ${FIELD_TH.measure}`,
      });
    } else rows.push(parsed.data);
  }
  if (form.get("intent") === "add-measure") {
    if (rows.length >= LIMITS.rows)
      errors.push({ field: "count", message: "Too many measures.", messageTh: "จำนวนมาตรการมากเกินไป" });
    rows.push({
      indicator: null,
      measure: "มาตรการใหม่",
      steps: "",
      responsible: "",
      monitoring: "",
      dueDate: null,
      status: "planned",
      progressNote: null,
    });
  }
  return errors.length ? { errors } : { rows, errors };
}

export async function saveMeasures(db: Db, user: User, report: ReportRow, rows: MeasureInput[]): Promise<void> {
  const counts = await replaceMeasures(db, report.id, rows, { userId: user.id, now: nowIso() });
  if (counts.added || counts.changed || counts.removed)
    await audit(db, {
      user,
      agencyId: report.agency_id,
      action: "report.measures",
      entity: "report",
      entityId: report.id,
      detail: counts,
    });
}

export async function saveOptions(db: Db, user: User, report: ReportRow, form: FormData): Promise<void> {
  const str = (k: string) => clean(String(form.get(k) ?? "")).slice(0, LIMITS.short);
  const options = {
    thaiDigits: form.get("thaiDigits") === "on",
    reporterName: str("reporterName"),
    reporterPosition: str("reporterPosition"),
    approverName: str("approverName"),
    approverPosition: str("approverPosition"),
  };
  if (JSON.stringify(options) === JSON.stringify(optionsOf(report))) return;
  await updateReport(db, report.id, { options: JSON.stringify(options), updated_by: user.id, updated_at: nowIso() });
  await audit(db, {
    user,
    agencyId: report.agency_id,
    action: "report.options",
    entity: "report",
    entityId: report.id,
    detail: { thaiDigits: options.thaiDigits },
  });
}

export async function removeReport(db: Db, user: User, report: ReportRow): Promise<void> {
  await deleteReport(db, report.id);
  await audit(db, {
    user,
    agencyId: report.agency_id,
    action: "report.delete",
    entity: "report",
    entityId: report.id,
    detail: { title: report.title },
  });
}
