import type { Db } from "../../../db/client";
import { listRoundsOfAgency } from "../../../db/repositories/rounds";
import type { AnalysisJson } from "../../ita";
import { getRoundResults, resultsJson } from "./results.server";

export type Source = {
  key: string;
  kind: "official" | "self";
  fiscalYear: number;
  labelTh: string;
  labelEn: string;
  /** The framework the result was assessed under: results are compared by indicator number across frameworks. */
  framework: string;
  scores: Record<number, number | null>;
  overall: number | null;
  /** The grade or label (the published one for an official result when given), and the labels of its rule. */
  grade: string | null;
  ratingLabels: { label: string; labelEn: string }[];
};

/** What comparing needs of an official result (official-results.server.ts's OfficialResult has it). */
export type OfficialSource = {
  fiscalYear: number;
  framework: string;
  publishedTotal: number | null;
  publishedGrade: string | null;
  analysis: AnalysisJson;
};

/**
 * Every result an agency can compare, newest year first: its official results (given, already read by the
 * caller, which has checked the actor) and each of its rounds' self-assessment.
 */
export async function listSources(db: Db, agencyId: string, official: readonly OfficialSource[]): Promise<Source[]> {
  const sources: Source[] = official.map((o) => ({
    key: `official-${o.fiscalYear}`,
    kind: "official",
    fiscalYear: o.fiscalYear,
    labelTh: `ผลทางการ ${o.fiscalYear}`,
    labelEn: `Official ${o.fiscalYear}`,
    framework: o.framework,
    scores: Object.fromEntries(o.analysis.ranking.map((r) => [r.indicator, r.score])),
    overall: o.publishedTotal ?? o.analysis.overall,
    grade: o.publishedGrade ?? o.analysis.grade,
    ratingLabels: o.analysis.ratingLabels,
  }));
  for (const round of await listRoundsOfAgency(db, agencyId)) {
    const r = resultsJson(await getRoundResults(db, round));
    sources.push({
      key: `round-${round.id}`,
      kind: "self",
      fiscalYear: round.fiscal_year,
      labelTh: `ประเมินตนเอง ${round.fiscal_year}${round.title ? ` (${round.title})` : ""}`,
      labelEn: `Self-assessment ${round.fiscal_year}${round.title ? ` (${round.title})` : ""}`,
      framework: round.framework,
      scores: Object.fromEntries(r.ranking.map((x) => [x.indicator, x.score])),
      overall: r.overall,
      grade: r.grade,
      ratingLabels: r.ratingLabels,
    });
  }
  sources.sort((a, b) => b.fiscalYear - a.fiscalYear || a.kind.localeCompare(b.kind));
  return sources;
}

/** b − a per indicator, 2 decimals; null where either has no score. */
export function changeOf(a: Source, b: Source, indicator: number): number | null {
  const x = a.scores[indicator];
  const y = b.scores[indicator];
  return x == null || y == null ? null : Math.round((y - x) * 100) / 100;
}
