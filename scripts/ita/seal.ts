import { parseArgs } from "node:util";
import { sealRound, type SealReport } from "../../app/services/rounds/seal.server";
import { CliError, defineCommand, openCliDb } from "../lib/cli";
import { roundFromArgs } from "./round-arg";

/** The report in Thai, for a person reading the terminal. */
function text(report: SealReport): string {
  const lines = [
    `รอบ ${report.round.slug}: ${report.alreadySealed ? "ผนึกไว้แล้วก่อนหน้านี้" : "ผนึกข้อมูล IIT แล้ว"} (${report.sealedAt})`,
    `คำตอบ IIT ที่เขียนใหม่ในลำดับสุ่ม: ${report.iitResponses} ชุด`,
    `รหัสใช้ครั้งเดียว: ออก ${report.codesIssued} รหัส ใช้แล้ว ${report.codesUsed} รหัส (เก็บไว้เพียงจำนวน)`,
    report.storageCleaned
      ? "บีบอัดไฟล์ฐานข้อมูลแล้ว: ไม่เหลือข้อมูล IIT ฉบับเก่าในไฟล์"
      : `ยังบีบอัดไฟล์ฐานข้อมูลไม่ได้ (${report.problem ?? "ไม่ทราบสาเหตุ"}) กรุณาสั่งผนึกอีกครั้ง`,
  ];
  return `${lines.join("\n")}\n`;
}

export const command = defineCommand({
  summary: "seal a closed round's IIT storage: codes become counts, sheets rewritten, files compacted",
  usage: "seal --round ID|SLUG [--format json|text]",
  async run(args, io) {
    const { values } = parseArgs({ args, options: { round: { type: "string" }, format: { type: "string" } } });
    const format = values.format ?? "json";
    if (format !== "json" && format !== "text") throw new CliError(`--format must be json or text, got "${format}"`, 2);
    const db = await openCliDb(io);
    try {
      const round = await roundFromArgs(db, values.round, this.usage);
      const result = await sealRound(db, null, round.id);
      if (!result.ok) throw new CliError(result.errors.map((e) => e.message).join(" "));
      io.stdout(format === "json" ? `${JSON.stringify(result.report, null, 2)}\n` : text(result.report));
      if (!result.report.storageCleaned)
        throw new CliError(`the files were not compacted: ${result.report.problem ?? "unknown reason"}`);
    } finally {
      await db.destroy();
    }
  },
});
