import type ExcelJS from "exceljs";

// Spreadsheet exports hold text people typed (comments, OIT notes). Such text must never run as a formula
// in the program that opens the file (issue 14, item 11):
// - XLSX: every value is written as a plain string or number cell. A string cell is text, never a formula,
//   whatever it starts with, so the text is kept exactly as typed (no visible leading ').
// - CSV has no cell types: a text that a spreadsheet would read as a formula gets a leading '.

/**
 * A text a spreadsheet may read as a formula when opened from CSV: one starting with = + - @ (or their
 * full-width forms ＝ ＋ － ＠, which Excel folds to ASCII) after any blanks (spaces, full-width and
 * zero-width spaces, tabs, line breaks), or starting with a tab, carriage return or line feed.
 */
const FORMULA_LIKE = /^[\s\u200B-\u200D\u2060]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n]/u;

/** The text for a CSV cell: prefixed with ' when a spreadsheet could read it as a formula. */
export function neutraliseCsvText(value: string): string {
  return FORMULA_LIKE.test(value) ? `'${value}` : value;
}

/** What a cell of an export may hold: plain text, a number or nothing (never a formula, link or rich text). */
export type PlainCell = string | number | null;

/**
 * Adds a row of plain values (by position, or by column key) to an ExcelJS sheet: strings become string
 * cells, kept exactly as given. The type admits no object, so no formula can be written by accident.
 */
export function addPlainRow(
  sheet: ExcelJS.Worksheet,
  values: readonly PlainCell[] | Readonly<Record<string, PlainCell>>,
): ExcelJS.Row {
  return sheet.addRow(Array.isArray(values) ? [...values] : { ...values });
}
