import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze, parseFramework } from "../ita";
import { measurePoints, proposeMeasures } from "./measures";
import { parseReportTexts } from "./texts";

// The measures the report proposes come in the order of "where the points are": the measure that would add
// the most points of the weighted total first.

const readJson = (path: string): any => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
const fw = parseFramework(readJson("../../surveys/ita-2565/framework.json"));
const texts = parseReportTexts(readJson("../../surveys/ita-2565/report-texts.json"));
// The worked example's published indicator scores (tests/fixtures/example-2565.json).
const example = { 1: 97.61, 2: 98.46, 3: 99.35, 4: 98.86, 5: 98.54, 6: 96.03, 7: 92.88, 8: 87.23, 9: 68.56, 10: 43.75 };
const propose = (scores: Record<number, number>, oitMissing: string[] | null) =>
  proposeMeasures(fw, analyze(fw, scores), texts, 2566, oitMissing);
const subOf = (measure: string) => fw.subindicators.find((s) => measure.includes(s.nameTh))?.id ?? null;

describe("measurePoints", () => {
  const analysis = analyze(fw, example);

  it("gives an indicator's own measure the points of +5 on it: 1.00 for an OIT indicator (weight 20), 0.50 for EIT, 0.30 for IIT", () => {
    const low = analyze(fw, { ...example, 1: 80 });
    expect(measurePoints(fw, low, { indicator: 10 }, null)).toBeCloseTo(1, 10);
    expect(measurePoints(fw, low, { indicator: 8 }, null)).toBeCloseTo(0.5, 10);
    expect(measurePoints(fw, low, { indicator: 1 }, null)).toBeCloseTo(0.3, 10);
  });

  it("caps +5 at 100: indicator 1 at 97.61 can add only 2.39 × 6 % = 0.1434", () => {
    expect(measurePoints(fw, analysis, { indicator: 1 }, null)).toBeCloseTo(0.1434, 10);
  });

  it("gives an OIT sub-indicator measure the points of its missing items all answered มี with evidence", () => {
    const missing = ["o27", "o28", "o36", "o42"];
    // 10.2 has 2 items: o42 is half of it, half of indicator 10's two sub-indicators: 25 points × 20 % = 5.00.
    expect(measurePoints(fw, analysis, { indicator: 10, items: ["o42"] }, missing)).toBeCloseTo(5, 10);
    // 9.4 has 4 items: o27 and o28 are half of it, one of indicator 9's five: 10 points × 20 % = 2.00.
    expect(measurePoints(fw, analysis, { indicator: 9, items: ["o27", "o28"] }, missing)).toBeCloseTo(2, 10);
    // 10.1 has 8 items: o36 is an eighth of it: 6.25 points × 20 % = 1.25.
    expect(measurePoints(fw, analysis, { indicator: 10, items: ["o36"] }, missing)).toBeCloseTo(1.25, 10);
  });
});

describe("proposeMeasures orders the measures by where the points are", () => {
  it("puts the OIT sub-indicator worth most first, whatever its indicator's score: 10.2, 9.4, then 10.1", () => {
    const measures = propose(example, ["o27", "o28", "o36", "o42"]);
    expect(measures.map((m) => [m.indicator, subOf(m.measure)])).toEqual([
      [10, "10.2"],
      [9, "9.4"],
      [10, "10.1"],
    ]);
  });

  it("keeps the lowest score first when the points are equal (indicators 10 and 9 each +1.00 without a checklist)", () => {
    expect(propose(example, null).map((m) => m.indicator)).toEqual([10, 9]);
  });

  it("puts a missing OIT item worth 1.25 points before an EIT indicator worth 0.50 although the EIT score is lower", () => {
    const scores = { ...example, 8: 60, 9: 90, 10: 80 };
    const measures = propose(scores, ["o36"]);
    expect(measures.map((m) => [m.indicator, subOf(m.measure)])).toEqual([
      [10, "10.1"],
      [8, null],
    ]);
  });
});
