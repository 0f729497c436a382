import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseFramework } from "./framework";
import { generateQuestionnaire } from "./questionnaire";

const readJson = (relative: string): unknown => JSON.parse(readFileSync(new URL(relative, import.meta.url), "utf8"));
const ita2565 = parseFramework(readJson("../../surveys/ita-2565/framework.json"));
const ita2566 = parseFramework(readJson("../../surveys/ita-2566/framework.json"));

describe("the questionnaires generated from a framework", () => {
  // The generated 2565 questionnaires equal the hand-kept ones exactly: no documented difference.
  it("generates exactly the hand-kept 2565 IIT questionnaire (surveys/ita-2565/iit.json)", () => {
    expect(generateQuestionnaire(ita2565, "IIT")).toEqual(readJson("../../surveys/ita-2565/iit.json"));
  });

  it("generates exactly the hand-kept 2565 EIT questionnaire (surveys/ita-2565/eit.json)", () => {
    expect(generateQuestionnaire(ita2565, "EIT")).toEqual(readJson("../../surveys/ita-2565/eit.json"));
  });

  it("writes the same JSON text, key for key in the same order, as the 2565 files", () => {
    for (const kind of ["iit", "eit"] as const) {
      const file = readJson(`../../surveys/ita-2565/${kind}.json`);
      expect(JSON.stringify(generateQuestionnaire(ita2565, kind === "iit" ? "IIT" : "EIT"))).toBe(JSON.stringify(file));
    }
  });

  it("asks 2566 the same questions as 2565, since its framework carries the 2565 items", () => {
    expect(generateQuestionnaire(ita2566, "IIT")).toEqual(generateQuestionnaire(ita2565, "IIT"));
    expect(generateQuestionnaire(ita2566, "EIT")).toEqual(generateQuestionnaire(ita2565, "EIT"));
  });

  it("falls back on an item's topic and a scale's label when the framework gives no questionnaire wording", () => {
    const plain = structuredClone(ita2565);
    const item = plain.items.IIT[1]!;
    delete item.questionTh;
    delete item.questionEn;
    for (const choice of plain.scales.scale4!.choices) delete choice.answerEn;
    const json = generateQuestionnaire(plain, "IIT") as { pages: { elements: Record<string, any>[] }[] };
    const i2 = json.pages[1]!.elements.find((e) => e.name === "i2")!;
    expect(i2.title).toEqual({ default: item.topicTh, en: item.topicEn });
    expect(i2.choices.map((c: { text: { en: string } }) => c.text.en)).toEqual([
      "Most",
      "Much",
      "Little",
      "Least or none",
    ]);
  });

  it("puts the framework's smallest IIT group in the promise of the introduction", () => {
    const fw = structuredClone(ita2565);
    fw.sampleSize.minIitGroup = 7;
    const intro = JSON.stringify((generateQuestionnaire(fw, "IIT") as { pages: unknown[] }).pages[0]);
    expect(intro).toContain("น้อยกว่า 7 คน");
    expect(intro).toContain("fewer than 7 people");
  });

  it("returns a fresh object each time, so a caller cannot change a cached copy by accident", () => {
    const a = generateQuestionnaire(ita2565, "EIT");
    const b = generateQuestionnaire(ita2565, "EIT");
    expect(a).not.toBe(b);
    expect((a.pages as unknown[])[0]).not.toBe((b.pages as unknown[])[0]);
  });
});
