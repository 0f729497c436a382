/** The framework a new round, an official result or an analysis uses when none is named: the 2565 method. */
export const DEFAULT_FRAMEWORK_ID = "ita-2565";

/**
 * A framework in words rather than its id (issue 16): "ita-2565" → "เกณฑ์ ITA พ.ศ. 2565" · "ITA framework 2565 (2022)"
 * (the framework of fiscal year 2565; short enough for a select). An id without a Buddhist-era year in it is shown as it is.
 */
export function frameworkName(id: string): { th: string; en: string } {
  const match = /^ita-(\d{4})$/.exec(id);
  if (!match) return { th: `เกณฑ์ ${id}`, en: `framework ${id}` };
  const year = Number(match[1]);
  return { th: `เกณฑ์ ITA พ.ศ. ${year}`, en: `ITA framework ${year} (${year - 543})` };
}
