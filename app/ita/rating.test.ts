import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyze } from "./analysis";
import { formatAnalysisJson } from "./format";
import { parseFramework } from "./framework";
import type { Framework } from "./framework";
import { instrumentMeans, rate, ratingLabels, ratingSteps, totalsDiffer, whyNotNext } from "./rating";
import type { IndicatorScores } from "./scoring";
import { formatAnalysisTextTh } from "./summary-th";

const readJson = (path: string): any => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
const ita2565 = parseFramework(readJson("../../surveys/ita-2565/framework.json"));
const ita2566 = parseFramework(readJson("../../surveys/ita-2566/framework.json"));

const NUMBERS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const flat = (score: number): IndicatorScores => Object.fromEntries(NUMBERS.map((n) => [n, score]));
/** IIT indicators at `iit`, EIT at `eit`, OIT at `oit`: the total is 0.3·iit + 0.3·eit + 0.4·oit. */
const byInstrument = (iit: number, eit: number, oit: number): IndicatorScores =>
  Object.fromEntries(NUMBERS.map((n) => [n, n <= 5 ? iit : n <= 8 ? eit : oit]));

const labelOf = (fw: Framework, scores: IndicatorScores) => analyze(fw, scores).grade;

describe("the labelled rating of ita-2566 (ผ่านดีเยี่ยม … ต้องปรับปรุงโดยด่วน)", () => {
  it("declares five labels from the highest down and marks the rule uncertain", () => {
    expect(ratingLabels(ita2566).map((l) => l.label)).toEqual([
      "ผ่านดีเยี่ยม",
      "ผ่านดี",
      "ผ่าน",
      "ต้องปรับปรุง",
      "ต้องปรับปรุงโดยด่วน",
    ]);
    expect(ita2566.rating?.status).toBe("uncertain");
    expect(analyze(ita2566, flat(90)).rating?.uncertain).toBe(true);
  });

  it("gives ผ่านดี at 84.995 (85.00 shown) and ต้องปรับปรุง at 84.994, saying the total is below 85", () => {
    expect(labelOf(ita2566, flat(84.995))).toBe("ผ่านดี");
    const below = analyze(ita2566, flat(84.994)).rating!;
    expect(below.label).toBe("ต้องปรับปรุง");
    expect(below.passes).toBe(false);
    expect(whyNotNext(below)).toEqual({
      th: "ยังไม่ถึงระดับผ่าน เพราะ คะแนนรวม 84.99 < 85",
      en: "Not Pass because total 84.99 < 85",
    });
  });

  it("gives ผ่านดีเยี่ยม at 94.995 and ผ่านดี at 94.994, naming the total and each instrument below 95", () => {
    expect(labelOf(ita2566, flat(94.995))).toBe("ผ่านดีเยี่ยม");
    const below = analyze(ita2566, flat(94.994)).rating!;
    expect(below.label).toBe("ผ่านดี");
    expect(whyNotNext(below)?.en).toBe(
      "Not Pass with excellence because total 94.99 < 95, IIT 94.99 < 95, EIT 94.99 < 95, OIT 94.99 < 95",
    );
  });

  it("gives ผ่าน, not ผ่านดี, to a total of 94 whose EIT is 84.99, and says EIT 84.99 < 85", () => {
    const a = analyze(ita2566, byInstrument(100, 84.99, 96.2575));
    expect(a.overall).toBe(94);
    expect(a.instruments.EIT.score).toBe(84.99);
    expect(a.grade).toBe("ผ่าน");
    expect(a.rating?.next).toEqual({
      label: "ผ่านดี",
      labelEn: "Good pass",
      shortfalls: [{ what: "EIT", score: 84.99, min: 85 }],
    });
    expect(whyNotNext(a.rating!)?.th).toBe("ยังไม่ถึงระดับผ่านดี เพราะ EIT 84.99 < 85");
  });

  it("gives ผ่านดีเยี่ยม when the total and every instrument are exactly 95.00, with nothing above it", () => {
    const a = analyze(ita2566, flat(95));
    expect(a.grade).toBe("ผ่านดีเยี่ยม");
    expect(a.rating?.next).toBeNull();
    expect(whyNotNext(a.rating!)).toBeNull();
  });

  it("gives ต้องปรับปรุง at 69.995 (70.00 shown) and ต้องปรับปรุงโดยด่วน at 69.994", () => {
    expect(labelOf(ita2566, flat(69.995))).toBe("ต้องปรับปรุง");
    const urgent = analyze(ita2566, flat(69.994)).rating!;
    expect(urgent.label).toBe("ต้องปรับปรุงโดยด่วน");
    expect(whyNotNext(urgent)?.en).toBe("Not Needs improvement because total 69.99 < 70");
  });

  it("reads the published SAO 2568 case: a total of 94.64 with EIT 83.10 is ผ่าน because EIT 83.10 < 85", () => {
    // OIT 97.85 and IIT 99.95 with EIT 83.10: 0.3·99.95 + 0.3·83.10 + 0.4·97.85 = 94.055; only the label matters.
    const a = analyze(ita2566, byInstrument(99.95, 83.1, 97.85));
    expect(a.grade).toBe("ผ่าน");
    expect(whyNotNext(a.rating!)?.en).toBe("Not Good pass because EIT 83.10 < 85");
  });

  it("reads each instrument as the plain mean of its indicators (IIT 1–5, EIT 6–8, OIT 9–10)", () => {
    const scores = { ...flat(90), 6: 80, 7: 85, 8: 89.9, 9: 100, 10: 70 };
    expect(instrumentMeans(ita2566, scores)).toEqual({ IIT: 90, EIT: (80 + 85 + 89.9) / 3, OIT: 85 });
    expect(analyze(ita2566, scores).instruments.EIT.score).toBe(84.97);
    expect(analyze(ita2566, scores).grade).toBe("ผ่าน");
  });

  it("says so in the Thai summary: the label, why not the next one, and that the rule is unconfirmed", () => {
    const text = formatAnalysisTextTh(analyze(ita2566, byInstrument(100, 84.99, 96.2575)), ita2566);
    expect(text).toContain("คะแนนรวม 94.00 คะแนน ระดับผ่าน");
    expect(text).toContain("ยังไม่ถึงระดับผ่านดี เพราะ EIT 84.99 < 85");
    expect(text).toContain("เกณฑ์ระดับผลนี้ยังไม่ได้ยืนยันกับคู่มือทางการ");
  });

  it("prints the label as grade and the three instrument scores used in the JSON output", () => {
    const out = formatAnalysisJson(analyze(ita2566, byInstrument(100, 84.99, 96.2575)), ita2566);
    expect(out.gradingMode).toBe("labels");
    expect(out.grade).toBe("ผ่าน");
    expect(out.instruments).toEqual({ IIT: 100, EIT: 84.99, OIT: 96.26 });
    expect(out.rating).toMatchObject({ label: "ผ่าน", labelEn: "Pass", uncertain: true, passes: true });
    expect(out.rating?.whyNotNextEn).toBe("Not Good pass because EIT 84.99 < 85");
    expect(out.ratingLabels).toHaveLength(5);
  });

  it("withholds the label while an indicator has no score", () => {
    const { 10: _none, ...nine } = flat(99) as Record<number, number>;
    const a = analyze(ita2566, nine);
    expect(a.grade).toBeNull();
    expect(a.rating).toBeNull();
  });
});

describe("the grade bands of ita-2565 through the same rule", () => {
  it("gives A at 84.995 and B at 84.994, saying the total is below 85", () => {
    expect(labelOf(ita2565, flat(84.995))).toBe("A");
    const b = analyze(ita2565, flat(84.994)).rating!;
    expect(b.label).toBe("B");
    expect(whyNotNext(b)?.en).toBe("Not A because total 84.99 < 85");
  });

  it("gives AA at 94.995 and A at 94.994", () => {
    expect(labelOf(ita2565, flat(94.995))).toBe("AA");
    expect(labelOf(ita2565, flat(94.994))).toBe("A");
  });

  it("gives A to a total of 94 with EIT 84.99: grades look at the total only", () => {
    const a = analyze(ita2565, byInstrument(100, 84.99, 96.2575));
    expect(a.grade).toBe("A");
    expect(a.rating?.next?.shortfalls).toEqual([{ what: "total", score: 94, min: 95 }]);
    expect(a.rating?.instruments).toBeNull();
  });

  it("gives AA at exactly 95.00 with nothing above it, and C on both sides of 70 (no band starts at 70)", () => {
    expect(analyze(ita2565, flat(95)).rating?.next).toBeNull();
    expect(labelOf(ita2565, flat(95))).toBe("AA");
    expect(labelOf(ita2565, flat(69.995))).toBe("C");
    expect(labelOf(ita2565, flat(69.994))).toBe("C");
    expect(whyNotNext(analyze(ita2565, flat(69.995)).rating!)?.th).toBe("ยังไม่ถึงระดับ B เพราะ คะแนนรวม 70.00 < 75");
  });

  it("is not marked uncertain and lists the seven bands highest first", () => {
    expect(analyze(ita2565, flat(80)).rating?.uncertain).toBe(false);
    expect(ratingSteps(ita2565).map((s) => s.label)).toEqual(["AA", "A", "B", "C", "D", "E", "F"]);
  });
});

describe("a labelled framework must be coherent", () => {
  const broken = (change: (fw: any) => void) => () => {
    const copy = structuredClone(readJson("../../surveys/ita-2566/framework.json"));
    change(copy);
    return parseFramework(copy);
  };

  it("refuses labels mode without a rating, a last label with a condition, and labels out of order", () => {
    expect(broken((fw) => delete fw.rating)).toThrow(/gradingMode labels needs a rating/);
    expect(broken((fw) => (fw.rating.labels[4].minTotal = 10))).toThrow(/last label must have no condition/);
    expect(broken((fw) => (fw.rating.labels[1].minTotal = 99))).toThrow(/labels go from the highest down/);
    expect(broken((fw) => (fw.rating.labels[1].label = "ผ่านดีเยี่ยม"))).toThrow(/labels must be distinct/);
  });

  it("refuses a rating in grades mode", () => {
    expect(broken((fw) => (fw.gradingMode = "grades"))).toThrow(/only read with gradingMode labels/);
  });

  it("needs the instrument scores to rate a labelled result", () => {
    expect(() => rate(ita2566, 90)).toThrow(/needs the IIT, EIT and OIT scores/);
  });
});

describe("property: a lower indicator never gives a higher label", () => {
  const score = fc.double({ min: 0, max: 100, noNaN: true });
  const position = (fw: Framework, label: string | null) => ratingSteps(fw).findIndex((s) => s.label === label);

  for (const fw of [ita2565, ita2566]) {
    it(`holds for ${fw.id}, near the lines as well as anywhere`, () => {
      const nearLine = fc.constantFrom(69.994, 69.995, 84.994, 84.995, 94.994, 94.995, 95, 85, 70);
      const value = fc.oneof(score, nearLine);
      fc.assert(
        fc.property(
          fc.array(value, { minLength: 10, maxLength: 10 }),
          fc.integer({ min: 1, max: 10 }),
          fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), fc.constantFrom(0.001, 0.005, 0.01)),
          (values, indicator, drop) => {
            const before: IndicatorScores = Object.fromEntries(values.map((v, i) => [i + 1, v]));
            const after = { ...before, [indicator]: Math.max(0, before[indicator]! - drop) };
            // A larger position is a lower label.
            expect(position(fw, labelOf(fw, after))).toBeGreaterThanOrEqual(position(fw, labelOf(fw, before)));
          },
        ),
        { numRuns: 400 },
      );
    });
  }
});

describe("a published total beside the recomputed one", () => {
  it("differs only by more than 0.01 once both show two decimals", () => {
    expect(totalsDiffer(79.64, 79.6452)).toBe(false);
    expect(totalsDiffer(79.64, 79.63)).toBe(false);
    expect(totalsDiffer(79.64, 79.66)).toBe(true);
    expect(totalsDiffer(79.64, 72.96)).toBe(true);
  });
});
