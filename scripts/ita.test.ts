import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runCliInProcess } from "../tests/support/cli";
import { ita as program } from "./ita/program";

const example = JSON.parse(fs.readFileSync("tests/fixtures/example-2565.json", "utf8"));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ita-cli-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

// The commands read the frameworks in surveys/, whatever the shell running the tests says.
beforeAll(() => void vi.stubEnv("SURVEYS_DIR", undefined));
afterAll(() => void vi.unstubAllEnvs());
const { SURVEYS_DIR: _ignored, ...env } = process.env;

/** `npm run --silent ita -- …args` with `input` on standard input, run in this process. */
function ita(args: string[], input?: string) {
  // No database: an id that is not a framework file is looked up only in a database that exists.
  return runCliInProcess(program, args, { stdin: input, env: { DATABASE_URL: path.join(scratch, "absent.sqlite") } });
}
function file(name: string, content: unknown): string {
  const target = path.join(scratch, name);
  fs.writeFileSync(target, typeof content === "string" ? content : JSON.stringify(content));
  return target;
}
const exampleInput = { indicator_scores: example.indicator_scores };

describe("ita analyze", () => {
  it("prints the worked example's analysis as JSON", async () => {
    const { code, stdout } = await ita(["analyze", file("example.json", exampleInput)]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({
      framework: "ita-2565",
      overall: 79.65,
      overallExact: 79.6452,
      grade: "B",
      meetsTarget: false,
    });
    expect(out.instruments).toEqual({ IIT: 98.56, EIT: 92.05, OIT: 56.16 });
    expect(out.instrumentsExact).toEqual({ IIT: 98.564, EIT: 92.0467, OIT: 56.155 });
    expect(out.ranking.map((r: { indicator: number }) => r.indicator)).toEqual([3, 4, 5, 2, 1, 6, 7, 8, 9, 10]);
    expect(out.ranking[9]).toEqual({
      rank: 10,
      indicator: 10,
      nameTh: "การป้องกันการทุจริต",
      nameEn: "Corruption prevention",
      instrument: "OIT",
      score: 43.75,
    });
    expect(out.highest).toEqual({ indicator: 3, score: 99.35 });
    expect(out.lowest).toEqual({ indicator: 10, score: 43.75 });
    expect(out.strengths).toEqual([3, 4, 5, 2, 1, 6, 7, 8]);
    expect(out.weaknesses).toEqual([9, 10]);
    expect(out.belowTarget).toEqual([9, 10]);
    expect(out.missing).toEqual([]);
    expect(out.withheld).toBeNull();
  });

  it("reads standard input and prints a Thai summary", async () => {
    const { code, stdout } = await ita(
      ["analyze", "-", "--format", "text"],
      JSON.stringify({ ...exampleInput, framework: "ita-2565" }),
    );
    expect(code).toBe(0);
    expect(stdout).toContain("คะแนนรวม 79.65 คะแนน ระดับ B");
    expect(stdout).toContain("ตัวชี้วัดที่ได้คะแนนสูงสุด คือ ตัวชี้วัดที่ 3 (การใช้อำนาจ) 99.35 คะแนน");
    expect(stdout).toContain("ต่ำกว่าค่าเป้าหมาย 85 คะแนน: 2 ตัวชี้วัด");
  });

  it("exits 1 naming a missing indicator, and withholds the overall with --partial", async () => {
    const { 10: _ten, ...nine } = example.indicator_scores;
    const input = file("partial.json", { indicator_scores: nine });
    const strict = await ita(["analyze", input]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain("missing score for indicator 10");
    const partial = await ita(["analyze", input, "--partial"]);
    expect(partial.code).toBe(0);
    expect(JSON.parse(partial.stdout)).toMatchObject({ overall: null, grade: null, missing: [10] });
  });

  it.each([
    [
      "a score outside 0–100",
      { indicator_scores: { ...example.indicator_scores, 4: 101 } },
      "indicator 4: score 101 is outside 0–100",
    ],
    [
      "a score that is not a number",
      { indicator_scores: { ...example.indicator_scores, 2: "98.46" } },
      'indicator 2: score "98.46" is not a number',
    ],
    [
      "an unknown indicator",
      { indicator_scores: { ...example.indicator_scores, 11: 50 } },
      'indicator "11" is not an indicator of ita-2565',
    ],
    ["an unknown framework", { ...exampleInput, framework: "ita-2599" }, 'unknown framework "ita-2599"'],
    ["no indicator_scores", { scores: {} }, 'input has no "indicator_scores"'],
    ["text that is not JSON", "{ oops", "is not valid JSON"],
  ])("exits 1 on %s", async (_name, content, message) => {
    const { code, stdout, stderr } = await ita(["analyze", file("bad.json", content)]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain(message);
  });

  it("exits 1 on a file that does not exist and 2 on a usage mistake", async () => {
    expect(await ita(["analyze", path.join(scratch, "absent.json")])).toMatchObject({ code: 1 });
    expect((await ita(["analyze"])).code).toBe(2);
    expect((await ita(["analyze", "x.json", "--format", "xml"])).code).toBe(2);
    expect(await ita(["frobnicate"])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown command "frobnicate"'),
    });
  });

  describe("the rating at every edge, for grade bands (ita-2565) and labels (ita-2566)", () => {
    const all = (score: number) => Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => [n, score]));
    // IIT 100, EIT 84.99, OIT 96.2575: a total of 94.00 with one instrument just under 85.
    const eitJustUnder = { ...all(100), 6: 84.99, 7: 84.99, 8: 84.99, 9: 96.2575, 10: 96.2575 };
    const analyzeWith = async (framework: string, scores: Record<number, number>) => {
      const { code, stdout, stderr } = await ita(
        ["analyze", "-"],
        JSON.stringify({ framework, indicator_scores: scores }),
      );
      expect(stderr).toBe("");
      expect(code).toBe(0);
      return JSON.parse(stdout);
    };

    it.each([
      ["84.995 (85.00)", all(84.995), "A", "ผ่านดี"],
      ["84.994 (84.99)", all(84.994), "B", "ต้องปรับปรุง"],
      ["94.995 (95.00)", all(94.995), "AA", "ผ่านดีเยี่ยม"],
      ["94.994 (94.99)", all(94.994), "A", "ผ่านดี"],
      ["a total of 94 with EIT 84.99", eitJustUnder, "A", "ผ่าน"],
      ["every score at 95.00", all(95), "AA", "ผ่านดีเยี่ยม"],
      ["69.995 (70.00)", all(69.995), "C", "ต้องปรับปรุง"],
      ["69.994 (69.99)", all(69.994), "C", "ต้องปรับปรุงโดยด่วน"],
    ])("rates %s as %s in 2565 and %s in 2566", async (_name, scores, grade, label) => {
      expect((await analyzeWith("ita-2565", scores)).grade).toBe(grade);
      const labelled = await analyzeWith("ita-2566", scores);
      expect(labelled.grade).toBe(label);
      expect(labelled.gradingMode).toBe("labels");
    });

    it("keeps its fields for a labelled framework: grade holds the Thai label, instruments the three scores used", async () => {
      const out = await analyzeWith("ita-2566", eitJustUnder);
      expect(out).toMatchObject({ framework: "ita-2566", overall: 94, grade: "ผ่าน", meetsTarget: true, target: 85 });
      expect(out.instruments).toEqual({ IIT: 100, EIT: 84.99, OIT: 96.26 });
      expect(out.rating.whyNotNextTh).toBe("ยังไม่ถึงระดับผ่านดี เพราะ EIT 84.99 < 85");
      expect(out.rating.uncertain).toBe(true);
      for (const key of ["overallExact", "instrumentsExact", "ranking", "strengths", "weaknesses", "belowTarget"])
        expect(out).toHaveProperty(key);
    });

    it("says the label and why in the Thai text summary", async () => {
      const { stdout } = await ita(
        ["analyze", "-", "--format", "text"],
        JSON.stringify({ framework: "ita-2566", indicator_scores: eitJustUnder }),
      );
      expect(stdout).toContain("คะแนนรวม 94.00 คะแนน ระดับผ่าน (ผ่านค่าเป้าหมาย 85 คะแนน)");
      expect(stdout).toContain("ยังไม่ถึงระดับผ่านดี เพราะ EIT 84.99 < 85");
    });
  });

  it("runs through npm run --silent ita", { timeout: 30_000 }, () => {
    const stdout = execFileSync("npm", ["run", "--silent", "ita", "--", "analyze", "-"], {
      input: JSON.stringify(exampleInput),
      encoding: "utf8",
      env,
    });
    expect(JSON.parse(stdout).overall).toBe(79.65);
  });
});
