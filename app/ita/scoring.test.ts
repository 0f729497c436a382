import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Answers } from "./answers";
import { parseFramework } from "./framework";
import type { Framework, SurveyInstrument } from "./framework";
import { scoreAnswers, scoreFromTallies, scoreRespondent, tallyAnswers } from "./scoring";

const readJson = (path: string): unknown => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
const ita2565 = parseFramework(readJson("../../surveys/ita-2565/framework.json"));
const itaTest = parseFramework(readJson("../../tests/fixtures/frameworks/ita-test/framework.json"));

/** Every item answered at `level` (capped to the item's scale), sub-items included. */
function uniform(fw: Framework, instrument: SurveyInstrument, level: number, extra: Answers = {}): Answers {
  const answers: Answers = { ...extra };
  for (const item of fw.items[instrument]) {
    const l = Math.min(level, fw.scales[item.scale]!.choices.length - 1);
    answers[item.id] = item.subItems ? Object.fromEntries(item.subItems.map((_, i) => [String(i + 1), l])) : l;
  }
  return answers;
}

describe("scoring IIT and EIT answers", () => {
  it("scores a respondent who answers the top of every scale, reverse items included", () => {
    const scores = scoreRespondent(ita2565, "IIT", uniform(ita2565, "IIT", 3));
    // i1–i3 normal = 100; i4–i6 reverse yes/no answered มี = 0
    expect(scores.indicators[1]).toBe(50);
    // i7, i8, i12 = 100; i9, i10 reverse = 0; i11 mixes a normal (100) and a reverse (0) sub-item = 50
    expect(scores.indicators[2]).toBeCloseTo(350 / 6, 12);
    expect(scores.questions.i11).toEqual({ score: 50, subItems: [100, 0] });
    expect(scores.questions.i9).toEqual({ score: 0, subItems: [] });
    expect(scores.questions.i4).toEqual({ score: 0, subItems: [0, 0, 0] });
  });

  it("takes a question's score as the mean of its sub-items", () => {
    const answers = { ...uniform(ita2565, "IIT", 2), i1: { "1": 3, "2": 2 }, i11: { "1": 2, "2": 1 } };
    const scores = scoreRespondent(ita2565, "IIT", answers);
    expect(scores.questions.i1!.score).toBe(92.5);
    expect(scores.questions.i11).toEqual({ score: 85, subItems: [85, 85] });
    expect(scores.questions.i26!.score).toBe(100);
  });

  it("averages respondents' indicator scores to the indicator score", () => {
    const scores = scoreAnswers(ita2565, "IIT", [uniform(ita2565, "IIT", 3), uniform(ita2565, "IIT", 0)]);
    // respondent A: 350/6, respondent B: (0+0+100+100+50+0)/6 = 250/6; mean = 50
    expect(scores.indicators[2]).toBe(50);
    expect(scores.questions.i11!.subItems).toEqual([50, 50]);
    expect(scores.respondents).toBe(2);
  });

  it("scores EIT answers and ignores respondent_type and comment", () => {
    const answers = uniform(ita2565, "EIT", 2, { respondent_type: "service", comment: "ดีมาก" });
    const scores = scoreRespondent(ita2565, "EIT", answers);
    // e1–e3, e5 = 85; e4 reverse yes/no answered มี = 0
    expect(scores.indicators[6]).toBe(68);
    // e6, e7, e9 = 85; e8, e10 yes/no answered มี = 100
    expect(scores.indicators[7]).toBe(91);
    expect(scores.indicators[8]).toBe(85);
    expect(Object.keys(scores.indicators)).toEqual(["6", "7", "8"]);
  });

  it("scores another framework's linear points with the same code", () => {
    const scores = scoreRespondent(itaTest, "IIT", { t1: { "1": 2, "2": 1 }, t2: 0 });
    expect(scores.questions.t1).toEqual({ score: 67, subItems: [67, 67] });
    expect(scores.questions.t2!.score).toBe(100);
    expect(scores.indicators[1]).toBe(83.5);
  });

  it("reports no indicator at all when nobody has answered", () => {
    expect(scoreAnswers(ita2565, "EIT", []).indicators).toEqual({});
  });

  it("refuses answers that skipped an item", () => {
    const answers = uniform(ita2565, "IIT", 1);
    delete answers.i30;
    expect(() => scoreAnswers(ita2565, "IIT", [answers])).toThrow(/i30/);
  });

  it("gives the mean over respondents, which equals the mean of the per-question means", () => {
    const list = [
      uniform(ita2565, "IIT", 3),
      { ...uniform(ita2565, "IIT", 1), i2: 3, i8: { "1": 0, "2": 2 } },
      { ...uniform(ita2565, "IIT", 2), i11: { "1": 3, "2": 3 } },
    ];
    const scores = scoreAnswers(ita2565, "IIT", list);
    const perRespondent = list.map((a) => scoreRespondent(ita2565, "IIT", a).indicators[2]!);
    const questionMeans = ["i7", "i8", "i9", "i10", "i11", "i12"].map((id) => scores.questions[id]!.score);
    const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(scores.indicators[2]).toBeCloseTo(meanOf(perRespondent), 12);
    expect(scores.indicators[2]).toBeCloseTo(meanOf(questionMeans), 12);
  });
});

describe("scoring from tallies", () => {
  const list = [
    uniform(ita2565, "IIT", 3),
    { ...uniform(ita2565, "IIT", 0), i2: 2 },
    { ...uniform(ita2565, "IIT", 2), i11: { "1": 3, "2": 0 } },
  ];

  it("counts answers per item, sub-item and level", () => {
    const tallies = tallyAnswers(ita2565, "IIT", list);
    expect(tallies.respondents).toBe(3);
    expect(tallies.rows.filter((r) => r.item === "i2")).toEqual([
      { item: "i2", sub: 0, level: 2, count: 2 },
      { item: "i2", sub: 0, level: 3, count: 1 },
    ]);
    expect(tallies.rows.filter((r) => r.item === "i11" && r.sub === 2)).toEqual([
      { item: "i11", sub: 2, level: 0, count: 2 },
      { item: "i11", sub: 2, level: 3, count: 1 },
    ]);
  });

  it("gives exactly the scores the answers give", () => {
    for (const instrument of ["IIT", "EIT"] as const) {
      const answers = instrument === "IIT" ? list : [uniform(ita2565, "EIT", 1), uniform(ita2565, "EIT", 3)];
      expect(scoreFromTallies(ita2565, instrument, tallyAnswers(ita2565, instrument, answers))).toEqual(
        scoreAnswers(ita2565, instrument, answers),
      );
    }
  });

  it("scores hand-written tallies", () => {
    const scores = scoreFromTallies(itaTest, "IIT", {
      respondents: 2,
      rows: [
        { item: "t1", sub: 1, level: 3, count: 2 },
        { item: "t1", sub: 2, level: 1, count: 1 },
        { item: "t1", sub: 2, level: 2, count: 1 },
        { item: "t2", sub: 0, level: 1, count: 2 },
      ],
    });
    // t1 = (100 + (67 + 33) / 2) / 2 = 75; t2 reverse yes = 0; indicator = 37.5
    expect(scores.questions.t1).toEqual({ score: 75, subItems: [100, 50] });
    expect(scores.indicators[1]).toBe(37.5);
  });

  it("rejects tallies that name unknown items or do not add up to the respondents", () => {
    const base = tallyAnswers(itaTest, "IIT", [{ t1: { "1": 1, "2": 1 }, t2: 1 }]);
    expect(() =>
      scoreFromTallies(itaTest, "IIT", { ...base, rows: [...base.rows, { item: "zz", sub: 0, level: 0, count: 1 }] }),
    ).toThrow(/unknown IIT item zz/);
    expect(() => scoreFromTallies(itaTest, "IIT", { ...base, respondents: 2 })).toThrow(/1 answers for 2 respondents/);
    expect(() =>
      scoreFromTallies(itaTest, "IIT", { ...base, rows: [...base.rows, { item: "t2", sub: 0, level: 5, count: 0 }] }),
    ).toThrow(RangeError);
  });
});
