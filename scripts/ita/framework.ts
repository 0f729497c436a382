import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { checkFramework, parseFramework } from "../../app/ita/framework";
import { checkPreviousItems } from "../../app/ita/oit-previous";
import type { FrameworkIssue } from "../../app/ita/framework-messages";
import { CliError, defineCommand } from "../lib/cli";

// `ita framework check FILE`: validates a framework file (the shape of every field and the cross-checks:
// weights summing to 100, unique item ids, known scales, OIT items in existing sub-indicators, …) and lists
// every problem with its place in the file. Exit 0 when valid, 1 when not.

const WHOLE_FILE = "(ทั้งไฟล์)";

/** The file's text as JSON, or the one problem that it is not JSON. */
function readJson(file: string): { json: unknown } | { issue: FrameworkIssue } {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new CliError(`อ่านไฟล์ ${file} ไม่ได้ (cannot read ${file}: ${(error as Error).message})`);
  }
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

export const command = defineCommand({
  summary: "validate a framework file: every error in Thai with its place in the file (exit 1 on errors)",
  usage: "framework check FILE [--format text|json]",
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { format: { type: "string", default: "text" } },
    });
    const [action, file, ...extra] = positionals;
    if (action !== "check" || !file || extra.length > 0) throw new CliError(`usage: ${this.usage}`, 2);
    if (values.format !== "text" && values.format !== "json")
      throw new CliError(`--format must be text or json, got "${values.format}"`, 2);

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
