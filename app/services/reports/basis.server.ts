import type { Db } from "../../../db/client";
import { roundLabel } from "../../lib/rounds";
import { findAgency } from "../../../db/repositories/agencies";
import { getOitChecklist } from "../../../db/repositories/oit";
import { listOfficialResults } from "../../../db/repositories/official-results";
import { listRoundsOfAgency } from "../../../db/repositories/rounds";
import { analyze, parseIndicatorScores, scoreOit } from "../../ita";
import type { Analysis, Framework } from "../../ita";
import { draftReport, type ReportBasis, type ReportDraft } from "../../report";
import { frameworkFor } from "../frameworks/frameworks.server";
import { reportTextsFor } from "../frameworks/report-texts.server";
import { getRoundResults } from "../results/results.server";

// What a report is built on: an agency's official results of a year, or one of its rounds' self-assessment.
// Internal to the reports service (it takes an agency id, not an actor): the service checks who may ask.

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
export async function basisChoicesOf(db: Db, agencyId: string): Promise<BasisChoice[]> {
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
      labelTh: `ผลการประเมินตนเอง · ${roundLabel({ fiscalYear: Number(r.fiscal_year), title: r.title }, "th")}`,
      labelEn: `Self-assessment · ${roundLabel({ fiscalYear: Number(r.fiscal_year), title: r.title }, "en")}`,
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
    const fw = await frameworkFor(db, row.framework);
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
    texts: reportTextsFor(loaded.framework).texts,
    agencyName: agency?.name_th ?? "",
    basis: loaded.basis,
    measuresYear: loaded.basis.fiscalYear + 1,
    oitMissing: loaded.oitMissing,
  });
}
