import { z } from "zod";
import type { Db } from "../../../db/client";
import {
  deleteReport as deleteReportRow,
  findReport,
  insertReport,
  listMeasures,
  listReports as listReportRows,
  replaceMeasures,
  updateReport,
  type MeasureInput,
  type MeasureRow,
  type ReportRow,
} from "../../../db/repositories/reports";
import { formatScore } from "../../ita/rounding";
import { CALENDAR_FIELD, calendarDate, DATE_MESSAGE, optionalCalendarDate, readDateFields } from "../../lib/dates";
import { fieldErrorsFromZod, type FieldError, type FieldMessages, type Saved } from "../../lib/forms";
import { MEASURE_STATUSES } from "../../lib/measures";
import {
  composeProgress,
  composeReport,
  DEFAULT_OPTIONS,
  FIXED_SECTIONS,
  todayIn,
  type Block,
  type PrintOptions,
  type ReportDraft,
} from "../../report";
import type { Measure } from "../../report/measures";
import { audit } from "../../server/audit.server";
import { assertCan, requireAgencyOf, type SessionUser } from "../../server/auth.server";
import { config } from "../../server/config.server";
import { assertFound, notFound } from "../../server/http.server";
import { newId, nowIso } from "../../server/ids.server";
import { basisChoicesOf, draftFromBasis, loadBasis, type BasisChoice, type BasisKind } from "./basis.server";
import { reportDocx } from "./docx.server";

// The measures reports of the actor's agency (their own; a super-administrator's acting agency): the list
// and the results a new report can be built on, drafting a report from a basis, saving its texts (or
// restoring a drafted text), its measures table and its print options, deleting it, and the document for
// the print view, the progress report and the Word file. Reading needs readResults, writing manageRounds;
// another agency's report does not exist (404). Every write commits together with its audit entry.

export type { BasisChoice, BasisKind };

export const LIMITS = { section: 20_000, measure: 2_000, steps: 6_000, short: 500, note: 4_000, rows: 60 };

/** A report in the list, and the head of its page. */
export interface ReportSummary {
  id: string;
  title: string;
  measuresYear: number;
  basisKind: BasisKind;
  updatedAt: string;
}

/** One editable text of the report; `indicator` names the indicator an `indicator-<n>` section describes. */
export interface ReportSectionView {
  id: string;
  text: string;
  /** The officer's own text (kept as written), not the one drafted from the current figures. */
  edited: boolean;
  indicator: { number: number; nameTh: string; nameEn: string } | null;
}

/** The report page: its texts, measures and options, with the figures of its basis (null once it is deleted). */
export interface ReportView {
  report: ReportSummary;
  figures: {
    overall: string | null;
    recomputed: string | null;
    grade: string | null;
    /** Why the result is not the next grade or label up (Thai), and the note of an unconfirmed rating rule. */
    ratingWhy: string | null;
    ratingWhyEn: string | null;
    ratingUncertainNote: string | null;
    basisYear: number;
    belowTarget: number[];
  } | null;
  sections: ReportSectionView[];
  options: PrintOptions;
  measures: Measure[];
}

/** The printed report or progress report, as blocks (rendered by the print view and the Word writer). */
export interface ReportDocument {
  id: string;
  title: string;
  measuresYear: number;
  progress: boolean;
  thaiDigits: boolean;
  /** YYYY-MM-DD: the date the document is signed (the progress report's "as of"). */
  date: string;
  blocks: Block[];
}

function reportSummary(row: ReportRow): ReportSummary {
  return {
    id: row.id,
    title: row.title,
    measuresYear: Number(row.measures_year),
    basisKind: row.basis_kind,
    updatedAt: row.updated_at,
  };
}

export function measureView(row: MeasureRow): Measure {
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

function parseObject(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}

/** The officer's texts by section id; a section without one is drafted from the current figures. */
function editsOf(report: ReportRow): Record<string, string> {
  return Object.fromEntries(
    Object.entries(parseObject(report.sections)).filter(([, v]) => typeof v === "string"),
  ) as Record<string, string>;
}

function optionsOf(report: ReportRow): PrintOptions {
  const raw = parseObject(report.options);
  const str = (k: keyof PrintOptions) => (typeof raw[k] === "string" ? (raw[k] as string) : "");
  return {
    ...DEFAULT_OPTIONS,
    thaiDigits: raw.thaiDigits === true,
    reporterName: str("reporterName"),
    reporterPosition: str("reporterPosition"),
    approverName: str("approverName"),
    approverPosition: str("approverPosition"),
  };
}

/** A report of the actor's agency, or a thrown 404 (unknown, or another agency's). */
async function ownReport(db: Db, actor: SessionUser, reportId: string): Promise<ReportRow> {
  return assertFound(await findReport(db, reportId, requireAgencyOf(actor)));
}

/** The draft from the basis's current figures; null when the basis was deleted. */
async function draftOf(db: Db, report: ReportRow): Promise<ReportDraft | null> {
  const loaded = await loadBasis(db, report.agency_id, report.basis_kind, report.basis_id);
  return loaded ? draftFromBasis(db, report.agency_id, loaded) : null;
}

const clean = (text: string) => text.replace(/\r\n/g, "\n").trim();

/** The agency's reports, newest measures year first. */
export async function listReports(db: Db, actor: SessionUser): Promise<ReportSummary[]> {
  assertCan(actor, "readResults");
  return (await listReportRows(db, requireAgencyOf(actor))).map(reportSummary);
}

/** The agency's official results (newest first), then its rounds' self-assessments: what a report can build on. */
export async function listBasisChoices(db: Db, actor: SessionUser): Promise<BasisChoice[]> {
  assertCan(actor, "readResults");
  return basisChoicesOf(db, requireAgencyOf(actor));
}

const CHOOSE_BASIS = ["Choose the results to build the report on.", "กรุณาเลือกผลการประเมินที่ใช้จัดทำรายงาน"] as const;
const BASIS_MESSAGES: FieldMessages = { basis: CHOOSE_BASIS };
/** A well-formed basis that is not one of the agency's results (deleted, or another agency's). */
const BASIS_UNKNOWN: FieldError = { field: "basis", message: CHOOSE_BASIS[0], messageTh: CHOOSE_BASIS[1] };
const NO_TEXTS: FieldError = {
  field: "basis",
  message: "This framework has no report texts yet.",
  messageTh: "กรอบการประเมินนี้ยังไม่มีข้อความสำหรับร่างรายงาน",
};
const createSchema = z.object({
  basis: z
    .string()
    .regex(/^(official|round):.+$/)
    .transform((v) => {
      const colon = v.indexOf(":");
      return { kind: v.slice(0, colon) as BasisKind, id: v.slice(colon + 1) };
    }),
});

/**
 * Drafts a report from `basis` ("official:<id>" or "round:<id>" of the actor's agency) and stores it with its
 * proposed measures (all "planned"), for the fiscal year after the basis's.
 */
export async function createReport(
  db: Db,
  actor: SessionUser,
  input: Record<string, unknown>,
): Promise<Saved<{ id: string }>> {
  assertCan(actor, "manageRounds");
  const agencyId = requireAgencyOf(actor);
  const parsed = createSchema.safeParse({ basis: input.basis ?? "" });
  if (!parsed.success) return { ok: false, errors: fieldErrorsFromZod(parsed.error, BASIS_MESSAGES) };
  const { kind, id: basisId } = parsed.data.basis;
  const loaded = await loadBasis(db, agencyId, kind, basisId);
  if (!loaded) return { ok: false, errors: [BASIS_UNKNOWN] };
  let draft: ReportDraft;
  try {
    draft = await draftFromBasis(db, agencyId, loaded);
  } catch {
    return { ok: false, errors: [NO_TEXTS] };
  }
  const id = newId();
  const now = nowIso();
  const measuresYear = loaded.basis.fiscalYear + 1;
  await db.transaction().execute(async (tx) => {
    await insertReport(tx, {
      id,
      agency_id: agencyId,
      measures_year: measuresYear,
      basis_kind: kind,
      basis_id: basisId,
      title: draft.title,
      sections: "{}",
      options: "{}",
      created_by: actor.id,
      created_at: now,
      updated_by: actor.id,
      updated_at: now,
    });
    await replaceMeasures(
      tx,
      id,
      draft.measures.map((m) => ({ ...m, status: "planned", progressNote: null })),
      { userId: actor.id, now },
    );
    await audit(tx, {
      user: actor,
      agencyId,
      action: "report.create",
      entity: "report",
      entityId: id,
      detail: { basis: kind, measuresYear },
    });
  });
  return { ok: true, id };
}

/** The report page: its texts in reading order (drafted or edited), figures, options and measures. */
export async function getReport(db: Db, actor: SessionUser, reportId: string): Promise<ReportView> {
  assertCan(actor, "readResults");
  const report = await ownReport(db, actor, reportId);
  const [draft, measures] = await Promise.all([draftOf(db, report), listMeasures(db, report.id)]);
  const edits = editsOf(report);
  const ranking = draft?.figures.ranking ?? [];
  const sectionIds = draft
    ? [...FIXED_SECTIONS.slice(0, 2), ...ranking.map((r) => `indicator-${r.indicator}`), ...FIXED_SECTIONS.slice(2)]
    : [];
  const indicatorOf = (id: string) => {
    if (!id.startsWith("indicator-")) return null;
    const number = Number(id.slice("indicator-".length));
    const r = ranking.find((x) => x.indicator === number);
    return { number, nameTh: r?.nameTh ?? "", nameEn: r?.nameEn ?? "" };
  };
  return {
    report: reportSummary(report),
    figures: draft
      ? {
          overall: draft.figures.overall === null ? null : formatScore(draft.figures.overall),
          recomputed: draft.figures.recomputed === null ? null : formatScore(draft.figures.recomputed),
          grade: draft.figures.grade,
          ratingWhy: draft.figures.ratingWhy,
          ratingWhyEn: draft.figures.ratingWhyEn,
          ratingUncertainNote: draft.figures.ratingUncertainNote,
          basisYear: draft.figures.basisYear,
          belowTarget: draft.figures.belowTarget.map((r) => r.indicator),
        }
      : null,
    sections: sectionIds.map((id) => {
      const edited = Object.hasOwn(edits, id);
      return { id, text: (edited ? edits[id] : draft?.sections[id]) ?? "", edited, indicator: indicatorOf(id) };
    }),
    options: optionsOf(report),
    measures: measures.map(measureView),
  };
}

const sectionText = z.string().transform(clean).pipe(z.string().max(LIMITS.section));
const TOO_LONG = ["The text is too long.", "ข้อความยาวเกินไป"] as const;

/**
 * Saves the report's texts from the sections form (`section:<id>` fields): a text equal to the draft is not
 * an edit (it keeps following the figures). `reset` names one section whose edit is dropped, so that it
 * follows the figures again ("restore the drafted text"); the other texts of the form are saved with it.
 * Audited as report.edit (report.reset with `reset`) with the names of the sections that changed; nothing is
 * written when none did. 404 once the basis is deleted (the texts cannot be drafted).
 */
export async function saveSections(
  db: Db,
  actor: SessionUser,
  reportId: string,
  input: Record<string, unknown>,
): Promise<Saved> {
  assertCan(actor, "manageRounds");
  const report = await ownReport(db, actor, reportId);
  const draft = await draftOf(db, report);
  if (!draft) throw notFound();
  const fields = Object.keys(draft.sections).map((id) => `section:${id}`);
  const schema = z.object({
    ...Object.fromEntries(fields.map((f) => [f, sectionText.optional()])),
    reset: z.string().optional(),
  });
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const messages = Object.fromEntries(fields.map((f) => [f, TOO_LONG]));
    return { ok: false, errors: fieldErrorsFromZod(parsed.error, messages) };
  }
  const { reset, ...texts } = parsed.data;
  const before = editsOf(report);
  const edits: Record<string, string> = { ...before };
  for (const [field, text] of Object.entries(texts)) {
    if (typeof text !== "string") continue;
    const id = field.slice("section:".length);
    if (text === clean(draft.sections[id] ?? "")) delete edits[id];
    else edits[id] = text;
  }
  if (reset !== undefined) delete edits[reset];
  const changed = [...new Set([...Object.keys(before), ...Object.keys(edits)])].filter((k) => before[k] !== edits[k]);
  if (!changed.length) return { ok: true };
  await db.transaction().execute(async (tx) => {
    await updateReport(tx, report.id, { sections: JSON.stringify(edits), updated_by: actor.id, updated_at: nowIso() });
    await audit(tx, {
      user: actor,
      agencyId: report.agency_id,
      action: reset !== undefined ? "report.reset" : "report.edit",
      entity: "report",
      entityId: report.id,
      detail: { sections: changed },
    });
  });
  return { ok: true };
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
  dueDate: optionalCalendarDate,
  status: z.enum(MEASURE_STATUSES),
  progressNote: z.preprocess((v) => (typeof v === "string" && v.trim() ? v : null), text(LIMITS.note).nullable()),
});

const FIELD_TH: Record<string, string> = {
  measure: "กรุณากรอกชื่อมาตรการ (ไม่เกิน 2,000 ตัวอักษร)",
  dueDate: DATE_MESSAGE[1],
  status: "สถานะไม่ถูกต้อง",
};

const NEW_MEASURE: MeasureInput = {
  indicator: null,
  measure: "มาตรการใหม่",
  steps: "",
  responsible: "",
  monitoring: "",
  dueDate: null,
  status: "planned",
  progressNote: null,
};

/**
 * Reads the measures table form: `count` rows `m<i>.<field>`; rows ticked `m<i>.remove` are left out;
 * `intent` "add-measure" adds an empty row at the end. Errors name the row (1-based) in both languages.
 */
function parseMeasures(
  input: Record<string, unknown>,
): { ok: true; rows: MeasureInput[] } | { ok: false; errors: FieldError[] } {
  const count = Math.min(Number(input.count ?? 0) || 0, LIMITS.rows);
  const rows: MeasureInput[] = [];
  const errors: FieldError[] = [];
  for (let i = 0; i < count; i++) {
    const get = (k: string) => input[`m${i}.${k}`] ?? undefined;
    if (get("remove")) continue;
    // The due date as typed in the page's calendar ("31/3/2570" in Thai mode); ISO passes through.
    const due = readDateFields(input, [`m${i}.dueDate`]);
    for (const e of due.errors) {
      errors.push({
        field: e.field,
        message: `row ${i + 1}, due date: ${e.message}`,
        messageTh: `แถวที่ ${i + 1} กำหนดแล้วเสร็จ: ${e.messageTh}`,
      });
    }
    const parsed = measureSchema.safeParse({
      id: get("id") || undefined,
      indicator: get("indicator"),
      measure: get("measure") ?? "",
      steps: get("steps") ?? "",
      responsible: get("responsible") ?? "",
      monitoring: get("monitoring") ?? "",
      dueDate: due.input[`m${i}.dueDate`],
      status: get("status") ?? "planned",
      progressNote: get("progressNote"),
    });
    if (!parsed.success || due.errors.length) {
      for (const issue of parsed.success ? [] : parsed.error.issues) {
        const key = String(issue.path[0]);
        if (key === "dueDate" && due.errors.length) continue;
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
  if (input.intent === "add-measure") {
    if (rows.length >= LIMITS.rows)
      errors.push({ field: "count", message: "Too many measures.", messageTh: "จำนวนมาตรการมากเกินไป" });
    rows.push({ ...NEW_MEASURE });
  }
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}

/**
 * Saves the measures table with its follow-up (see parseMeasures for the form). Rows keep their ids; the
 * report's updated_at moves and one report.measures entry counts the rows added, changed and removed;
 * nothing is written when no row changed.
 */
export async function saveMeasures(
  db: Db,
  actor: SessionUser,
  reportId: string,
  input: Record<string, unknown>,
): Promise<Saved<{ added: number; changed: number; removed: number }>> {
  assertCan(actor, "manageRounds");
  const report = await ownReport(db, actor, reportId);
  const parsed = parseMeasures(input);
  if (!parsed.ok) return parsed;
  const now = nowIso();
  const counts = await db.transaction().execute(async (tx) => {
    const counts = await replaceMeasures(tx, report.id, parsed.rows, { userId: actor.id, now });
    if (counts.added || counts.changed || counts.removed) {
      await updateReport(tx, report.id, { updated_by: actor.id, updated_at: now });
      await audit(tx, {
        user: actor,
        agencyId: report.agency_id,
        action: "report.measures",
        entity: "report",
        entityId: report.id,
        detail: counts,
      });
    }
    return counts;
  });
  return { ok: true, ...counts };
}

const name = z
  .string()
  .optional()
  .transform((v) => clean(v ?? "").slice(0, LIMITS.short));
const optionsSchema = z.object({
  thaiDigits: z
    .string()
    .optional()
    .transform((v) => v === "on"),
  reporterName: name,
  reporterPosition: name,
  approverName: name,
  approverPosition: name,
});

/**
 * Saves the print options and signatures (`thaiDigits` "on", names and positions cut to 500 characters).
 * Audited as report.options; nothing is written when they are unchanged.
 */
export async function saveOptions(
  db: Db,
  actor: SessionUser,
  reportId: string,
  input: Record<string, unknown>,
): Promise<Saved> {
  assertCan(actor, "manageRounds");
  const report = await ownReport(db, actor, reportId);
  const parsed = optionsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrorsFromZod(parsed.error) };
  const options: PrintOptions = parsed.data;
  if (JSON.stringify(options) === JSON.stringify(optionsOf(report))) return { ok: true };
  await db.transaction().execute(async (tx) => {
    await updateReport(tx, report.id, {
      options: JSON.stringify(options),
      updated_by: actor.id,
      updated_at: nowIso(),
    });
    await audit(tx, {
      user: actor,
      agencyId: report.agency_id,
      action: "report.options",
      entity: "report",
      entityId: report.id,
      detail: { thaiDigits: options.thaiDigits },
    });
  });
  return { ok: true };
}

/** Deletes the report and its measures (the audit entry keeps its title). */
export async function deleteReport(db: Db, actor: SessionUser, reportId: string): Promise<void> {
  assertCan(actor, "manageRounds");
  const report = await ownReport(db, actor, reportId);
  await db.transaction().execute(async (tx) => {
    await deleteReportRow(tx, report.id);
    await audit(tx, {
      user: actor,
      agencyId: report.agency_id,
      action: "report.delete",
      entity: "report",
      entityId: report.id,
      detail: { title: report.title },
    });
  });
}

/**
 * The report (or with `progress`, its progress report) as printed, signed on `date` (YYYY-MM-DD; today in the
 * configured time zone when absent or malformed), in Thai digits when `digits` is "thai" (Arabic when "arabic";
 * otherwise as the report's options say). 404 once the basis is deleted.
 */
export async function getReportDocument(
  db: Db,
  actor: SessionUser,
  reportId: string,
  input: { progress: boolean; date?: string | null; digits?: string | null; calendar?: string | null },
): Promise<ReportDocument> {
  assertCan(actor, "readResults");
  const report = await ownReport(db, actor, reportId);
  const [draft, rows] = await Promise.all([draftOf(db, report), listMeasures(db, report.id)]);
  if (!draft) throw notFound();
  const saved = optionsOf(report);
  const options = { ...saved, thaiDigits: input.digits ? input.digits === "thai" : saved.thaiDigits };
  // "As of" typed in the page's calendar (the toolbar's date field) or ISO (its links); today when unreadable.
  const asOf = readDateFields({ date: input.date ?? "", [CALENDAR_FIELD]: input.calendar }, ["date"]).input.date;
  const date = calendarDate.safeParse(asOf).data ?? todayIn(config().TZ);
  const measures = rows.map(measureView);
  const blocks = input.progress
    ? composeProgress(draft, measures, options, date)
    : composeReport(draft, editsOf(report), measures, options, date);
  return {
    id: report.id,
    title: report.title,
    measuresYear: Number(report.measures_year),
    progress: input.progress,
    thaiDigits: options.thaiDigits,
    date,
    blocks,
  };
}

/** The report (or its progress report) as a Word file dated today, with the file name to offer. */
export async function getReportDocx(
  db: Db,
  actor: SessionUser,
  reportId: string,
  input: { progress: boolean },
): Promise<{ fileName: string; body: Buffer }> {
  const doc = await getReportDocument(db, actor, reportId, { progress: input.progress });
  const body = await reportDocx(doc.blocks, { title: doc.title, thaiDigits: doc.thaiDigits });
  return { fileName: `${doc.progress ? "progress" : "measures"}-${doc.measuresYear}.docx`, body };
}
