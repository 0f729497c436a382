import fs from "node:fs";
import path from "node:path";
import { Model, type Question } from "survey-core";
import { describe, expect, it } from "vitest";
import { validateAnswers } from "../app/ita/answers";
import { indicatorsOf, parseFramework, type SurveyInstrument } from "../app/ita/framework";
import { generateQuestionnaire } from "../app/ita/questionnaire";

// Every questionnaire must load in survey-core without errors and ask exactly what the
// framework of its year scores: the same items, sub-items as rows "1".."n", levels as values.
// A year without a hand-kept iit.json/eit.json is checked on the questionnaire generated from its framework.
const SURVEYS = path.resolve(import.meta.dirname);
const UNSCORED = new Set(["respondent_type", "comment"]);

const frameworkIds = fs
  .readdirSync(SURVEYS, { withFileTypes: true })
  .filter((e) => e.isDirectory() && fs.existsSync(path.join(SURVEYS, e.name, "framework.json")))
  .map((e) => e.name);

const cases = frameworkIds.flatMap((id) => (["IIT", "EIT"] as const).map((instrument) => [id, instrument] as const));

function load(id: string, instrument: SurveyInstrument) {
  const framework = parseFramework(JSON.parse(fs.readFileSync(path.join(SURVEYS, id, "framework.json"), "utf8")));
  const file = path.join(SURVEYS, id, `${instrument.toLowerCase()}.json`);
  const json = fs.existsSync(file)
    ? JSON.parse(fs.readFileSync(file, "utf8"))
    : JSON.parse(JSON.stringify(generateQuestionnaire(framework, instrument)));
  return { framework, json, model: new Model(json) };
}

/** Every localizable string in the JSON: titles, descriptions, html, choice and row texts. */
function localizedStrings(node: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(node)) node.forEach((n) => localizedStrings(n, out));
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (["title", "description", "html", "text"].includes(key)) out.push(value);
      else localizedStrings(value, out);
    }
  }
  return out;
}

it("finds the questionnaires of the 2565 framework (hand-kept) and of 2566 and 2568 (generated)", () => {
  expect(cases).toContainEqual(["ita-2565", "IIT"]);
  expect(cases).toContainEqual(["ita-2565", "EIT"]);
  expect(cases).toContainEqual(["ita-2566", "IIT"]);
  expect(cases).toContainEqual(["ita-2568", "EIT"]);
  expect(fs.existsSync(path.join(SURVEYS, "ita-2565", "iit.json"))).toBe(true);
  expect(fs.existsSync(path.join(SURVEYS, "ita-2566", "iit.json"))).toBe(false);
});

describe.each(cases)("the %s %s questionnaire", (id, instrument) => {
  const { framework, json, model } = load(id, instrument);
  const items = framework.items[instrument];
  const questions = model.getAllQuestions().filter((q) => q.getType() !== "html");
  const scored = questions.filter((q) => !UNSCORED.has(q.name));

  it("loads in survey-core without JSON errors", () => {
    expect(model.jsonErrors ?? []).toEqual([]);
    expect(model.pages.length).toBeGreaterThan(2);
  });

  it("asks every scored item of the framework, in order, and nothing else", () => {
    expect(scored.map((q) => q.name)).toEqual(items.map((i) => i.id));
    const extra = questions.filter((q) => UNSCORED.has(q.name)).map((q) => q.name);
    expect(extra).toEqual(instrument === "EIT" ? ["respondent_type", "comment"] : ["comment"]);
  });

  it("makes every scored item required, with sub-items as rows 1..n and levels as answer values", () => {
    for (const item of items) {
      const q = model.getQuestionByName(item.id) as Question & Record<string, any>;
      const levels = framework.scales[item.scale]!.choices.map((c) => c.level).sort();
      expect(q.isRequired, item.id).toBe(true);
      if (item.subItems) {
        expect(q.getType(), item.id).toBe("matrix");
        expect(q.eachRowRequired, item.id).toBe(true);
        expect(
          q.rows.map((r: { value: unknown }) => r.value),
          item.id,
        ).toEqual(item.subItems.map((_, i) => String(i + 1)));
        expect(q.columns.map((c: { value: unknown }) => c.value).sort(), item.id).toEqual(levels);
      } else {
        expect(q.getType(), item.id).toBe("radiogroup");
        expect(q.choices.map((c: { value: unknown }) => c.value).sort(), item.id).toEqual(levels);
      }
    }
  });

  it("labels each answer value with the framework's own level name", () => {
    model.locale = "";
    for (const item of items) {
      const q = model.getQuestionByName(item.id) as Question & Record<string, any>;
      const options: { value: number; text: string }[] = item.subItems ? q.columns : q.choices;
      for (const option of options) {
        expect(option.text, item.id).toBe(framework.scales[item.scale]!.choices[option.value]!.labelTh);
      }
    }
  });

  it("puts one indicator on each page, in indicator order", () => {
    const pageIndicators = model.pages
      .map((page) => [...new Set(page.questions.map((q) => items.find((i) => i.id === q.name)?.indicator))])
      .map((found) => found.filter((n) => n !== undefined))
      .filter((found) => found.length > 0);
    expect(pageIndicators).toEqual(indicatorsOf(framework, instrument).map((i) => [i.number]));
  });

  it("has Thai and English for every text", () => {
    for (const text of localizedStrings(json)) {
      expect(text).toMatchObject({
        default: expect.stringMatching(/[\u0E00-\u0E7F]/),
        en: expect.stringMatching(/[a-z]/),
      });
    }
  });

  it("produces answers that the server's validation accepts once every item is answered", () => {
    const answers = new Model(json);
    expect(answers.validate(false)).toBe(false);
    for (const item of items) {
      const top = framework.scales[item.scale]!.choices.length - 1;
      answers.setValue(
        item.id,
        item.subItems ? Object.fromEntries(item.subItems.map((_, i) => [String(i + 1), top])) : top,
      );
    }
    if (instrument === "EIT") answers.setValue("respondent_type", framework.respondentTypes[0]!.id);
    answers.setValue("comment", "ขอบคุณ");
    expect(answers.validate(false)).toBe(true);
    expect(validateAnswers(framework, instrument, answers.data)).toEqual([]);
  });

  it("offers exactly the framework's respondent types before the EIT questions", () => {
    if (instrument !== "EIT") {
      const intro = JSON.stringify(json.pages[0]);
      expect(intro).toContain("1 ปี");
      expect(intro).toContain("ไม่ต้องระบุชื่อ");
      return;
    }
    const q = model.getQuestionByName("respondent_type") as Question & Record<string, any>;
    expect(model.pages[0]!.questions.map((p) => p.name)).toContain("respondent_type");
    expect(q.isRequired).toBe(true);
    expect(q.choices.map((c: { value: string }) => c.value)).toEqual(framework.respondentTypes.map((t) => t.id));
  });

  it("ends with an optional free-text comment of at most 2000 characters", () => {
    const comment = model.getQuestionByName("comment") as Question & Record<string, any>;
    expect(comment.getType()).toBe("comment");
    expect(comment.isRequired).toBe(false);
    expect(comment.maxLength).toBe(2000);
    expect(model.pages.at(-1)!.questions.map((q) => q.name)).toEqual(["comment"]);
  });
});
