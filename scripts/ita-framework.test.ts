import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCliInProcess } from "../tests/support/cli";
import { ita as program } from "./ita/program";

const MISTAKES = "tests/fixtures/framework-check/ten-mistakes.json";
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ita-framework-check-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const ita = (args: string[]) => runCliInProcess(program, args);

// The ten mistakes seeded into a copy of the 2565 framework, each with its place and its Thai words.
const SEEDED: [path: string, messageTh: string][] = [
  ["indicators[3].nameTh", "ต้องไม่เป็นข้อความว่าง"],
  ["scales.scale4.choices[2].points", "ต้องไม่เกิน 100"],
  ["items.IIT[3].reverse", "ชนิดข้อมูลไม่ถูกต้อง: ต้องเป็นค่า true หรือ false"],
  ["oitItems[4].subindicator", "ขาดค่าที่ต้องมี (ต้องเป็นข้อความ)"],
  ["indicators", "น้ำหนักตัวชี้วัดรวมกันได้ 101 ไม่ใช่ 100"],
  ["items.IIT[1].scale", "i2: ไม่รู้จักมาตรวัด scale5 (ไม่มีใน scales)"],
  ["items.IIT[2].indicator", "i3: ไม่มีตัวชี้วัดที่ 11"],
  ["items.EIT[0].id", "รหัสข้อคำถาม i1 ซ้ำกัน"],
  ["oitItems[5].subindicator", "o6: ไม่มีตัวชี้วัดย่อย 9.9"],
  ["gradeBands", "ช่วงเกรดต่ำสุดต้องเริ่มที่ 0"],
];

describe("ita framework check", () => {
  it("passes the 2565, 2566 and 2568 frameworks with exit code 0 and a one-line summary in Thai", async () => {
    for (const year of [2565, 2566, 2568]) {
      const { code, stdout, stderr } = await ita(["framework", "check", `surveys/ita-${year}/framework.json`]);
      expect(code, stderr).toBe(0);
      expect(stdout).toContain(`ถูกต้อง: ita-${year} ปี ${year}`);
      expect(stdout).toContain("IIT 30 ข้อ, EIT 15 ข้อ");
    }
  });

  it("shows each of ten seeded mistakes in Thai with its place in the file, and exits 1", async () => {
    const { code, stdout, stderr } = await ita(["framework", "check", MISTAKES]);
    expect(code).toBe(1);
    expect(stdout.split("\n")[0]).toBe(`ไฟล์ ${MISTAKES} มีข้อผิดพลาด 10 รายการ:`);
    for (const [place, messageTh] of SEEDED) expect(stdout).toContain(`- ${place}: ${messageTh}\n`);
    expect(stdout.trim().split("\n")).toHaveLength(11);
    expect(stderr).toBe(`ita framework: ไฟล์กรอบการประเมินไม่ถูกต้อง: 10 รายการ (10 errors in ${MISTAKES})\n`);
  });

  it("lists the same ten mistakes as JSON with Thai and English words when asked for --format json", async () => {
    const { code, stdout } = await ita(["framework", "check", MISTAKES, "--format", "json"]);
    expect(code).toBe(1);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({ ok: false, file: MISTAKES, framework: null });
    expect(out.errors.map((e: { path: string; messageTh: string }) => [e.path, e.messageTh])).toEqual(SEEDED);
    const byPath = Object.fromEntries(
      out.errors.map((e: { path: string; messageEn: string }) => [e.path, e.messageEn]),
    );
    expect(byPath["indicators"]).toBe("indicator weights sum to 101, not 100");
    expect(byPath["items.IIT[1].scale"]).toBe("i2: unknown scale scale5");
    expect(byPath["items.EIT[0].id"]).toBe("item id i1 is used more than once");
    expect(byPath["oitItems[4].subindicator"]).toMatch(/expected string, received undefined/);
  });

  it("reports a correct file as ok with no errors in JSON", async () => {
    const { code, stdout } = await ita(["framework", "check", "surveys/ita-2565/framework.json", "--format=json"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      ok: true,
      file: "surveys/ita-2565/framework.json",
      framework: "ita-2565",
      errors: [],
    });
  });

  it("checks the OIT items' previous ids against last year's file beside it, naming an unknown one in Thai", async () => {
    const dir = path.join(scratch, "surveys");
    for (const id of ["ita-2565", "ita-2566"]) {
      fs.mkdirSync(path.join(dir, id), { recursive: true });
      fs.copyFileSync(`surveys/${id}/framework.json`, path.join(dir, id, "framework.json"));
    }
    const file = path.join(dir, "ita-2566", "framework.json");
    const json = JSON.parse(fs.readFileSync(file, "utf8")) as { oitItems: { previous?: string[] }[] };
    json.oitItems[10]!.previous = ["o10", "o44"];
    fs.writeFileSync(file, JSON.stringify(json));
    const { code, stdout } = await ita(["framework", "check", file]);
    expect(code).toBe(1);
    expect(stdout).toContain("- oitItems[10].previous[1]: o11: ไม่มีข้อ OIT o44 ใน ita-2565");
  });

  it("says in Thai when a file is not JSON, with the whole file as its place", async () => {
    const broken = path.join(scratch, "broken.json");
    fs.writeFileSync(broken, "{ not json");
    const { code, stdout } = await ita(["framework", "check", broken]);
    expect(code).toBe(1);
    expect(stdout).toContain("- (ทั้งไฟล์): ไฟล์ไม่ใช่ JSON ที่ถูกต้อง");
  });

  it("fails on a file that cannot be read, and on a usage mistake with exit code 2", async () => {
    const missing = await ita(["framework", "check", path.join(scratch, "nowhere.json")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("อ่านไฟล์");
    expect((await ita(["framework"])).code).toBe(2);
    expect((await ita(["framework", "publish", MISTAKES])).code).toBe(2);
    expect((await ita(["framework", "check", MISTAKES, "--publish"])).code).toBe(2);
    expect((await ita(["framework", "check", MISTAKES, "--format", "xml"])).code).toBe(2);
  });

  it("runs as `npm run --silent ita -- framework check FILE` with exit code 1 and the errors on standard output", () => {
    let status = 0;
    let stdout = "";
    try {
      execFileSync("npx", ["tsx", "scripts/ita.ts", "framework", "check", MISTAKES], {
        encoding: "utf8",
        stdio: "pipe",
      });
    } catch (error) {
      const failed = error as { status: number; stdout: string };
      status = failed.status;
      stdout = failed.stdout;
    }
    expect(status).toBe(1);
    expect(stdout).toContain("- items.IIT[1].scale: i2: ไม่รู้จักมาตรวัด scale5");
  }, 60_000);
});
