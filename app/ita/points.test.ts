import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze } from "./analysis";
import { parseFramework } from "./framework";
import type { Framework } from "./framework";
import type { OitChecklist } from "./oit";
import { indicatorGains, oitItemGains, weightedPoints } from "./points";
import { round2 } from "./rounding";
import type { IndicatorScores } from "./scoring";

const readJson = (path: string): any => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
const ita2565 = parseFramework(readJson("../../surveys/ita-2565/framework.json"));
const ita2566 = parseFramework(readJson("../../surveys/ita-2566/framework.json"));
const itaTest = parseFramework(readJson("../../tests/fixtures/frameworks/ita-test/framework.json"));
const example = readJson("../../tests/fixtures/example-2565.json");
const exampleScores: IndicatorScores = Object.fromEntries(
  Object.entries(example.indicator_scores as Record<string, number>).map(([k, v]) => [Number(k), v]),
);
const r4 = (x: number | null) => (x === null ? null : Math.round(x * 10000) / 10000);
const flat = (score: number): IndicatorScores =>
  Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => [n, score]));

/** The worked example's checklist: the first n items of each sub-indicator มี with a link, the rest ไม่มี. */
function exampleChecklist(fw: Framework): OitChecklist {
  const yes: Record<string, number> = { "9.1": 7, "9.2": 2, "9.3": 7, "9.4": 4, "9.5": 2, "10.1": 3, "10.2": 1 };
  const checklist: OitChecklist = {};
  for (const sub of fw.subindicators) {
    fw.oitItems
      .filter((o) => o.subindicator === sub.id)
      .forEach((o, i) => {
        const has = i < yes[sub.id]!;
        checklist[o.id] = { has, urls: has ? [`https://example.go.th/ita/${o.id}`] : [] };
      });
  }
  return checklist;
}

describe("where the points are in the OIT checklist of the worked example", () => {
  const gains = oitItemGains(ita2565, exampleChecklist(ita2565));

  it("lists the 17 items marked ไม่มี, the one that adds most first: o43 adds 5.00 points to the total", () => {
    expect(gains).toHaveLength(17);
    expect(gains.map((g) => g.id)).toEqual([
      "o43",
      "o37",
      "o38",
      "o39",
      "o40",
      "o41",
      "o31",
      "o32",
      "o33",
      "o12",
      "o13",
      "o14",
      "o15",
      "o16",
      "o17",
      "o8",
      "o9",
    ]);
    // 10.2 has two items and indicator 10 two sub-indicators: one item is 100/2/2 = 25 points of indicator 10,
    // whose weight is 20 %, so 5 points of the total.
    expect(gains[0]).toMatchObject({ id: "o43", indicator: 10, subindicator: "10.2", status: "no" });
    expect([gains[0]!.indicatorBefore, gains[0]!.indicatorAfter, r4(gains[0]!.totalGain)]).toEqual([43.75, 68.75, 5]);
  });

  it("gives each item 20 % of 100 ÷ items in its sub-indicator ÷ sub-indicators in its indicator", () => {
    const byId = Object.fromEntries(gains.map((g) => [g.id, r4(g.totalGain)]));
    expect(byId).toMatchObject({ o37: 1.25, o31: 0.8, o12: 0.5, o8: 0.4444 });
    const o8 = gains.find((g) => g.id === "o8")!;
    expect([round2(o8.indicatorBefore), round2(o8.indicatorAfter)]).toEqual([68.56, 70.78]);
    // All 17 together: 5 + 5 × 1.25 + 3 × 0.8 + 6 × 0.5 + 2 × 0.4444 = 17.54 points.
    expect(round2(gains.reduce((sum, g) => sum + g.totalGain, 0))).toBe(17.54);
  });

  it("adds exactly what scoring the total again gives: 79.64 today, 84.64 with o43", () => {
    const checklist = exampleChecklist(ita2565);
    const oit = (c: OitChecklist) => {
      const nine = [1, 2, 3, 4, 5].map((s) => {
        const items = ita2565.oitItems.filter((o) => o.subindicator === `9.${s}`);
        return (100 * items.filter((o) => c[o.id]!.has).length) / items.length;
      });
      const ten = [1, 2].map((s) => {
        const items = ita2565.oitItems.filter((o) => o.subindicator === `10.${s}`);
        return (100 * items.filter((o) => c[o.id]!.has).length) / items.length;
      });
      return { 9: nine.reduce((a, b) => a + b) / 5, 10: ten.reduce((a, b) => a + b) / 2 };
    };
    const before = analyze(ita2565, { ...exampleScores, ...oit(checklist) });
    const withO43 = { ...checklist, o43: { has: true, urls: ["https://example.go.th/ita/o43"] } };
    const after = analyze(ita2565, { ...exampleScores, ...oit(withO43) });
    expect([before.overall, after.overall]).toEqual([79.64, 84.64]);
    expect(gains[0]!.totalGain).toBeCloseTo(after.overallExact! - before.overallExact!, 10);
  });

  it("marks มี without a link as needing evidence and counts an unanswered item as ไม่มี", () => {
    const checklist = exampleChecklist(ita2565);
    checklist.o1 = { has: true, urls: ["not a link"] };
    delete checklist.o43;
    const gains = oitItemGains(ita2565, checklist);
    expect(gains).toHaveLength(18);
    expect(gains[0]).toMatchObject({ id: "o43", status: "unanswered", indicatorBefore: 43.75, indicatorAfter: 68.75 });
    expect(r4(gains[0]!.totalGain)).toBe(5);
    const o1 = gains.find((g) => g.id === "o1")!;
    expect(o1.status).toBe("needsEvidence");
    expect(r4(o1.totalGain)).toBe(0.4444);
  });

  it("finds no points left in a checklist answered มี with evidence throughout", () => {
    const all: OitChecklist = Object.fromEntries(
      ita2565.oitItems.map((o) => [o.id, { has: true, urls: [`https://example.go.th/${o.id}`] }]),
    );
    expect(oitItemGains(ita2565, all)).toEqual([]);
  });
});

describe("what five more points on one indicator would do", () => {
  it("on the worked example (79.65, B): +1.00 for 9 or 10, +0.50 for 7 or 8, less when 100 caps it; B stays B", () => {
    const gains = indicatorGains(ita2565, exampleScores);
    expect(gains.map((g) => [g.indicator, r4(g.totalGain)])).toEqual([
      [9, 1],
      [10, 1],
      [7, 0.5],
      [8, 0.5],
      [6, 0.397],
      [1, 0.1434],
      [2, 0.0924],
      [5, 0.0876],
      [4, 0.0684],
      [3, 0.039],
    ]);
    const nine = gains[0]!;
    expect([nine.score, nine.raisedTo, r4(nine.totalBefore), r4(nine.totalAfter)]).toEqual([
      68.56, 73.56, 79.6452, 80.6452,
    ]);
    expect([nine.ratingBefore, nine.ratingAfter]).toEqual(["B", "B"]);
    const three = gains.find((g) => g.indicator === 3)!;
    expect([three.score, three.raisedTo]).toEqual([99.35, 100]);
  });

  it("shows when the step crosses a grade band: at 74.20 (C), +5 on 9 gives 75.20 (B), +5 on 1 gives 74.50 (C)", () => {
    const gains = indicatorGains(ita2565, flat(74.2));
    const nine = gains.find((g) => g.indicator === 9)!;
    expect([round2(nine.totalAfter!), nine.ratingBefore, nine.ratingAfter]).toEqual([75.2, "C", "B"]);
    const one = gains.find((g) => g.indicator === 1)!;
    expect([round2(one.totalAfter!), one.ratingAfter]).toEqual([74.5, "C"]);
  });

  it("gives the gain but no total or rating while an indicator has no score (IIT withheld)", () => {
    const withoutIit: IndicatorScores = { 6: 96.03, 7: 92.88, 8: 87.23, 9: 68.56, 10: 43.75 };
    const gains = indicatorGains(ita2565, withoutIit);
    expect(gains.map((g) => g.indicator)).toEqual([9, 10, 7, 8, 6]);
    expect(gains[0]).toMatchObject({ totalBefore: null, totalAfter: null, ratingBefore: null, ratingAfter: null });
    expect(r4(gains[0]!.totalGain)).toBe(1);
    // EIT and OIT so far: 10 × (96.03 + 92.88 + 87.23) / 100 + 20 × (68.56 + 43.75) / 100 = 50.076 points of 60.
    expect(r4(weightedPoints(ita2565, withoutIit))).toBe(50.076);
  });

  it("uses the framework's own rating: on a pass/fail framework (target 85), +5 on the 40 % indicator passes", () => {
    const gains = indicatorGains(itaTest, { 1: 83, 2: 83, 3: 83 });
    expect(gains.map((g) => [g.indicator, r4(g.totalAfter), g.ratingBefore, g.ratingAfter])).toEqual([
      [3, 85, "fail", "pass"],
      [1, 84.5, "fail", "fail"],
      [2, 84.5, "fail", "fail"],
    ]);
  });

  it("speaks in a labelled framework's labels: at 84.20 (ต้องปรับปรุง), +5 on 9 gives 85.20 (ผ่าน)", () => {
    const gains = indicatorGains(ita2566, flat(84.2));
    const nine = gains.find((g) => g.indicator === 9)!;
    expect([round2(nine.totalAfter!), nine.ratingBefore, nine.ratingAfter]).toEqual([85.2, "ต้องปรับปรุง", "ผ่าน"]);
    const one = gains.find((g) => g.indicator === 1)!;
    expect([round2(one.totalAfter!), one.ratingAfter]).toEqual([84.5, "ต้องปรับปรุง"]);
  });
});
