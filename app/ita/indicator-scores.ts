import type { Framework } from "./framework";
import type { IndicatorScores } from "./scoring";

export type ParsedIndicatorScores = { scores: IndicatorScores; errors: string[] };

/**
 * Reads untrusted indicator scores (`{"1": 97.61, …}`) for analyze(): keys must be indicator
 * numbers of the framework, values numbers from 0 to 100; null means no data. Reports every problem.
 */
export function parseIndicatorScores(fw: Framework, raw: unknown): ParsedIndicatorScores {
  const scores: IndicatorScores = {};
  const errors: string[] = [];
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    return { scores, errors: ["indicator_scores must be an object of indicator number → score"] };
  const known = new Set(fw.indicators.map((i) => i.number));
  for (const [key, value] of Object.entries(raw)) {
    const number = Number(key);
    if (!/^\d+$/.test(key) || !known.has(number)) {
      errors.push(`indicator ${JSON.stringify(key)} is not an indicator of ${fw.id}`);
    } else if (value === null) {
      continue;
    } else if (typeof value !== "number" || !Number.isFinite(value)) {
      errors.push(`indicator ${key}: score ${JSON.stringify(value)} is not a number`);
    } else if (value < 0 || value > 100) {
      errors.push(`indicator ${key}: score ${value} is outside 0–100`);
    } else {
      scores[number] = value;
    }
  }
  return { scores, errors };
}

/** Indicator numbers of the framework that have no score, in indicator order. */
export function missingIndicators(fw: Framework, scores: IndicatorScores): number[] {
  return fw.indicators
    .map((i) => i.number)
    .filter((n) => scores[n] === undefined)
    .sort((a, b) => a - b);
}
