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

/** A framework a form offers (rounds, official results): named by year and title, not by its id. */
export interface FrameworkOption {
  id: string;
  year: number;
  titleTh: string;
  titleEn: string;
  /** Imported by a super-administrator (stored in the database), not a file of the surveys folder. */
  imported: boolean;
}

/** The version of a framework id: `ita-2568.2` → 2, `ita-2568` → 1. */
export function frameworkVersion(id: string): number {
  const match = /\.([0-9]+)$/.exec(id);
  return match ? Number(match[1]) : 1;
}

/** How a form names a framework: "พ.ศ. 2568 · <title> · ฉบับที่ 2 (นำเข้า)". */
export function frameworkOptionLabel(f: FrameworkOption): { th: string; en: string } {
  const version = frameworkVersion(f.id);
  return {
    th: `พ.ศ. ${f.year} · ${f.titleTh}${version > 1 ? ` · ฉบับที่ ${version}` : ""}${f.imported ? " (นำเข้า)" : ""}`,
    en: `${f.year} · ${f.titleEn}${version > 1 ? ` · version ${version}` : ""}${f.imported ? " (imported)" : ""}`,
  };
}
