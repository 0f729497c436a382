import ExcelJS from "exceljs";
import type { Db } from "../../../db/client";
import { findIitRelease, type IitRelease } from "../../../db/repositories/iit-release";
import { listRawResponses } from "../../../db/repositories/results";
import type { Round } from "../../../db/repositories/rounds";
import { COMMENT_FIELD } from "../../ita";
import type { Framework, SurveyItem } from "../../ita";
import { assertCan, type SessionUser } from "../../server/auth.server";
import { httpError } from "../../server/http.server";
import { addPlainRow, neutraliseCsvText } from "../../server/spreadsheet.server";
import { frameworkFor } from "../frameworks/frameworks.server";
import { roundOfActor } from "../rounds/rounds.server";

/** One released IIT item (or sub-item): its mean on the answer scale and how many chose each level. */
export type IitAggregate = { key: string; topicTh: string; mean: number | null; answered: number; levels: number[] };

/**
 * The EIT responses, one row each, and the IIT only as aggregates once released (`iit` null before): no
 * individual IIT answer sheet ever leaves the server (docs/anonymity.md, "What an agency admin can see").
 */
export type ExportTable = {
  header: string[];
  rows: (string | number | null)[][];
  iit: { levels: number[]; items: IitAggregate[] } | null;
};

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

/** Item means and per-level counts of the released IIT, in the framework's order. */
export function iitAggregates(fw: Framework, release: IitRelease): { levels: number[]; items: IitAggregate[] } {
  const levels = [...new Set(fw.items.IIT.flatMap((item) => fw.scales[item.scale]!.choices.map((c) => c.level)))].sort(
    (a, b) => a - b,
  );
  const items = fw.items.IIT.flatMap((item) =>
    (item.subItems
      ? item.subItems.map((s, i) => ({ sub: i + 1, topicTh: s.topicTh }))
      : [{ sub: 0, topicTh: item.topicTh }]
    ).map(({ sub, topicTh }) => {
      const counts = levels.map((level) =>
        release.rows
          .filter((r) => r.item === item.id && r.sub === sub && r.level === level)
          .reduce((n, r) => n + r.count, 0),
      );
      const answered = counts.reduce((n, c) => n + c, 0);
      const sum = counts.reduce((n, c, i) => n + c * levels[i]!, 0);
      return {
        key: sub ? `${item.id}.${sub}` : item.id,
        topicTh,
        mean: answered ? Math.round((sum / answered) * 100) / 100 : null,
        answered,
        levels: counts,
      };
    }),
  );
  return { levels, items };
}

/**
 * The round's EIT responses as one table (one row per response, one column per item, sub-items as item.sub,
 * the framework id, the channel and the comment) and, once the round's IIT was released, the IIT as
 * aggregates only. IIT answer sheets are never exported, before or after the release: two exports could
 * otherwise be differenced to recover one person's sheet.
 */
export async function buildExportTable(db: Db, round: Round): Promise<ExportTable> {
  const fw: Framework = await frameworkFor(db, round.framework);
  const eitCols = itemColumns(fw.items.EIT);
  const header = ["instrument", "framework", "channel", "respondent_type", ...eitCols.map((c) => c.key), "comment"];
  const rows: (string | number | null)[][] = [];
  for (const r of await listRawResponses(db, round.id, "eit")) {
    const answers = JSON.parse(r.answers) as Record<string, unknown>;
    const comment = answers[COMMENT_FIELD];
    rows.push([
      "EIT",
      r.framework,
      r.channel,
      r.respondentType,
      ...eitCols.map((c) => valueOf(answers, c.item, c.sub)),
      typeof comment === "string" ? comment : null,
    ]);
  }
  const release = await findIitRelease(db, round.id);
  return { header, rows, iit: release ? iitAggregates(fw, release) : null };
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
  if (table.iit) {
    // The released IIT as aggregates: one row per item, never one per person.
    const iit = workbook.addWorksheet("IIT (aggregate)");
    iit.addRow(["item", "topic", "mean", "answered", ...table.iit.levels.map((l) => `level_${l}`)]);
    iit.getRow(1).font = { bold: true };
    for (const a of table.iit.items) addPlainRow(iit, [a.key, a.topicTh, a.mean, a.answered, ...a.levels]);
    iit.views = [{ state: "frozen", ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export type ResponsesFile = {
  body: string | Uint8Array<ArrayBuffer>;
  contentType: string;
  filename: string;
  /** Whether the released IIT aggregates are in the file (XLSX only; the X-IIT-Aggregates header). */
  iitAggregates: "included" | "withheld" | "not-in-csv";
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
      iitAggregates: table.iit ? "not-in-csv" : "withheld",
    };
  return {
    body: new Uint8Array(await toXlsx(table, `ITA ${round.fiscal_year}`)),
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    filename: `${name}.xlsx`,
    iitAggregates: table.iit ? "included" : "withheld",
  };
}
