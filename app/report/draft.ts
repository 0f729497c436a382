import type { Analysis, RankedIndicator } from "../ita/analysis";
import type { Framework } from "../ita/framework";
import { whyNotNext } from "../ita/rating";
import { proposeMeasures, type ProposedMeasure } from "./measures";
import { fill, type ReportTexts } from "./texts";

/** What the report is built on: the official results of a year, or a round's self-assessment. */
export interface ReportBasis {
  kind: "official" | "round";
  /** Buddhist-era fiscal year of the results. */
  fiscalYear: number;
  /** The total and grade as published (official results), shown beside the recomputed figures. */
  publishedTotal: number | null;
  publishedGrade: string | null;
}

export interface DraftInput {
  framework: Framework;
  analysis: Analysis;
  texts: ReportTexts;
  agencyName: string;
  basis: ReportBasis;
  measuresYear: number;
  /** OIT item ids still ไม่มี or unanswered in the basis year's checklist; null when there is no checklist. */
  oitMissing: string[] | null;
}

export interface ReportFigures {
  basisYear: number;
  measuresYear: number;
  /** The overall the report prints: the published total when there is one, else the recomputed one. */
  overall: number | null;
  /** Recomputed from the indicator scores (2 decimals). */
  recomputed: number | null;
  published: number | null;
  grade: string | null;
  gradingMode: Framework["gradingMode"];
  /**
   * Why the result is not the next grade or label up ("ยังไม่ถึงระดับผ่านดี เพราะ EIT 83.10 < 85"), from the
   * recomputed figures; null at the top, while withheld, or when a published grade differs from the recomputed one.
   */
  ratingWhy: string | null;
  /** The same in English, for the report page in English mode. */
  ratingWhyEn: string | null;
  /** The framework's note when its rating rule is not confirmed by an official source; else null. */
  ratingUncertainNote: string | null;
  target: number;
  strengthLine: number;
  ranking: RankedIndicator[];
  highest: RankedIndicator | null;
  lowest: RankedIndicator | null;
  strengths: RankedIndicator[];
  weaknesses: RankedIndicator[];
  belowTarget: RankedIndicator[];
  missing: number[];
  /** OIT topics of the lowest indicator still missing, when it is an OIT indicator with a checklist. */
  lowestMissingTopics: string[];
}

/** Section ids whose text the officer may rewrite: fixed ones, plus `indicator-<n>` for each indicator. */
export const FIXED_SECTIONS = ["rationale", "analysisIntro", "recommendations", "focus"] as const;
export const indicatorSection = (n: number) => `indicator-${n}`;

export interface ReportDraft {
  title: string;
  subtitle: string;
  agencyName: string;
  figures: ReportFigures;
  /** Drafted text of every editable section, by section id. */
  sections: Record<string, string>;
  /** Sentences made of figures only, never edited: they follow the data. */
  computed: { belowTarget: string; noWeakness: string };
  measures: ProposedMeasure[];
}

export const reportTitle = (measuresYear: number) =>
  `มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ${measuresYear}`;

function figuresOf(input: DraftInput): ReportFigures {
  const a = input.analysis;
  const pick = (list: number[]) => a.ranking.filter((r) => list.includes(r.indicator));
  const lowest = a.ranking[a.ranking.length - 1] ?? null;
  const lowestMissingTopics =
    lowest && lowest.instrument === "OIT" && input.oitMissing
      ? input.framework.oitItems
          .filter((i) => i.indicator === lowest.indicator && input.oitMissing!.includes(i.id))
          .map((i) => i.topicTh)
      : [];
  return {
    basisYear: input.basis.fiscalYear,
    measuresYear: input.measuresYear,
    overall: input.basis.publishedTotal ?? a.overall,
    recomputed: a.overall,
    published: input.basis.publishedTotal,
    grade: input.basis.publishedGrade ?? a.grade,
    gradingMode: a.gradingMode,
    ratingWhy:
      a.rating && (input.basis.publishedGrade === null || input.basis.publishedGrade === a.grade)
        ? (whyNotNext(a.rating)?.th ?? null)
        : null,
    ratingWhyEn:
      a.rating && (input.basis.publishedGrade === null || input.basis.publishedGrade === a.grade)
        ? (whyNotNext(a.rating)?.en ?? null)
        : null,
    ratingUncertainNote: a.rating?.uncertain ? (input.framework.rating?.noteTh ?? null) : null,
    target: a.target,
    strengthLine: a.strengthLine,
    ranking: a.ranking,
    highest: a.ranking[0] ?? null,
    lowest,
    strengths: pick(a.strengths),
    weaknesses: pick(a.weaknesses),
    belowTarget: pick(a.belowTarget),
    missing: a.missing,
    lowestMissingTopics,
  };
}

/**
 * Drafts the measures report from the analysis, following the structure agencies publish:
 * rationale; the result; strengths and weaknesses with what each indicator measures; the indicators
 * below the target (computed here, never taken from prose); recommendations; the lowest indicator;
 * and proposed measures. Pure: the same input gives the same draft.
 */
export function draftReport(input: DraftInput): ReportDraft {
  const { texts, analysis } = input;
  const figures = figuresOf(input);
  const vars = {
    agency: input.agencyName,
    basisYear: input.basis.fiscalYear,
    measuresYear: input.measuresYear,
    target: analysis.target,
    strengthLine: analysis.strengthLine,
  };
  const sections: Record<string, string> = {
    rationale: fill(texts.rationale, vars),
    analysisIntro: fill(texts.analysisIntro, vars),
  };
  for (const ind of input.framework.indicators)
    sections[indicatorSection(ind.number)] = texts.indicators[String(ind.number)]?.about ?? "";

  const advice = (n: number) => texts.indicators[String(n)]?.advice;
  const adviceList = figures.belowTarget.map((r) => advice(r.indicator)).filter((x): x is string => Boolean(x));
  sections.recommendations = (adviceList.length ? adviceList : [texts.recommendationsMaintain]).join("\n");

  const lowest = figures.lowest;
  const focus: string[] = [];
  if (lowest) {
    const a = advice(lowest.indicator);
    if (a) focus.push(fill(texts.focusLead, { ...vars, advice: a }));
    if (figures.lowestMissingTopics.length)
      focus.push(fill(texts.focusMissing, { items: figures.lowestMissingTopics.join(" ") }));
  }
  sections.focus = focus.join("\n");

  const list = figures.belowTarget.map((r) => `ตัวชี้วัดที่ ${r.indicator} ${r.nameTh}`).join(" ");
  const computed = {
    belowTarget: figures.belowTarget.length
      ? fill(texts.belowTargetLead, { ...vars, count: figures.belowTarget.length, list })
      : fill(texts.belowTargetNone, vars),
    noWeakness: fill(texts.noWeakness, vars),
  };

  return {
    title: reportTitle(input.measuresYear),
    computed,
    subtitle: input.agencyName,
    agencyName: input.agencyName,
    figures,
    sections,
    measures: proposeMeasures(input.framework, analysis, texts, input.measuresYear, input.oitMissing),
  };
}
