import { z } from "zod";
import type { Db } from "../../db/client";
import {
  deleteOfficialResult as deleteOfficialRow,
  findOfficialResult,
  listOfficialResults,
  saveOfficialResult as saveOfficialRow,
  type OfficialResultRow,
} from "../../db/repositories/official-results";
import { listReports } from "../../db/repositories/reports";
import {
  analyze,
  compareFrameworks,
  formatAnalysisJson,
  parseIndicatorScores,
  ratingLabels,
  ratingSteps,
  type Framework,
} from "../ita";
import type { AnalysisJson, IndicatorScores } from "../ita";
import { DEFAULT_FRAMEWORK_ID } from "../lib/frameworks";
import { fieldErrorsFromZod, type FieldMessages, type Saved } from "../lib/forms";
import { can } from "../lib/roles";
import { audit } from "../server/audit.server";
import { assertCan, requireAgencyOf, type SessionUser } from "../server/auth.server";
import { httpError } from "../server/http.server";
import { newId, nowIso } from "../server/ids.server";
import { ensureFrameworks, listFrameworkChoices, loadFramework } from "./frameworks/frameworks.server";
import { changeOf, listSources } from "./results/comparison.server";

// Official results: the scores an agency's ITA was officially given, entered by hand per fiscal year (the
// page with its comparison of years and self-assessments, the form, saving and deleting). Agency-scoped: the
// actor's own agency, or the one a super-administrator works in. Every write commits with its audit entry.

export type OfficialResult = {
  id: string;
  fiscalYear: number;
  framework: string;
  scores: IndicatorScores;
  publishedTotal: number | null;
  publishedGrade: string | null;
  note: string | null;
  updatedAt: string;
  analysis: AnalysisJson;
};

const yearNotFound = () => httpError(404, "Not found.", "ไม่พบผลของปีนี้");

/** An official result with the app's own analysis of its ten scores (recomputed total beside the published one). */
export function withAnalysis(row: OfficialResultRow): OfficialResult {
  const fw = loadFramework(row.framework);
  const { scores } = parseIndicatorScores(fw, JSON.parse(row.scores));
  return {
    id: row.id,
    fiscalYear: Number(row.fiscal_year),
    framework: row.framework,
    scores,
    publishedTotal: row.published_total === null ? null : Number(row.published_total),
    publishedGrade: row.published_grade,
    note: row.note,
    updatedAt: row.updated_at,
    analysis: formatAnalysisJson(analyze(fw, scores), fw),
  };
}

/** An agency's official results with their analyses, newest year first (no permission check: for services). */
export async function listOfficialWithAnalysis(db: Db, agencyId: string): Promise<OfficialResult[]> {
  const rows = await listOfficialResults(db, agencyId);
  await ensureFrameworks(
    db,
    rows.map((r) => r.framework),
  );
  return rows.map(withAnalysis);
}

// ---- The page: one year's official results and the comparison of two results ---------------------------

/**
 * The official-results page: the years entered, the one shown (`year`, else the newest), and the comparison
 * of two results `a` → `b` (source keys; by default the newest and the one before it).
 */
export async function getOfficialPage(
  db: Db,
  actor: SessionUser,
  query: { year?: string | null; a?: string | null; b?: string | null },
) {
  assertCan(actor, "readResults");
  const agencyId = requireAgencyOf(actor);
  const official = await listOfficialWithAnalysis(db, agencyId);
  const sources = await listSources(db, agencyId, official);
  const year = Number(query.year) || official[0]?.fiscalYear;
  const shown = official.find((o) => o.fiscalYear === year) ?? null;
  const b = sources.find((s) => s.key === query.b) ?? sources[0] ?? null;
  const a = sources.find((s) => s.key === query.a) ?? sources.find((s) => s !== b) ?? null;
  await ensureFrameworks(
    db,
    [a, b].flatMap((s) => (s ? [s.framework] : [])),
  );
  const fw = loadFramework(shown?.framework ?? DEFAULT_FRAMEWORK_ID);
  // Two results under different frameworks are compared by indicator number; the page says what differs.
  const fwA = a ? loadFramework(a.framework) : fw;
  const fwB = b ? loadFramework(b.framework) : fw;
  const difference = a && b && a.framework !== b.framework ? compareFrameworks(fwA, fwB) : null;
  const compared = [...new Map([...fwA.indicators, ...fwB.indicators].map((i) => [i.number, i])).values()].sort(
    (x, y) => x.number - y.number,
  );
  const changes =
    a && b
      ? compared.map((i) => ({
          indicator: i.number,
          a: a.scores[i.number] ?? null,
          b: b.scores[i.number] ?? null,
          change: changeOf(a, b, i.number),
          itemsDiffer: difference?.itemsDiffer.includes(i.number) ?? false,
        }))
      : [];
  const side = (s: typeof a) =>
    s && {
      key: s.key,
      labelTh: s.labelTh,
      labelEn: s.labelEn,
      overall: s.overall,
      framework: s.framework,
      grade: s.grade,
      ratingLabels: s.ratingLabels,
    };
  return {
    canEdit: can(actor, "manageRounds"),
    official: official.map(({ fiscalYear, publishedTotal, publishedGrade, analysis }) => ({
      fiscalYear,
      publishedTotal,
      publishedGrade,
      overall: analysis.overall,
      grade: analysis.grade,
    })),
    shown,
    indicators: fw.indicators.map(({ number, nameTh, nameEn, instrument }) => ({ number, nameTh, nameEn, instrument })),
    comparedIndicators: compared.map(({ number, nameTh, nameEn }) => ({ number, nameTh, nameEn })),
    sources: sources.map(({ key, labelTh, labelEn }) => ({ key, labelTh, labelEn })),
    a: side(a),
    b: side(b),
    changes,
    difference,
  };
}

// ---- The form -------------------------------------------------------------------------------------------

/**
 * Every framework the form can use, newest year first, with its indicators: the framework files (one that does
 * not load is left out) and the published imported frameworks.
 */
async function frameworkChoices(db: Db) {
  return (await listFrameworkChoices(db)).flatMap(({ id, source, framework: fw }) => {
    try {
      return [
        {
          id,
          year: fw.year,
          imported: source === "imported",
          titleTh: fw.titleTh,
          titleEn: fw.titleEn,
          indicators: fw.indicators.map(({ number, nameTh, nameEn, instrument, weight }) => ({
            number,
            nameTh,
            nameEn,
            instrument,
            weight,
          })),
          gradingMode: fw.gradingMode,
          /** The rule's steps, highest first: the form recomputes the total and its grade or label as scores are typed. */
          ratingSteps: ratingSteps(fw),
          ratingUncertain: fw.gradingMode === "labels" && fw.rating?.status === "uncertain",
        },
      ];
    } catch {
      return [];
    }
  });
}

/**
 * The form for a new year (`year` "new") or an entered one (404 when the agency has none for that year), with
 * the framework whose indicators it asks for (`framework` when known, else the saved one, else the default),
 * and, when a deletion is being confirmed, how many measures reports are built on the year's results.
 */
export async function getOfficialForm(
  db: Db,
  actor: SessionUser,
  input: { year: string | undefined; framework?: string | null; confirmDelete?: boolean },
) {
  assertCan(actor, "manageRounds");
  const agencyId = requireAgencyOf(actor);
  const year = input.year === "new" ? null : Number(input.year);
  const row = year ? await findOfficialResult(db, agencyId, year) : undefined;
  if (year && !row) throw yearNotFound();
  if (row) await ensureFrameworks(db, [row.framework]);
  const existing = row ? withAnalysis(row) : null;
  const frameworks = await frameworkChoices(db);
  const selected =
    [input.framework, existing?.framework, DEFAULT_FRAMEWORK_ID].find(
      (id) => id && frameworks.some((f) => f.id === id),
    ) ??
    frameworks[0]?.id ??
    DEFAULT_FRAMEWORK_ID;
  const reportsOnIt = existing
    ? (await listReports(db, agencyId)).filter((r) => r.basis_kind === "official" && r.basis_id === existing.id).length
    : 0;
  return { existing, frameworks, selected, confirmDelete: !!existing && !!input.confirmDelete, reportsOnIt };
}

const optionalNumber = z.preprocess(
  (v) => (v === "" || v == null ? null : Number(String(v).replace(",", "."))),
  z.number().min(0).max(100).nullable(),
);
const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() ? v.trim().slice(0, max) : null), z.string().nullable());

const formSchema = z.object({
  fiscal_year: z.coerce.number().int().min(2500).max(2700),
  framework: z.string(),
  published_total: optionalNumber,
  published_grade: optionalText(40),
  note: optionalText(2000),
});

const MESSAGES: FieldMessages = {
  fiscal_year: ["fiscal_year: a Buddhist-era year such as 2565", "ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2565"],
  framework: ["framework: unknown framework", "ไม่รู้จักกรอบการประเมินนี้"],
  published_total: ["published_total: a number from 0 to 100", "คะแนนรวมต้องเป็นตัวเลข 0–100"],
};

/** A score box: "" or anything but a number from 0 to 100 (a decimal comma is read as a point) is refused. */
const indicatorScore = z.preprocess((v) => {
  const text = (typeof v === "string" ? v : "").trim().replace(",", ".");
  return text === "" ? undefined : Number(text);
}, z.number().min(0).max(100));

/** Every indicator of the framework needs a score: s<number>. */
function scoresSchema(fw: Framework) {
  return z.object(Object.fromEntries(fw.indicators.map((i) => [`s${i.number}`, indicatorScore])));
}

function scoreMessages(fw: Framework): FieldMessages {
  return Object.fromEntries(
    fw.indicators.map((i) => [
      `s${i.number}`,
      [`indicator ${i.number}: enter a score from 0 to 100`, `ตัวชี้วัดที่ ${i.number}: กรอกคะแนน 0–100`] as const,
    ]),
  );
}

/**
 * Saves (inserts or replaces) the agency's official results of a fiscal year with its audit entry. The year,
 * framework and published total are checked first; then every indicator of the chosen framework needs a score.
 */
export async function saveOfficialResult(
  db: Db,
  actor: SessionUser,
  input: Record<string, unknown>,
): Promise<Saved<{ id: string; fiscalYear: number }>> {
  assertCan(actor, "manageRounds");
  const agencyId = requireAgencyOf(actor);
  // The frameworks a result may name: the files and the published imports (issue 17).
  const choices = await listFrameworkChoices(db);
  const parsed = formSchema
    .extend({ framework: z.string().refine((id) => choices.some((c) => c.id === id)) })
    .safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrorsFromZod(parsed.error, MESSAGES) };
  const fw = choices.find((c) => c.id === parsed.data.framework)!.framework;
  const scored = scoresSchema(fw).safeParse(input);
  if (!scored.success) return { ok: false, errors: fieldErrorsFromZod(scored.error, scoreMessages(fw)) };
  // The published grade or label is one of the framework's own (a select on the form), never free text.
  const grade = parsed.data.published_grade;
  if (grade !== null && !ratingLabels(fw).some((l) => l.label === grade)) {
    const names = ratingLabels(fw)
      .map((l) => l.label)
      .join(", ");
    return {
      ok: false,
      errors: [
        {
          field: "published_grade",
          message: `published_grade: choose one of the grades or labels of ${fw.id} (${names})`,
          messageTh: `ระดับผลตามประกาศต้องเป็นระดับหนึ่งของกรอบ ${fw.id} (${names})`,
        },
      ],
    };
  }
  const { scores } = parseIndicatorScores(
    fw,
    Object.fromEntries(fw.indicators.map((i) => [i.number, scored.data[`s${i.number}`]])),
  );
  const value = parsed.data;
  const now = nowIso();
  const id = await db.transaction().execute(async (tx) => {
    const savedId = await saveOfficialRow(tx, {
      id: newId(),
      agency_id: agencyId,
      fiscal_year: value.fiscal_year,
      framework: fw.id,
      scores: JSON.stringify(scores),
      published_total: value.published_total,
      published_grade: value.published_grade,
      note: value.note,
      created_by: actor.id,
      created_at: now,
      updated_by: actor.id,
      updated_at: now,
    });
    await audit(tx, {
      user: actor,
      agencyId,
      action: "official.save",
      entity: "official_result",
      entityId: savedId,
      detail: { fiscalYear: value.fiscal_year, framework: fw.id, publishedTotal: value.published_total },
    });
    return savedId;
  });
  return { ok: true, id, fiscalYear: value.fiscal_year };
}

/** Deletes the agency's official results of a fiscal year with its audit entry; 404 when there are none. */
export async function deleteOfficialResult(
  db: Db,
  actor: SessionUser,
  input: { year: string | undefined },
): Promise<{ ok: true }> {
  assertCan(actor, "manageRounds");
  const agencyId = requireAgencyOf(actor);
  const fiscalYear = Number(input.year);
  if (!Number.isInteger(fiscalYear)) throw yearNotFound();
  await db.transaction().execute(async (tx) => {
    const row = await findOfficialResult(tx, agencyId, fiscalYear);
    if (!row || !(await deleteOfficialRow(tx, agencyId, fiscalYear))) throw yearNotFound();
    await audit(tx, {
      user: actor,
      agencyId,
      action: "official.delete",
      entity: "official_result",
      entityId: row.id,
      detail: {
        fiscalYear,
        framework: row.framework,
        publishedTotal: row.published_total === null ? null : Number(row.published_total),
      },
    });
  });
  return { ok: true };
}
