import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validateAnswers } from "./answers";
import type { Answers } from "./answers";
import { parseFramework } from "./framework";
import type { Framework, SurveyInstrument } from "./framework";

const readJson = (path: string): unknown => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
const ita2565 = parseFramework(readJson("../../surveys/ita-2565/framework.json"));

function complete(fw: Framework, instrument: SurveyInstrument): Answers {
  const answers: Answers = instrument === "EIT" ? { respondent_type: "service" } : {};
  for (const item of fw.items[instrument])
    answers[item.id] = item.subItems ? Object.fromEntries(item.subItems.map((_, i) => [String(i + 1), 1])) : 1;
  return answers;
}
const fields = (errors: { field: string }[]) => errors.map((e) => e.field);

describe("validating one respondent's answers", () => {
  it("accepts complete IIT and EIT answers with an optional comment", () => {
    expect(validateAnswers(ita2565, "IIT", complete(ita2565, "IIT"))).toEqual([]);
    expect(validateAnswers(ita2565, "EIT", { ...complete(ita2565, "EIT"), comment: "บริการดี" })).toEqual([]);
  });

  it("reports missing items and missing sub-items in Thai and English", () => {
    const answers = complete(ita2565, "IIT");
    delete answers.i2;
    answers.i1 = { "1": 3 };
    const errors = validateAnswers(ita2565, "IIT", answers);
    expect(errors).toEqual([
      { field: "i1.2", messageTh: "กรุณาตอบข้อย่อย i1.2", messageEn: "i1.2: sub-item answer is required" },
      { field: "i2", messageTh: "กรุณาตอบข้อ i2", messageEn: "i2: answer is required" },
    ]);
  });

  it("reports levels off the scale, including 2 on a yes/no item and fractions", () => {
    const answers = { ...complete(ita2565, "IIT"), i2: 4, i7: 1.5, i4: { "1": 2, "2": 0, "3": 1 }, i13: "3" };
    expect(fields(validateAnswers(ita2565, "IIT", answers))).toEqual(["i2", "i4.1", "i7", "i13"]);
  });

  it("reports unknown fields and sub-items, and a plain value where sub-items are expected", () => {
    const answers = { ...complete(ita2565, "IIT"), i99: 1, i1: { "1": 1, "2": 1, "3": 1 }, i3: 2 };
    expect(fields(validateAnswers(ita2565, "IIT", answers))).toEqual(["i1.3", "i3", "i99"]);
  });

  it("requires a known respondent_type on EIT and refuses it on IIT", () => {
    const eit = complete(ita2565, "EIT");
    delete eit.respondent_type;
    expect(fields(validateAnswers(ita2565, "EIT", eit))).toEqual(["respondent_type"]);
    expect(validateAnswers(ita2565, "EIT", { ...eit, respondent_type: "tourist" })[0]!.messageEn).toBe(
      "respondent_type must be one of service, contact, stakeholder",
    );
    expect(
      fields(validateAnswers(ita2565, "IIT", { ...complete(ita2565, "IIT"), respondent_type: "service" })),
    ).toEqual(["respondent_type"]);
  });

  it("caps the comment at 2000 characters of text", () => {
    const answers = complete(ita2565, "IIT");
    expect(validateAnswers(ita2565, "IIT", { ...answers, comment: "ก".repeat(2000) })).toEqual([]);
    expect(fields(validateAnswers(ita2565, "IIT", { ...answers, comment: "ก".repeat(2001) }))).toEqual(["comment"]);
    expect(fields(validateAnswers(ita2565, "IIT", { ...answers, comment: 5 }))).toEqual(["comment"]);
  });

  it("rejects anything that is not an answers object", () => {
    expect(fields(validateAnswers(ita2565, "IIT", null))).toEqual([""]);
    expect(fields(validateAnswers(ita2565, "IIT", [1, 2]))).toEqual([""]);
  });
});
