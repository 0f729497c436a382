import type { Analysis } from "./analysis";
import type { Framework, Instrument } from "./framework";
import { ratingLabels, whyNotNext } from "./rating";
import type { Shortfall } from "./rating";
import { roundTo } from "./rounding";

/** The rating as JSON output prints it: the label in both languages, whether the rule is uncertain, and why not the next. */
export type RatingJson = {
  label: string;
  labelEn: string;
  passes: boolean;
  uncertain: boolean;
  /** The framework's note on where the rule comes from (labels mode), else null. */
  noteTh: string | null;
  noteEn: string | null;
  next: { label: string; labelEn: string; shortfalls: Shortfall[] } | null;
  whyNotNextTh: string | null;
  whyNotNextEn: string | null;
};

/** The analysis as every JSON output of the app prints it (CLI analyze, results, recount). */
export type AnalysisJson = {
  framework: string;
  gradingMode: Framework["gradingMode"];
  overall: number | null;
  overallExact: number | null;
  grade: string | null;
  /** Every label of the framework's rule, highest first, with its English name. */
  ratingLabels: { label: string; labelEn: string }[];
  rating: RatingJson | null;
  meetsTarget: boolean | null;
  target: number;
  strengthLine: number;
  instruments: Record<Instrument, number | null>;
  instrumentsExact: Record<Instrument, number | null>;
  ranking: { rank: number; indicator: number; nameTh: string; nameEn: string; instrument: Instrument; score: number }[];
  highest: { indicator: number; score: number } | null;
  lowest: { indicator: number; score: number } | null;
  strengths: number[];
  weaknesses: number[];
  belowTarget: number[];
  missing: number[];
  withheld: string | null;
};

const EXACT_DIGITS = 4;
const exact = (x: number | null) => (x === null ? null : roundTo(x, EXACT_DIGITS));

/**
 * Shapes an analysis for JSON output: 2-decimal display scores, "exact" values to 4 decimals
 * (enough to compare with published totals such as 79.6452), indicator numbers as integers.
 */
export function formatAnalysisJson(analysis: Analysis, fw: Framework): AnalysisJson {
  const pick = <T>(f: (r: Analysis["instruments"][Instrument]) => T) => ({
    IIT: f(analysis.instruments.IIT),
    EIT: f(analysis.instruments.EIT),
    OIT: f(analysis.instruments.OIT),
  });
  return {
    framework: fw.id,
    gradingMode: analysis.gradingMode,
    overall: analysis.overall,
    overallExact: exact(analysis.overallExact),
    grade: analysis.grade,
    ratingLabels: ratingLabels(fw),
    rating: analysis.rating && {
      label: analysis.rating.label,
      labelEn: analysis.rating.labelEn,
      passes: analysis.rating.passes,
      uncertain: analysis.rating.uncertain,
      noteTh: fw.gradingMode === "labels" ? (fw.rating?.noteTh ?? null) : null,
      noteEn: fw.gradingMode === "labels" ? (fw.rating?.noteEn ?? null) : null,
      next: analysis.rating.next,
      whyNotNextTh: whyNotNext(analysis.rating)?.th ?? null,
      whyNotNextEn: whyNotNext(analysis.rating)?.en ?? null,
    },
    meetsTarget: analysis.meetsTarget,
    target: analysis.target,
    strengthLine: analysis.strengthLine,
    instruments: pick((r) => r.score),
    instrumentsExact: pick((r) => exact(r.exact)),
    ranking: analysis.ranking.map(({ rank, indicator, nameTh, nameEn, instrument, score }) => ({
      rank,
      indicator,
      nameTh,
      nameEn,
      instrument,
      score,
    })),
    highest: analysis.highest,
    lowest: analysis.lowest,
    strengths: analysis.strengths,
    weaknesses: analysis.weaknesses,
    belowTarget: analysis.belowTarget,
    missing: analysis.missing,
    withheld: analysis.withheld,
  };
}
