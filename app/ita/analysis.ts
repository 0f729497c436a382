import { INSTRUMENTS, indicatorsOf } from "./framework";
import type { Framework, Instrument } from "./framework";
import { instrumentMeans, rate } from "./rating";
import type { Rating } from "./rating";
import { round2 } from "./rounding";
import type { IndicatorScores } from "./scoring";

export type AnalysisOptions = {
  /** Strength line: a 2-decimal score at or above it is a strength (จุดแข็ง). Default: framework.strengthLine. */
  strengthLine?: number;
  /** National target. Default: framework.target. */
  target?: number;
};

export type RankedIndicator = {
  rank: number;
  indicator: number;
  nameTh: string;
  nameEn: string;
  instrument: Instrument;
  /** 2-decimal score, the value ranking and classification use. */
  score: number;
  exact: number;
};

export type InstrumentResult = { score: number | null; exact: number | null };

export type Analysis = {
  frameworkId: string;
  gradingMode: Framework["gradingMode"];
  strengthLine: number;
  target: number;
  instruments: Record<Instrument, InstrumentResult>;
  overall: number | null;
  overallExact: number | null;
  /**
   * A grade band (AA…F) in "grades" mode, "pass" or "fail" in "pass_fail" mode, the Thai label (ผ่านดี …) in
   * "labels" mode; null while withheld.
   */
  grade: string | null;
  /** The rating with the next label up and why it was not reached; null while withheld. */
  rating: Rating | null;
  meetsTarget: boolean | null;
  ranking: RankedIndicator[];
  highest: { indicator: number; score: number } | null;
  lowest: { indicator: number; score: number } | null;
  strengths: number[];
  weaknesses: number[];
  belowTarget: number[];
  missing: number[];
  withheld: string | null;
};

/**
 * The grade of an overall score: the band whose minimum the 2-decimal score reaches (grades mode), pass/fail
 * against the target (pass_fail mode), or the label whose conditions the total and the instrument scores meet
 * (labels mode, which needs `instruments`).
 */
export function gradeFor(
  fw: Framework,
  overall: number,
  instruments: Record<Instrument, number | null> | null = null,
): string {
  return rate(fw, overall, instruments).label;
}

function checkScores(fw: Framework, scores: IndicatorScores): void {
  const known = new Set(fw.indicators.map((i) => i.number));
  for (const [key, value] of Object.entries(scores)) {
    if (value === undefined) continue;
    if (!known.has(Number(key))) throw new RangeError(`indicator ${key} is not in framework ${fw.id}`);
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 100)
      throw new RangeError(`indicator ${key}: score ${String(value)} is not between 0 and 100`);
  }
}

/**
 * The analysis an agency report makes from the ten indicator scores: instrument scores, weighted
 * overall (Σ weight × score), grade and target check on the 2-decimal overall; ranking high to low
 * by 2-decimal score (competition ranks 1, 2, 2, 4, ties in indicator order); highest and lowest
 * (first and last of the ranking); strengths (≥ strength line), weaknesses and below-target lists.
 * Missing indicators are listed, never counted as 0; overall and grade are withheld until all exist.
 */
export function analyze(fw: Framework, scores: IndicatorScores, options: AnalysisOptions = {}): Analysis {
  checkScores(fw, scores);
  const strengthLine = options.strengthLine ?? fw.strengthLine;
  const target = options.target ?? fw.target;
  const ordered = [...fw.indicators].sort((a, b) => a.number - b.number);
  const missing = ordered.filter((i) => scores[i.number] === undefined).map((i) => i.number);

  const scored = ordered.flatMap((i) => {
    const exact = scores[i.number];
    return exact === undefined ? [] : [{ ...i, exact, score: round2(exact) }];
  });
  const sorted = [...scored].sort((a, b) => b.score - a.score || a.number - b.number);
  const ranking: RankedIndicator[] = sorted.map((i) => ({
    rank: 1 + sorted.filter((j) => j.score > i.score).length,
    indicator: i.number,
    nameTh: i.nameTh,
    nameEn: i.nameEn,
    instrument: i.instrument,
    score: i.score,
    exact: i.exact,
  }));

  const weighted = (list: Framework["indicators"]): number | null => {
    if (list.some((i) => scores[i.number] === undefined)) return null;
    const weight = list.reduce((sum, i) => sum + i.weight, 0);
    return list.reduce((sum, i) => sum + i.weight * scores[i.number]!, 0) / weight;
  };
  // A labelled rating reads each instrument as the plain mean of its indicators (the rule's definition); the
  // weighted mean of the others is the same number whenever an instrument's indicators weigh alike (2565).
  const means = fw.gradingMode === "labels" ? instrumentMeans(fw, scores) : null;
  const instruments = Object.fromEntries(
    INSTRUMENTS.map((name) => {
      const list = indicatorsOf(fw, name);
      const exact = means ? means[name] : list.length ? weighted(list) : null;
      return [name, { exact, score: exact === null ? null : round2(exact) }];
    }),
  ) as Record<Instrument, InstrumentResult>;

  const overallExact = missing.length ? null : weighted(ordered);
  const rating =
    overallExact === null
      ? null
      : rate(
          fw,
          overallExact,
          Object.fromEntries(INSTRUMENTS.map((n) => [n, instruments[n].exact])) as Record<Instrument, number | null>,
        );
  const overall = overallExact === null ? null : round2(overallExact);
  const first = ranking[0];
  const last = ranking[ranking.length - 1];

  return {
    frameworkId: fw.id,
    gradingMode: fw.gradingMode,
    strengthLine,
    target,
    instruments,
    overall,
    overallExact,
    grade: rating?.label ?? null,
    rating,
    meetsTarget: overall === null ? null : overall >= target,
    ranking,
    highest: first ? { indicator: first.indicator, score: first.score } : null,
    lowest: last ? { indicator: last.indicator, score: last.score } : null,
    strengths: ranking.filter((r) => r.score >= strengthLine).map((r) => r.indicator),
    weaknesses: ranking.filter((r) => r.score < strengthLine).map((r) => r.indicator),
    belowTarget: ranking.filter((r) => r.score < target).map((r) => r.indicator),
    missing,
    withheld: missing.length
      ? `overall score and grade withheld: no score yet for indicator${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`
      : null,
  };
}
