import ExcelJS from "exceljs";
import type { Db } from "../../../db/client";
import { findPublishedIit, listRawResponses, listResponseCounts } from "../../../db/repositories/results";
import type { Round } from "../../../db/repositories/rounds";
import { COMMENT_FIELD } from "../../ita";
import type { Framework, SurveyItem } from "../../ita";
import { assertCan, type SessionUser } from "../../server/auth.server";
import { config } from "../../server/config.server";
import { httpError } from "../../server/http.server";
import { addPlainRow, neutraliseCsvText } from "../../server/spreadsheet.server";
import { loadFramework } from "../frameworks/frameworks.server";
import { roundOfActor } from "../rounds/rounds.server";

export type ExportTable = { header: string[]; rows: (string | number | null)[][]; iitRows: "included" | "withheld" };

function itemColumns(items: SurveyItem[]): { key: string; item: string; sub: number }[] {
  return items.flatMap((item) =>
    item.subItems
      ? item.subItems.map((_, i) => ({ key: `${item.id}.${i + 1}`, item: item.id, sub: i + 1 }))
      : [{ key: item.id, item: item.id, sub: 0 }],
  );
}

function valueOf(answers: Record<string, unknown>, item: string, sub: number): number | string | null {
  const v = answers[item];
  const picked =
    sub === 0 ? v : typeof v === "object" && v !== null ? (v as Record<string, unknown>)[String(sub)] : undefined;
  return typeof picked === "number" || typeof picked === "string" ? picked : null;
}

/**
 * The round's responses as one table: one row per response, one column per item (sub-items as
 * item.sub), the framework id and the EIT channel. IIT rows carry nothing about the respondent (no
 * id, no comment, random order) and appear only while every IIT response is in the published
 * snapshot of at least IIT_MIN_GROUP: two exports then differ by a group, never by one person.
 */
export async function buildExportTable(db: Db, round: Round, minGroup = config().IIT_MIN_GROUP): Promise<ExportTable> {
  const fw: Framework = loadFramework(round.framework);
  const iitCols = itemColumns(fw.items.IIT);
  const eitCols = itemColumns(fw.items.EIT);
  const header = [
    "instrument",
    "framework",
    "channel",
    "respondent_type",
    ...iitCols.map((c) => c.key),
    ...eitCols.map((c) => c.key),
    "comment",
  ];
  const rows: (string | number | null)[][] = [];

  const [published, counts] = await Promise.all([findPublishedIit(db, round.id), listResponseCounts(db, round.id)]);
  const liveIit = counts.filter((c) => c.instrument === "iit").reduce((n, c) => n + c.count, 0);
  const iitIncluded = !!published && published.count >= Math.max(5, minGroup) && published.count === liveIit;
  if (iitIncluded) {
    for (const r of await listRawResponses(db, round.id, "iit")) {
      const answers = JSON.parse(r.answers) as Record<string, unknown>;
      rows.push([
        "IIT",
        r.framework,
        null,
        null,
        ...iitCols.map((c) => valueOf(answers, c.item, c.sub)),
        ...eitCols.map(() => null),
        null,
      ]);
    }
  }
  for (const r of await listRawResponses(db, round.id, "eit")) {
    const answers = JSON.parse(r.answers) as Record<string, unknown>;
    const comment = answers[COMMENT_FIELD];
    rows.push([
      "EIT",
      r.framework,
      r.channel,
      r.respondentType,
      ...iitCols.map(() => null),
      ...eitCols.map((c) => valueOf(answers, c.item, c.sub)),
      typeof comment === "string" ? comment : null,
    ]);
  }
  return { header, rows, iitRows: iitIncluded ? "included" : "withheld" };
}

function csvCell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const text = neutraliseCsvText(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 with a byte-order mark (so Excel reads Thai), CRLF line ends. */
export function toCsv(table: ExportTable): string {
  const lines = [table.header, ...table.rows].map((row) => row.map(csvCell).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export async function toXlsx(table: ExportTable, sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "ITA Survey";
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.addRow(table.header);
  sheet.getRow(1).font = { bold: true };
  // String cells: text as typed, never a formula (no leading ' needed or added).
  for (const row of table.rows) addPlainRow(sheet, row);
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export type ResponsesFile = {
  body: string | Uint8Array<ArrayBuffer>;
  contentType: string;
  filename: string;
  /** Whether the IIT rows are in the file (the X-IIT-Rows header). */
  iitRows: ExportTable["iitRows"];
};

/** The round's responses as a CSV or XLSX file (`format`); 404 for any other format. */
export async function exportResponses(
  db: Db,
  actor: SessionUser,
  roundId: string,
  format: string | undefined,
): Promise<ResponsesFile> {
  assertCan(actor, "readResults");
  const round = await roundOfActor(db, actor, roundId);
  if (format !== "csv" && format !== "xlsx") throw httpError(404, "Unknown format.", "ไม่รู้จักรูปแบบไฟล์นี้");
  const table = await buildExportTable(db, round);
  const name = `ita-${round.fiscal_year}-${round.slug}-responses`;
  if (format === "csv")
    return {
      body: toCsv(table),
      contentType: "text/csv; charset=utf-8",
      filename: `${name}.csv`,
      iitRows: table.iitRows,
    };
  return {
    body: new Uint8Array(await toXlsx(table, `ITA ${round.fiscal_year}`)),
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    filename: `${name}.xlsx`,
    iitRows: table.iitRows,
  };
}
