/**
 * The ITA display rule: keep full precision inside, show 2 decimals rounded half up on the
 * decimal hundredths. Binary floats store 84.995 as 84.99499999…, so the value is first cut
 * to 12 significant digits (noise lives far below that for scores of 0–100), then rounded
 * half away from zero. Grade, target and strength/weakness all use this 2-decimal value.
 */
export function round2(x: number): number {
  return roundTo(x, 2);
}

/** Rounds to `digits` decimals by the same half-up rule (used for exact values in output, e.g. 79.6452). */
export function roundTo(x: number, digits: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`cannot round ${x}`);
  const scale = 10 ** digits;
  const scaled = Number((Math.abs(x) * scale).toPrecision(12));
  const rounded = Math.round(scaled) / scale;
  return x < 0 && rounded !== 0 ? -rounded : rounded;
}

/** Formats a score for display with exactly two decimals, e.g. 85 → "85.00". */
export function formatScore(x: number): string {
  return round2(x).toFixed(2);
}
