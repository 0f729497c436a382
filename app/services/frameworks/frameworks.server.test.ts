import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import {
  clearFrameworkCache,
  hasHandKeptQuestionnaire,
  listFrameworks,
  loadFramework,
  pickLanguage,
  questionnaireIn,
  readQuestionnaire,
} from "./frameworks.server";

const surveys = path.resolve("surveys");
const fixtures = path.resolve("tests/fixtures/frameworks");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ita-frameworks-"));

afterEach(() => {
  clearFrameworkCache();
  delete process.env.SURVEYS_DIR;
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("loading framework files", () => {
  it("loads and validates ita-2565 from the surveys folder", () => {
    const fw = loadFramework("ita-2565", surveys);
    expect(fw.id).toBe("ita-2565");
    expect(fw.indicators).toHaveLength(10);
    expect(fw.items.IIT).toHaveLength(30);
  });

  it("caches one framework per folder and id", () => {
    expect(loadFramework("ita-2565", surveys)).toBe(loadFramework("ita-2565", surveys));
  });

  it("loads another year from another folder, chosen through SURVEYS_DIR (relative to the working folder)", async () => {
    process.env.SURVEYS_DIR = path.relative(process.cwd(), fixtures);
    // The configuration is parsed once per process: a fresh copy of the modules reads the changed setting.
    vi.resetModules();
    const fresh = await import("./frameworks.server");
    expect(fresh.surveysDir()).toBe(fixtures);
    const fw = fresh.loadFramework("ita-test");
    expect(fw.gradingMode).toBe("pass_fail");
    expect(fresh.listFrameworks()).toEqual(["ita-test"]);
  });

  it("reads a questionnaire once and keeps one language of its texts", () => {
    const th = questionnaireIn("ita-2565", "eit", "th");
    const en = questionnaireIn("ita-2565", "eit", "en");
    expect(JSON.stringify(th)).toContain("ตัวชี้วัดที่ 6");
    expect(JSON.stringify(th)).not.toContain("Quality of operations");
    expect(JSON.stringify(en)).toContain("Quality of operations");
    expect(readQuestionnaire("ita-2565", "iit")).toBe(readQuestionnaire("ita-2565", "iit"));
    expect(pickLanguage({ title: { default: "ไทย", en: "English" }, n: 1 }, "en")).toEqual({ title: "English", n: 1 });
    expect(() => readQuestionnaire("../ita-2565", "iit")).toThrow(/unknown framework/);
  });

  it("generates the questionnaire of a framework without hand-kept JSON (2566), once, and keeps 2565's file", () => {
    expect(hasHandKeptQuestionnaire("ita-2565", "iit", surveys)).toBe(true);
    expect(hasHandKeptQuestionnaire("ita-2566", "eit", surveys)).toBe(false);
    const eit2566 = readQuestionnaire("ita-2566", "eit", surveys);
    expect(readQuestionnaire("ita-2566", "eit", surveys)).toBe(eit2566);
    expect(eit2566).toEqual(readQuestionnaire("ita-2565", "eit", surveys));
    expect(JSON.stringify(pickLanguage(eit2566, "th"))).toContain("ตัวชี้วัดที่ 6 คุณภาพการดำเนินงาน");
    expect(() => readQuestionnaire("ita-2599", "iit", surveys)).toThrow(/unknown framework "ita-2599"/);
  });

  it("lists the frameworks of a folder", () => {
    expect(listFrameworks(surveys)).toContain("ita-2565");
    expect(listFrameworks(path.join(scratch, "nowhere"))).toEqual([]);
  });

  it("names the unknown id and the available ones", () => {
    expect(() => loadFramework("ita-2599", surveys)).toThrow(/unknown framework "ita-2599".*available: .*ita-2565/);
    expect(() => loadFramework("../ita-2565", surveys)).toThrow(/unknown framework/);
  });

  it("explains a file that is not JSON, invalid, or declares another id", () => {
    const write = (id: string, text: string) => {
      fs.mkdirSync(path.join(scratch, id), { recursive: true });
      fs.writeFileSync(path.join(scratch, id, "framework.json"), text);
    };
    write("broken", "{ not json");
    expect(() => loadFramework("broken", scratch)).toThrow(/broken.*is not valid JSON/);
    write("empty", "{}");
    expect(() => loadFramework("empty", scratch)).toThrow(/invalid ITA framework/);
    write("renamed", fs.readFileSync(path.join(fixtures, "ita-test", "framework.json"), "utf8"));
    expect(() => loadFramework("renamed", scratch)).toThrow(/declares id "ita-test"/);
  });
});
