import { INSTRUMENTS } from "./framework";
import type { Framework, Instrument } from "./framework";
import { formatScore, round2 } from "./rounding";

/**
 * A framework's rating rule as one list, highest first: the 2565 grade bands (a condition on the total only),
 * pass/fail against the target, or the labels of 2566 on (conditions on the total and on each instrument).
 */
export type RatingStep = {
  label: string;
  labelEn: string;
  passes: boolean;
  minTotal: number;
  minEachInstrument: number | null;
};

/** A condition the result did not meet: `what` (the total or an instrument) scored `score` (2 decimals) < `min`. */
export type Shortfall = { what: "total" | Instrument; score: number; min: number };

export type Rating = {
  mode: Framework["gradingMode"];
  label: string;
  labelEn: string;
  passes: boolean;
  /** The rule is not from an official source: shown beside the label. */
  uncertain: boolean;
  /** The label one step up and what kept the result from it; null at the top. */
  next: { label: string; labelEn: string; shortfalls: Shortfall[] } | null;
  /** The instrument scores (2 decimals) the rule used; null for a rule on the total only. */
  instruments: Record<Instrument, number> | null;
};

/** The rating rule of a framework, highest label first. */
export function ratingSteps(fw: Framework): RatingStep[] {
  if (fw.gradingMode === "labels") {
    if (!fw.rating) throw new RangeError(`framework ${fw.id}: gradingMode labels without a rating`);
    return fw.rating.labels.map((l) => ({
      label: l.label,
      labelEn: l.labelEn,
      passes: l.passes,
      minTotal: l.minTotal,
      minEachInstrument: l.minEachInstrument ?? null,
    }));
  }
  if (fw.gradingMode === "pass_fail")
    return [
      { label: "pass", labelEn: "Pass", passes: true, minTotal: fw.target, minEachInstrument: null },
      { label: "fail", labelEn: "Fail", passes: false, minTotal: 0, minEachInstrument: null },
    ];
  return [...fw.gradeBands]
    .sort((a, b) => b.min - a.min)
    .map((b) => ({
      label: b.grade,
      labelEn: b.grade,
      passes: b.min >= fw.target,
      minTotal: b.min,
      minEachInstrument: null,
    }));
}

/** Every label of the framework's rule with its English name, highest first (the official-results select). */
export function ratingLabels(fw: Framework): { label: string; labelEn: string }[] {
  return ratingSteps(fw).map(({ label, labelEn }) => ({ label, labelEn }));
}

/**
 * Each instrument's score as a labelled rating reads it: the plain mean of its indicators (IIT = 1–5,
 * EIT = 6–8, OIT = 9–10 in every known year); null while one of them has no score.
 */
export function instrumentMeans(
  fw: Framework,
  scores: Partial<Record<number, number>>,
): Record<Instrument, number | null> {
  return Object.fromEntries(
    INSTRUMENTS.map((name) => {
      const list = fw.indicators.filter((i) => i.instrument === name);
      if (list.length === 0 || list.some((i) => scores[i.number] === undefined)) return [name, null];
      return [name, list.reduce((sum, i) => sum + scores[i.number]!, 0) / list.length];
    }),
  ) as Record<Instrument, number | null>;
}

function shortfallsOf(step: RatingStep, total: number, instruments: Record<Instrument, number> | null): Shortfall[] {
  const out: Shortfall[] = [];
  if (total < step.minTotal) out.push({ what: "total", score: total, min: step.minTotal });
  if (step.minEachInstrument !== null && instruments) {
    for (const name of INSTRUMENTS) {
      if (instruments[name] < step.minEachInstrument)
        out.push({ what: name, score: instruments[name], min: step.minEachInstrument });
    }
  }
  return out;
}

/**
 * The rating of a complete result: the first label (highest first) whose conditions the 2-decimal total and,
 * where asked, the 2-decimal instrument scores meet; with the next label up and what kept the result from it.
 * `instruments` are the exact instrument scores (needed only for a rule with instrument conditions).
 */
export function rate(
  fw: Framework,
  overallExact: number,
  instruments: Record<Instrument, number | null> | null = null,
): Rating {
  const rated = rateBySteps(ratingSteps(fw), overallExact, instruments);
  if (!rated) throw new RangeError(`framework ${fw.id}: the rating needs the IIT, EIT and OIT scores`);
  return {
    ...rated,
    mode: fw.gradingMode,
    uncertain: fw.gradingMode === "labels" && fw.rating?.status === "uncertain",
  };
}

/**
 * The rating from the rule's steps alone (what a browser form has): as `rate`, without the framework's mode and
 * certainty; null when the rule has instrument conditions and an instrument score is missing.
 */
export function rateBySteps(
  steps: readonly RatingStep[],
  overallExact: number,
  instruments: Record<Instrument, number | null> | null,
): Omit<Rating, "mode" | "uncertain"> | null {
  const total = round2(overallExact);
  let used: Record<Instrument, number> | null = null;
  if (steps.some((s) => s.minEachInstrument !== null)) {
    if (!instruments || INSTRUMENTS.some((n) => instruments[n] === null)) return null;
    used = Object.fromEntries(INSTRUMENTS.map((n) => [n, round2(instruments[n]!)])) as Record<Instrument, number>;
  }
  const index = steps.findIndex((s) => shortfallsOf(s, total, used).length === 0);
  if (index < 0) throw new RangeError(`no rating label for ${total}`);
  const step = steps[index]!;
  const up = index > 0 ? steps[index - 1]! : null;
  return {
    label: step.label,
    labelEn: step.labelEn,
    passes: step.passes,
    next: up ? { label: up.label, labelEn: up.labelEn, shortfalls: shortfallsOf(up, total, used) } : null,
    instruments: used,
  };
}

/**
 * Whether a published total and the one recomputed from the published indicator scores differ by more than
 * rounding can explain: more than 0.01 once both are shown with two decimals (79.64 beside 79.65 is fine).
 */
export function totalsDiffer(published: number, recomputed: number): boolean {
  return Math.round(Math.abs(round2(published) - round2(recomputed)) * 100) > 1;
}

const whatTh = (s: Shortfall) => (s.what === "total" ? "คะแนนรวม" : s.what);
const whatEn = (s: Shortfall) => (s.what === "total" ? "total" : s.what);

/** "EIT 83.10 < 85" (Thai: "คะแนนรวม 93.10 < 95"), one per unmet condition of the next label up. */
export function shortfallText(s: Shortfall, lang: "th" | "en"): string {
  return `${lang === "th" ? whatTh(s) : whatEn(s)} ${formatScore(s.score)} < ${s.min}`;
}

/** Why the result is not the next label up, in Thai and English; null at the top label. */
export function whyNotNext(rating: Rating): { th: string; en: string } | null {
  if (!rating.next) return null;
  const th = rating.next.shortfalls.map((s) => shortfallText(s, "th")).join(", ");
  const en = rating.next.shortfalls.map((s) => shortfallText(s, "en")).join(", ");
  const lead = rating.mode === "pass_fail" ? "ยังไม่ผ่าน" : `ยังไม่ถึง${ratingPhraseTh(rating.mode, rating.next.label)}`;
  return {
    th: `${lead} เพราะ ${th}`,
    en: `Not ${rating.next.labelEn} because ${en}`,
  };
}

/** How a rating reads in a Thai sentence: "ระดับ B" for a grade band, the label itself otherwise. */
export function ratingPhraseTh(mode: Framework["gradingMode"], label: string): string {
  if (mode === "pass_fail") return label === "pass" ? "ผ่าน" : label === "fail" ? "ไม่ผ่าน" : label;
  if (mode === "grades") return `ระดับ ${label}`;
  return `ระดับ${label}`;
}
