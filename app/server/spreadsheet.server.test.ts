import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { addPlainRow, neutraliseCsvText } from "./spreadsheet.server";

const FORMULA_LIKE = [
  "=1+1",
  "+1+1",
  "-2+3",
  "@SUM(A1:A2)",
  "\t=1+1",
  "\r=1+1",
  "\n=1+1",
  "\nhello",
  " =1+1",
  "   +1",
  "\u3000=1+1",
  "\u00A0=1+1",
  "\u200B=1+1",
  "＝1+1",
  "＋1+1",
  "－2+3",
  "＠SUM(A1:A2)",
  ' ＝HYPERLINK("http://evil.example")',
];
const PLAIN = ["ขอบคุณเจ้าหน้าที่", "a=1", "1-2", "e-mail: a@b.example", "", "'quoted", "ดี =1+1", "x\n=1+1"];

describe("spreadsheet export cells", () => {
  it("prefixes with ' every CSV text a spreadsheet could read as a formula, ASCII or full-width", () => {
    for (const text of FORMULA_LIKE) expect(neutraliseCsvText(text), JSON.stringify(text)).toBe(`'${text}`);
  });

  it("leaves other CSV text as typed", () => {
    for (const text of PLAIN) expect(neutraliseCsvText(text), JSON.stringify(text)).toBe(text);
  });

  it("writes XLSX text as string cells with the exact text: no formula and no added '", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("t");
    sheet.columns = [{ key: "text" }, { key: "n" }];
    for (const text of [...FORMULA_LIKE, ...PLAIN.filter(Boolean)]) addPlainRow(sheet, [text, 7]);
    addPlainRow(sheet, { text: "=by key", n: null });
    const buffer = await book.xlsx.writeBuffer();

    const zip = await JSZip.loadAsync(buffer);
    const xml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    expect(xml).not.toContain("<f>");
    expect(xml).not.toContain("<f ");

    const back = new ExcelJS.Workbook();
    await back.xlsx.load(buffer);
    const read = back.worksheets[0]!;
    const texts: unknown[] = [];
    read.eachRow((row) => {
      const cell = row.getCell(1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula ?? null).toBeNull();
      texts.push(cell.value);
    });
    // (XML keeps a line break as \n: a lone CR is not a cell's content)
    const expected = [...FORMULA_LIKE, ...PLAIN.filter(Boolean), "=by key"].map((t) => t.replace(/\r/g, "\n"));
    expect(texts).toEqual(expected);
    expect(read.getRow(1).getCell(2).value).toBe(7);
  });
});
