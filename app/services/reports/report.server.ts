import type { Db } from "../../../db/client";
import { findAgency } from "../../../db/repositories/agencies";
import { getOitChecklist } from "../../../db/repositories/oit";
import { listOfficialResults } from "../../../db/repositories/official-results";
import {
  findReport,
  listMeasures,
  measureInputOf,
  type MeasureRow,
  type ReportRow,
} from "../../../db/repositories/reports";
import { listRoundsOfAgency } from "../../../db/repositories/rounds";
import { analyze, parseIndicatorScores, scoreOit } from "../../ita";
import type { Analysis, Framework } from "../../ita";
import { DEFAULT_OPTIONS, draftReport, type PrintOptions, type ReportBasis, type ReportDraft } from "../../report";
import { loadFramework } from "../frameworks/frameworks.server";
import { loadReportTexts } from "../frameworks/report-texts.server";
import { getRoundResults } from "../results/results.server";

export type BasisKind = "official" | "round";

/** A result a report can be built on, for the "ร่างรายงาน" form. */
export interface BasisChoice {
  kind: BasisKind;
  id: string;
  fiscalYear: number;
  labelTh: string;
  labelEn: string;
}

/** The agency's official results (newest first), then its rounds' self-assessments. */
export async function listBasisChoices(db: Db, agencyId: string): Promise<BasisChoice[]> {
  const [official, rounds] = await Promise.all([listOfficialResults(db, agencyId), listRoundsOfAgency(db, agencyId)]);
  return [
    ...official.map((o) => ({
      kind: "official" as const,
      id: o.id,
      fiscalYear: Number(o.fiscal_year),
      labelTh: `ผลอย่างเป็นทางการ ปีงบประมาณ พ.ศ. ${o.fiscal_year}`,
      labelEn: `Official results, fiscal year ${o.fiscal_year}`,
    })),
    ...rounds.map((r) => ({
      kind: "round" as const,
      id: r.id,
      fiscalYear: Number(r.fiscal_year),
      labelTh: `ผลการประเมินตนเอง รอบ ${r.title ?? r.slug} (ปีงบประมาณ พ.ศ. ${r.fiscal_year})`,
      labelEn: `Self-assessment, round ${r.title ?? r.slug} (fiscal year ${r.fiscal_year})`,
    })),
  ];
}

export interface LoadedBasis {
  framework: Framework;
  analysis: Analysis;
  basis: ReportBasis;
  oitMissing: string[] | null;
}

/** OIT items not yet scoring 100 (ไม่มี, unanswered, or มี without a link) in a round's checklist; null without one. */
async function oitMissingOf(db: Db, fw: Framework, roundId: string | undefined): Promise<string[] | null> {
  if (!roundId) return null;
  const checklist = await getOitChecklist(db, roundId);
  if (Object.keys(checklist).length === 0) return null;
  return scoreOit(fw, checklist)
    .items.filter((i) => i.points !== 100)
    .map((i) => i.id);
}

/**
 * The figures of a basis, scoped to the agency: official results of a year (with, for OIT measures,
 * the checklist of the agency's round of that year if there is one), or a round's self-assessment.
 * Undefined when the basis does not exist or belongs to another agency.
 */
export async function loadBasis(
  db: Db,
  agencyId: string,
  kind: BasisKind,
  id: string,
): Promise<LoadedBasis | undefined> {
  if (kind === "official") {
    const row = (await listOfficialResults(db, agencyId)).find((o) => o.id === id);
    if (!row) return undefined;
    const fw = loadFramework(row.framework);
    const { scores } = parseIndicatorScores(fw, JSON.parse(row.scores));
    const year = Number(row.fiscal_year);
    const round = (await listRoundsOfAgency(db, agencyId)).find(
      (r) => Number(r.fiscal_year) === year && r.framework === fw.id,
    );
    return {
      framework: fw,
      analysis: analyze(fw, scores),
      basis: {
        kind,
        fiscalYear: year,
        publishedTotal: row.published_total === null ? null : Number(row.published_total),
        publishedGrade: row.published_grade,
      },
      oitMissing: await oitMissingOf(db, fw, round?.id),
    };
  }
  const round = (await listRoundsOfAgency(db, agencyId)).find((r) => r.id === id);
  if (!round) return undefined;
  const results = await getRoundResults(db, round);
  return {
    framework: results.framework,
    analysis: results.analysis,
    basis: { kind, fiscalYear: Number(round.fiscal_year), publishedTotal: null, publishedGrade: null },
    oitMissing: await oitMissingOf(db, results.framework, round.id),
  };
}

/** Drafts a report for an agency from a loaded basis (measures for the following fiscal year). */
export async function draftFromBasis(db: Db, agencyId: string, loaded: LoadedBasis): Promise<ReportDraft> {
  const agency = await findAgency(db, agencyId);
  return draftReport({
    framework: loaded.framework,
    analysis: loaded.analysis,
    texts: loadReportTexts(loaded.framework.id),
    agencyName: agency?.name_th ?? "",
    basis: loaded.basis,
    measuresYear: loaded.basis.fiscalYear + 1,
    oitMissing: loaded.oitMissing,
  });
}

export interface LoadedReport {
  report: ReportRow;
  /** The draft from the basis's current figures; null when the basis was deleted. */
  draft: ReportDraft | null;
  edits: Record<string, string>;
  options: PrintOptions;
  measures: MeasureRow[];
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}

export function editsOf(report: ReportRow): Record<string, string> {
  return Object.fromEntries(
    Object.entries(parseObject(report.sections)).filter(([, v]) => typeof v === "string"),
  ) as Record<string, string>;
}

export function optionsOf(report: ReportRow): PrintOptions {
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

/** A report of the user's agency with its draft redone from the basis's current figures. */
export async function loadReport(db: Db, agencyId: string, id: string): Promise<LoadedReport | undefined> {
  const report = await findReport(db, id, agencyId);
  if (!report) return undefined;
  const loaded = await loadBasis(db, agencyId, report.basis_kind, report.basis_id);
  return {
    report,
    draft: loaded ? await draftFromBasis(db, agencyId, loaded) : null,
    edits: editsOf(report),
    options: optionsOf(report),
    measures: await listMeasures(db, report.id),
  };
}

export const measureViews = (rows: MeasureRow[]) => rows.map(measureInputOf);
