import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze, gradeFor } from "./analysis";
import { parseFramework } from "./framework";
import type { Framework } from "./framework";
import type { IndicatorScores } from "./scoring";

const readJson = (path: string): any => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
const ita2565 = parseFramework(readJson("../../surveys/ita-2565/framework.json"));
const itaTest = parseFramework(readJson("../../tests/fixtures/frameworks/ita-test/framework.json"));
const example = readJson("../../tests/fixtures/example-2565.json");
const exampleScores: IndicatorScores = Object.fromEntries(
  Object.entries(example.indicator_scores as Record<string, number>).map(([k, v]) => [Number(k), v]),
);

/** Ten indicators all at `score`, so the overall equals it exactly. */
const flat = (score: number): IndicatorScores =>
  Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => [n, score]));

describe("the worked example of ITA 2565", () => {
  const a = analyze(ita2565, exampleScores);

  it("reproduces the overall 79.65 from the rounded inputs (79.6452 exact) and grade B", () => {
    expect(a.overallExact).toBeCloseTo(79.6452, 10);
    expect(a.overall).toBe(79.65);
    expect(Math.abs(a.overall! - example.expected.overall_published)).toBeLessThanOrEqual(0.01 + 1e-9);
    expect(a.grade).toBe("B");
    expect(a.meetsTarget).toBe(false);
    expect(a.withheld).toBeNull();
  });

  it("reproduces the instrument scores", () => {
    expect(a.instruments.IIT.exact).toBeCloseTo(98.564, 10);
    expect(a.instruments.EIT.exact).toBeCloseTo(92.0467, 4);
    expect(a.instruments.OIT.exact).toBeCloseTo(56.155, 10);
    expect([a.instruments.IIT.score, a.instruments.EIT.score, a.instruments.OIT.score]).toEqual([98.56, 92.05, 56.16]);
  });

  it("ranks 3, 4, 5, 2, 1, 6, 7, 8, 9, 10 and names highest and lowest", () => {
    expect(a.ranking.map((r) => r.indicator)).toEqual([3, 4, 5, 2, 1, 6, 7, 8, 9, 10]);
    expect(a.ranking.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(a.ranking[0]).toMatchObject({
      indicator: 3,
      nameTh: "การใช้อำนาจ",
      nameEn: "Use of authority",
      score: 99.35,
    });
    expect(a.highest).toEqual({ indicator: 3, score: 99.35 });
    expect(a.lowest).toEqual({ indicator: 10, score: 43.75 });
  });

  it("finds strengths 1–8, weaknesses 9 and 10 and two indicators below the target", () => {
    expect(a.strengths).toEqual([3, 4, 5, 2, 1, 6, 7, 8]);
    expect(a.weaknesses).toEqual([9, 10]);
    expect(a.belowTarget).toEqual([9, 10]);
    expect(a.missing).toEqual([]);
  });

  it("takes the strength line and target as parameters", () => {
    const strict = analyze(ita2565, exampleScores, { strengthLine: 95, target: 96 });
    expect(strict.strengths).toEqual([3, 4, 5, 2, 1, 6]);
    expect(strict.weaknesses).toEqual([7, 8, 9, 10]);
    expect(strict.belowTarget).toEqual([7, 8, 9, 10]);
    expect(strict.meetsTarget).toBe(false);
  });
});

describe("grade bands judged on the 2-decimal overall", () => {
  const cases: [number, string][] = [
    [100, "AA"],
    [95, "AA"],
    [94.995, "AA"],
    [94.994, "A"],
    [85, "A"],
    [84.995, "A"],
    [84.994, "B"],
    [75, "B"],
    [74.995, "B"],
    [74.994, "C"],
    [65, "C"],
    [64.994, "D"],
    [55, "D"],
    [54.995, "D"],
    [54.994, "E"],
    [50, "E"],
    [49.995, "E"],
    [49.994, "F"],
    [0, "F"],
  ];
  it.each(cases)("gives %d grade %s", (overall, grade) => {
    expect(gradeFor(ita2565, overall)).toBe(grade);
    expect(analyze(ita2565, flat(overall)).grade).toBe(grade);
  });

  it("meets the target of 85 at 84.995 but not at 84.994", () => {
    expect(analyze(ita2565, flat(84.995))).toMatchObject({ overall: 85, meetsTarget: true, belowTarget: [] });
    expect(analyze(ita2565, flat(84.994))).toMatchObject({ overall: 84.99, meetsTarget: false });
  });

  it("counts 69.995 as a strength and 69.994 as a weakness", () => {
    const a = analyze(ita2565, { ...exampleScores, 9: 69.995, 10: 69.994 });
    expect(a.strengths).toContain(9);
    expect(a.weaknesses).toEqual([10]);
  });
});

describe("ranking with ties", () => {
  it("shares a rank between equal 2-decimal scores and lists them in indicator order", () => {
    const a = analyze(ita2565, { 1: 90, 2: 95, 3: 90, 4: 80, 5: 95.004, 6: 70, 7: 89.995, 8: 90.001, 9: 60, 10: 60 });
    expect(a.ranking.map((r) => [r.rank, r.indicator])).toEqual([
      [1, 2],
      [1, 5],
      [3, 1],
      [3, 3],
      [3, 7],
      [3, 8],
      [7, 4],
      [8, 6],
      [9, 9],
      [9, 10],
    ]);
    expect(a.highest).toEqual({ indicator: 2, score: 95 });
    expect(a.lowest).toEqual({ indicator: 10, score: 60 });
  });
});

describe("partial data", () => {
  it("lists missing indicators, never counts them as 0, and withholds overall and grade", () => {
    const { 9: _nine, 10: _ten, ...some } = exampleScores;
    const a = analyze(ita2565, some);
    expect(a.missing).toEqual([9, 10]);
    expect(a.ranking.map((r) => r.indicator)).toEqual([3, 4, 5, 2, 1, 6, 7, 8]);
    expect(a.overall).toBeNull();
    expect(a.overallExact).toBeNull();
    expect(a.grade).toBeNull();
    expect(a.meetsTarget).toBeNull();
    expect(a.withheld).toBe("overall score and grade withheld: no score yet for indicators 9, 10");
    expect(a.instruments.OIT).toEqual({ score: null, exact: null });
    expect(a.instruments.IIT.score).toBe(98.56);
    expect(a.weaknesses).toEqual([]);
    expect(a.lowest).toEqual({ indicator: 8, score: 87.23 });
  });

  it("gives an empty analysis when nothing is scored yet", () => {
    const a = analyze(ita2565, {});
    expect(a.missing).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(a.ranking).toEqual([]);
    expect(a.highest).toBeNull();
    expect(a.withheld).toMatch(/indicators 1, 2, 3/);
  });

  it("rejects unknown indicators and scores outside 0–100", () => {
    expect(() => analyze(ita2565, { 11: 50 })).toThrow(/indicator 11 is not in framework ita-2565/);
    expect(() => analyze(ita2565, { 1: 100.5 })).toThrow(/not between 0 and 100/);
    expect(() => analyze(ita2565, { 1: Number.NaN })).toThrow(RangeError);
  });
});

describe("pass/fail grading", () => {
  const passFail: Framework = { ...ita2565, gradingMode: "pass_fail" };

  it("reports pass at 84.995 and fail at 84.994 against the target of 85", () => {
    expect(analyze(passFail, flat(84.995))).toMatchObject({
      grade: "pass",
      meetsTarget: true,
      gradingMode: "pass_fail",
    });
    expect(analyze(passFail, flat(84.994))).toMatchObject({ grade: "fail", meetsTarget: false });
    expect(analyze(passFail, exampleScores).grade).toBe("fail");
  });

  it("works on another year's framework file with three indicators", () => {
    const a = analyze(itaTest, { 1: 90, 2: 80, 3: 87.5 });
    expect(a.overallExact).toBeCloseTo(86, 10);
    expect(a.overall).toBe(86);
    expect(a.grade).toBe("pass");
    expect(a.ranking.map((r) => r.indicator)).toEqual([1, 3, 2]);
    expect(a.strengths).toEqual([1, 3, 2]);
    expect(a.belowTarget).toEqual([2]);
  });
});
