import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { checkFramework, parseFramework } from "../../app/ita/framework";
import { checkPreviousItems } from "../../app/ita/oit-previous";
import type { FrameworkIssue } from "../../app/ita/framework-messages";
import { CliError, defineCommand, openCliDb, type CliIo } from "../lib/cli";

// `ita framework check FILE`: validates a framework file (the shape of every field and the cross-checks:
// weights summing to 100, unique item ids, known scales, OIT items in existing sub-indicators, …) and lists
// every problem with its place in the file. Exit 0 when valid, 1 when not.
// `ita framework import FILE [--publish]`: the same checks, then stores the framework in the database as a
// draft (replacing a draft of the same id) or published. Exit 0 when stored, 1 when the file has errors or its
// id is already published (a correction is a new version, e.g. ita-2568.2), 2 for a usage mistake.

const WHOLE_FILE = "(ทั้งไฟล์)";

function readText(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new CliError(`อ่านไฟล์ ${file} ไม่ได้ (cannot read ${file}: ${(error as Error).message})`);
  }
}

/** The file's text as JSON, or the one problem that it is not JSON. */
function readJson(file: string): { json: unknown } | { issue: FrameworkIssue } {
  const text = readText(file);
  try {
    return { json: JSON.parse(text) };
  } catch (error) {
    const detail = (error as Error).message;
    return {
      issue: { path: "", messageTh: `ไฟล์ไม่ใช่ JSON ที่ถูกต้อง (${detail})`, messageEn: `not valid JSON (${detail})` },
    };
  }
}

/** Problems of the OIT items' `previous` ids, when the previous framework's file is found beside this one. */
function previousIssues(file: string, fw: ReturnType<typeof parseFramework>): FrameworkIssue[] {
  if (!fw.previousFramework) return [];
  const sibling = path.join(path.dirname(path.dirname(path.resolve(file))), fw.previousFramework, "framework.json");
  if (!fs.existsSync(sibling)) return [];
  const read = readJson(sibling);
  if ("issue" in read || checkFramework(read.json).length > 0) return [];
  return checkPreviousItems(fw, parseFramework(read.json));
}

function printIssues(io: CliIo, file: string, issues: FrameworkIssue[], format: string): never {
  if (format === "json") {
    const errors = issues.map((i) => ({ path: i.path, messageTh: i.messageTh, messageEn: i.messageEn }));
    io.stdout(`${JSON.stringify({ ok: false, file, framework: null, errors }, null, 2)}\n`);
  } else {
    const lines = issues.map((i) => `- ${i.path || WHOLE_FILE}: ${i.messageTh}`);
    io.stdout(`ไฟล์ ${file} มีข้อผิดพลาด ${issues.length} รายการ:\n${lines.join("\n")}\n`);
  }
  throw new CliError(`นำเข้าไม่ได้: ${issues.length} รายการ (${issues.length} errors in ${file}; nothing stored)`);
}

/** `framework import FILE [--publish]`: validated, then stored as a draft or published. */
async function runImport(io: CliIo, file: string, publish: boolean, format: string): Promise<void> {
  const text = readText(file);
  // Loaded here: `check` needs no database and stays quick to start.
  const { importFramework } = await import("../../app/services/frameworks/manage.server");
  const db = await openCliDb(io);
  try {
    const result = await importFramework(db, null, { text, publish });
    if (!result.ok) printIssues(io, file, result.issues, format);
    if (format === "json") io.stdout(`${JSON.stringify({ ...result, file }, null, 2)}\n`);
    else
      io.stdout(
        `นำเข้า ${result.id} แล้ว: ${result.status === "published" ? "เผยแพร่แล้ว ใช้กับรอบการประเมินได้" : "เป็นฉบับร่าง (ตรวจและเผยแพร่ที่หน้า /admin/frameworks)"}` +
          `${result.replaced ? " แทนที่ร่างเดิม" : ""}\n`,
      );
  } finally {
    await db.destroy();
  }
}

export const command = defineCommand({
  summary:
    "validate a framework file (check) or store it in the database (import, --publish): errors in Thai with places",
  usage: "framework check FILE [--format text|json] | framework import FILE [--publish] [--format text|json]",
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { format: { type: "string", default: "text" }, publish: { type: "boolean", default: false } },
    });
    const [action, file, ...extra] = positionals;
    if ((action !== "check" && action !== "import") || !file || extra.length > 0)
      throw new CliError(`usage: ${this.usage}`, 2);
    if (values.format !== "text" && values.format !== "json")
      throw new CliError(`--format must be text or json, got "${values.format}"`, 2);
    if (action === "import") return runImport(io, file, values.publish, values.format);
    if (values.publish) throw new CliError(`--publish goes with import: ${this.usage}`, 2);

    const read = readJson(file);
    const issues = "issue" in read ? [read.issue] : checkFramework(read.json);
    // The OIT items' `previous` ids are checked against last year's file when it sits beside this one
    // (surveys/<previousFramework>/framework.json).
    if (issues.length === 0 && "json" in read) issues.push(...previousIssues(file, parseFramework(read.json)));
    const framework = issues.length === 0 && "json" in read ? parseFramework(read.json) : undefined;

    if (values.format === "json") {
      const out = {
        ok: issues.length === 0,
        file,
        framework: framework?.id ?? null,
        errors: issues.map((i) => ({ path: i.path, messageTh: i.messageTh, messageEn: i.messageEn })),
      };
      io.stdout(`${JSON.stringify(out, null, 2)}\n`);
    } else if (framework) {
      io.stdout(
        `ไฟล์ ${file} ถูกต้อง: ${framework.id} ปี ${framework.year} — ตัวชี้วัด ${framework.indicators.length} ตัว, ` +
          `IIT ${framework.items.IIT.length} ข้อ, EIT ${framework.items.EIT.length} ข้อ, OIT ${framework.oitItems.length} ข้อ\n`,
      );
    } else {
      const lines = issues.map((i) => `- ${i.path || WHOLE_FILE}: ${i.messageTh}`);
      io.stdout(`ไฟล์ ${file} มีข้อผิดพลาด ${issues.length} รายการ:\n${lines.join("\n")}\n`);
    }
    if (issues.length > 0)
      throw new CliError(`ไฟล์กรอบการประเมินไม่ถูกต้อง: ${issues.length} รายการ (${issues.length} errors in ${file})`);
  },
});
