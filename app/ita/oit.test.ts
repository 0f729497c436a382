import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseFramework } from "./framework";
import type { Framework } from "./framework";
import { isEvidenceUrl, oitIndicatorScores, scoreOit } from "./oit";
import type { OitChecklist } from "./oit";
import { round2 } from "./rounding";

const readJson = (path: string): any => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
const ita2565 = parseFramework(readJson("../../surveys/ita-2565/framework.json"));
const example = readJson("../../tests/fixtures/example-2565.json");

/** A complete checklist with the first `n` items of each sub-indicator marked มี with evidence. */
function checklistWithYesCounts(fw: Framework, yes: Record<string, number>): OitChecklist {
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

const exampleYes = Object.fromEntries(
  Object.entries(example.oit_checklist_consistent_with_these_scores.yes_counts as Record<string, string>).map(
    ([id, text]) => [id, Number(text.split(" of ")[0])],
  ),
);

describe("scoring the OIT checklist", () => {
  it("reproduces the worked example: indicator 9 = 68.56 and indicator 10 = 43.75", () => {
    expect(exampleYes).toEqual({ "9.1": 7, "9.2": 2, "9.3": 7, "9.4": 4, "9.5": 2, "10.1": 3, "10.2": 1 });
    const scores = scoreOit(ita2565, checklistWithYesCounts(ita2565, exampleYes));
    const [nine, ten] = scores.indicators;
    expect(nine).toMatchObject({ indicator: 9, answered: 33, total: 33, partial: false });
    expect(nine!.score).toBeCloseTo(68.5556, 4);
    expect(round2(nine!.score!)).toBe(68.56);
    expect(ten).toMatchObject({ indicator: 10, score: 43.75, partial: false });
    expect(oitIndicatorScores(scores)).toEqual({ 9: nine!.score, 10: 43.75 });
  });

  it("counts sub-indicators equally, not items", () => {
    const scores = scoreOit(ita2565, checklistWithYesCounts(ita2565, exampleYes));
    expect(scores.subindicators.map((s) => [s.id, round2(s.score!)])).toEqual([
      ["9.1", 77.78],
      ["9.2", 25],
      ["9.3", 100],
      ["9.4", 100],
      ["9.5", 40],
      ["10.1", 37.5],
      ["10.2", 50],
    ]);
    // a plain mean over the 33 items of indicator 9 would be 22/33 = 66.67
    expect(round2(scores.indicators[0]!.score!)).not.toBe(66.67);
  });

  it("scores มี without an evidence link as 0 and flags it", () => {
    const checklist = checklistWithYesCounts(ita2565, exampleYes);
    checklist.o1 = { has: true, urls: [] };
    checklist.o2 = { has: true, urls: ["  ", "not a link", "ftp://example.go.th/x"] };
    const scores = scoreOit(ita2565, checklist);
    expect(scores.needsEvidence).toEqual(["o1", "o2"]);
    expect(scores.items[0]).toEqual({ id: "o1", answered: true, points: 0, needsEvidence: true });
    expect(round2(scores.subindicators[0]!.score!)).toBe(55.56);
  });

  it("reports a partial score over answered items until every item of an indicator is answered", () => {
    const checklist: OitChecklist = {
      o1: { has: true, urls: ["https://example.go.th/a"] },
      o10: { has: false, urls: [] },
      o34: { has: true, urls: ["https://example.go.th/b"] },
    };
    const scores = scoreOit(ita2565, checklist);
    expect(scores.indicators[0]).toEqual({ indicator: 9, score: 50, answered: 2, total: 33, partial: true });
    expect(scores.indicators[1]).toEqual({ indicator: 10, score: 100, answered: 1, total: 10, partial: true });
    expect(scores.subindicators[2]).toMatchObject({ id: "9.3", score: null, answered: 0, partial: true });
    expect(scores.unanswered).toHaveLength(40);
    expect(oitIndicatorScores(scores)).toEqual({});
  });

  it("accepts only http and https links as evidence", () => {
    expect(isEvidenceUrl("https://www.example.go.th/ita/o1.pdf")).toBe(true);
    expect(isEvidenceUrl(" http://example.go.th ")).toBe(true);
    expect(isEvidenceUrl("javascript:alert(1)")).toBe(false);
    expect(isEvidenceUrl("example.go.th")).toBe(false);
  });
});
