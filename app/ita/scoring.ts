import type { Answers } from "./answers";
import { indicatorsOf, partCount, pointsFor } from "./framework";
import type { Framework, SurveyInstrument, SurveyItem } from "./framework";

/** Indicator number → score (0–100, full precision). An absent key means "no data", never 0. */
export type IndicatorScores = Partial<Record<number, number>>;

/** Count of respondents who chose `level` for one item (`sub` 0) or one of its sub-items (`sub` 1..n). */
export type TallyRow = { item: string; sub: number; level: number; count: number };
/** Per-choice answer counts of one instrument: enough to score it without reloading responses. */
export type Tallies = { respondents: number; rows: TallyRow[] };

/** A question's mean score over respondents, and of each sub-item (empty when it has none). */
export type QuestionScore = { score: number; subItems: number[] };

export type SurveyScores = {
  instrument: SurveyInstrument;
  respondents: number;
  questions: Record<string, QuestionScore>;
  indicators: IndicatorScores;
};

/** Total points per item part over all respondents; integers for every known framework. */
type PointSums = Map<string, number[]>;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function emptySums(fw: Framework, instrument: SurveyInstrument): PointSums {
  return new Map(fw.items[instrument].map((item) => [item.id, new Array<number>(partCount(item)).fill(0)]));
}

/**
 * Turns point sums into scores. Question = mean of its sub-items; a respondent's indicator score =
 * mean of its questions; indicator = mean over respondents. Because every item is required, that
 * equals Σ_q (Σ_sub points / parts_q) / (questions × respondents); each question is scaled by
 * L / parts_q (L = lcm of part counts) so the whole numerator stays an exact integer and each score
 * takes a single division: answers and tallies therefore give bit-identical results.
 */
function finish(fw: Framework, instrument: SurveyInstrument, respondents: number, sums: PointSums): SurveyScores {
  const result: SurveyScores = { instrument, respondents, questions: {}, indicators: {} };
  if (respondents === 0) return result;
  const items = fw.items[instrument];
  for (const item of items) {
    const parts = sums.get(item.id)!;
    const total = parts.reduce((a, b) => a + b, 0);
    result.questions[item.id] = {
      score: total / (respondents * parts.length),
      subItems: item.subItems ? parts.map((p) => p / respondents) : [],
    };
  }
  for (const indicator of indicatorsOf(fw, instrument)) {
    const questions = items.filter((i) => i.indicator === indicator.number);
    const lcm = questions.reduce((l, q) => (l * partCount(q)) / gcd(l, partCount(q)), 1);
    let numerator = 0;
    for (const q of questions) {
      const total = sums.get(q.id)!.reduce((a, b) => a + b, 0);
      numerator += total * (lcm / partCount(q));
    }
    result.indicators[indicator.number] = numerator / (respondents * questions.length * lcm);
  }
  return result;
}

function levelsOf(item: SurveyItem, value: unknown): number[] {
  if (!item.subItems) {
    if (typeof value !== "number") throw new TypeError(`${item.id}: missing or invalid answer (validate first)`);
    return [value];
  }
  if (typeof value !== "object" || value === null) throw new TypeError(`${item.id}: missing sub-item answers`);
  return item.subItems.map((_, i) => {
    const level = (value as Record<string, unknown>)[String(i + 1)];
    if (typeof level !== "number") throw new TypeError(`${item.id}.${i + 1}: missing or invalid answer`);
    return level;
  });
}

/**
 * Scores IIT or EIT responses by the published method: item points (reverse items mirrored) →
 * question score (mean of sub-items) → respondent indicator score (mean of its questions) →
 * indicator score (mean over respondents). Answers must have passed validateAnswers.
 */
export function scoreAnswers(
  fw: Framework,
  instrument: SurveyInstrument,
  answersList: readonly Answers[],
): SurveyScores {
  const sums = emptySums(fw, instrument);
  for (const answers of answersList) {
    for (const item of fw.items[instrument]) {
      const parts = sums.get(item.id)!;
      levelsOf(item, answers[item.id]).forEach((level, i) => {
        parts[i]! += pointsFor(fw, item, item.subItems ? i + 1 : 0, level);
      });
    }
  }
  return finish(fw, instrument, answersList.length, sums);
}

/** One respondent's question and indicator scores (the first two steps of the method). */
export function scoreRespondent(fw: Framework, instrument: SurveyInstrument, answers: Answers): SurveyScores {
  return scoreAnswers(fw, instrument, [answers]);
}

/** Counts answers per item, sub-item and level (rows with a zero count are left out). */
export function tallyAnswers(fw: Framework, instrument: SurveyInstrument, answersList: readonly Answers[]): Tallies {
  const counts = new Map<string, TallyRow>();
  for (const answers of answersList) {
    for (const item of fw.items[instrument]) {
      levelsOf(item, answers[item.id]).forEach((level, i) => {
        const sub = item.subItems ? i + 1 : 0;
        const key = `${item.id}|${sub}|${level}`;
        const row = counts.get(key) ?? { item: item.id, sub, level, count: 0 };
        row.count += 1;
        counts.set(key, row);
      });
    }
  }
  const order = new Map(fw.items[instrument].map((item, i) => [item.id, i]));
  const rows = [...counts.values()].sort(
    (a, b) => order.get(a.item)! - order.get(b.item)! || a.sub - b.sub || a.level - b.level,
  );
  return { respondents: answersList.length, rows };
}

/**
 * Scores IIT or EIT from tallies alone, identical to scoreAnswers on the same responses:
 * with every item required, the indicator score (mean over respondents of per-respondent means)
 * equals the mean of the per-question means, which the counts give directly.
 * Throws when a row names an unknown item, sub-item or level, or counts do not add up to respondents.
 */
export function scoreFromTallies(fw: Framework, instrument: SurveyInstrument, tallies: Tallies): SurveyScores {
  const { respondents } = tallies;
  if (!Number.isInteger(respondents) || respondents < 0) throw new RangeError("respondents must be a whole number ≥ 0");
  const sums = emptySums(fw, instrument);
  const counted = emptySums(fw, instrument);
  const byId = new Map(fw.items[instrument].map((item) => [item.id, item]));
  for (const row of tallies.rows) {
    const item = byId.get(row.item);
    if (!item) throw new RangeError(`tally row for unknown ${instrument} item ${row.item}`);
    if (!Number.isInteger(row.count) || row.count < 0) throw new RangeError(`${row.item}: bad count ${row.count}`);
    const index = item.subItems ? row.sub - 1 : row.sub;
    sums.get(item.id)![index]! += row.count * pointsFor(fw, item, row.sub, row.level);
    counted.get(item.id)![index]! += row.count;
  }
  for (const [id, parts] of counted) {
    parts.forEach((n, i) => {
      if (n !== respondents) throw new RangeError(`${id} part ${i + 1}: ${n} answers for ${respondents} respondents`);
    });
  }
  return finish(fw, instrument, respondents, sums);
}
