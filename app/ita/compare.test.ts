import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compareFrameworks } from "./compare";
import { parseFramework } from "./framework";

const readJson = (path: string): unknown => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
const ita2565 = parseFramework(readJson("../../surveys/ita-2565/framework.json"));
const ita2566 = parseFramework(readJson("../../surveys/ita-2566/framework.json"));
const itaTest = parseFramework(readJson("../../tests/fixtures/frameworks/ita-test/framework.json"));

describe("comparing two years' frameworks by indicator number", () => {
  it("finds 2565 and 2566 alike in indicators 1–8 and different in the OIT items of 9 and 10 and in the rating", () => {
    expect(compareFrameworks(ita2565, ita2566)).toEqual({
      a: "ita-2565",
      b: "ita-2566",
      shared: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      onlyInA: [],
      onlyInB: [],
      itemsDiffer: [9, 10],
      namesDiffer: [],
      ratingDiffers: true,
    });
  });

  it("finds a framework the same as itself", () => {
    const same = compareFrameworks(ita2566, ita2566);
    expect(same.itemsDiffer).toEqual([]);
    expect(same.ratingDiffers).toBe(false);
  });

  it("lists indicator numbers only one framework has, and names that differ", () => {
    const d = compareFrameworks(ita2565, itaTest);
    expect(d.shared).toEqual([1, 2, 3]);
    expect(d.onlyInA).toEqual([4, 5, 6, 7, 8, 9, 10]);
    expect(d.namesDiffer).toEqual([2, 3]);
  });
});
