import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Answers } from "./answers";
import { parseFramework, pointsFor } from "./framework";
import type { Framework, SurveyInstrument, SurveyItem } from "./framework";
import { scoreAnswers, scoreFromTallies, tallyAnswers } from "./scoring";

const readJson = (path: string): unknown => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
const frameworks = [
  parseFramework(readJson("../../surveys/ita-2565/framework.json")),
  parseFramework(readJson("../../tests/fixtures/frameworks/ita-test/framework.json")),
];
const cases = frameworks.flatMap((fw) => (["IIT", "EIT"] as const).map((instrument) => ({ fw, instrument })));

type Part = { item: SurveyItem; sub: number; levels: number };
const partsOf = (fw: Framework, instrument: SurveyInstrument): Part[] =>
  fw.items[instrument].flatMap((item) => {
    const levels = fw.scales[item.scale]!.choices.length;
    return item.subItems ? item.subItems.map((_, i) => ({ item, sub: i + 1, levels })) : [{ item, sub: 0, levels }];
  });

function build(parts: Part[], levels: number[]): Answers {
  const answers: Answers = {};
  parts.forEach(({ item, sub }, i) => {
    if (sub === 0) answers[item.id] = levels[i]!;
    else answers[item.id] = { ...(answers[item.id] as Record<string, number> | undefined), [String(sub)]: levels[i]! };
  });
  return answers;
}

const levelsArb = (parts: Part[]) => fc.tuple(...parts.map((p) => fc.integer({ min: 0, max: p.levels - 1 })));
const respondentsArb = (parts: Part[]) =>
  fc.array(levelsArb(parts), { minLength: 1, maxLength: 12 }).map((rows) => rows.map((r) => build(parts, r)));

describe.each(cases)("scoring properties of $fw.id $instrument", ({ fw, instrument }) => {
  const parts = partsOf(fw, instrument);

  it("keeps every question and indicator score between 0 and 100", () => {
    fc.assert(
      fc.property(respondentsArb(parts), (list) => {
        const scores = scoreAnswers(fw, instrument, list);
        const all = [...Object.values(scores.indicators), ...Object.values(scores.questions).map((q) => q.score)];
        return all.every((s) => s !== undefined && s >= 0 && s <= 100);
      }),
    );
  });

  it("never lowers an indicator when one answer moves to a better-scoring choice", () => {
    const arb = fc.array(levelsArb(parts), { minLength: 1, maxLength: 8 }).chain((rows) =>
      fc.record({
        rows: fc.constant(rows),
        who: fc.integer({ min: 0, max: rows.length - 1 }),
        part: fc.integer({ min: 0, max: parts.length - 1 }),
        level: fc.nat(),
      }),
    );
    fc.assert(
      fc.property(arb, ({ rows, who, part, level }) => {
        const { item, sub, levels } = parts[part]!;
        const before = rows[who]![part]!;
        const after = level % levels;
        fc.pre(pointsFor(fw, item, sub, after) >= pointsFor(fw, item, sub, before));
        const changed = rows.map((r, i) => (i === who ? r.map((l, j) => (j === part ? after : l)) : r));
        const scoreOf = (rs: number[][]) =>
          scoreAnswers(
            fw,
            instrument,
            rs.map((r) => build(parts, r)),
          ).indicators[item.indicator]!;
        expect(scoreOf(changed)).toBeGreaterThanOrEqual(scoreOf(rows));
      }),
    );
  });

  it("gives the same scores whatever the order of respondents", () => {
    const arb = respondentsArb(parts).chain((list) =>
      fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length })),
    );
    fc.assert(
      fc.property(arb, ([list, shuffled]) => {
        expect(scoreAnswers(fw, instrument, shuffled)).toEqual(scoreAnswers(fw, instrument, list));
      }),
    );
  });

  it("gives identical scores from tallies and from answers", () => {
    fc.assert(
      fc.property(respondentsArb(parts), (list) => {
        expect(scoreFromTallies(fw, instrument, tallyAnswers(fw, instrument, list))).toEqual(
          scoreAnswers(fw, instrument, list),
        );
      }),
    );
  });
});
