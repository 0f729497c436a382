import { z } from "zod";

// Calendar dates typed into forms (YYYY-MM-DD, Gregorian, as the database keeps them): one schema for every
// date input, so that 2026-02-30 or 2026-99-99 is refused rather than stored (issue 14, item 8).

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is YYYY-MM-DD naming a day that exists (2024-02-29 yes, 2026-02-29 and 2026-13-01 no). */
export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  // Day 0 of the next month is the last day of this one (UTC: no time zone can shift it).
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** What to say when a date is refused, in English and Thai. */
export const DATE_MESSAGE = ["A real date as YYYY-MM-DD.", "วันที่ต้องอยู่ในรูปแบบ ปปปป-ดด-วว"] as const;

/** A real calendar date as YYYY-MM-DD. */
export const calendarDate = z.string().refine(isCalendarDate, { message: DATE_MESSAGE[0] });

/** An optional date field: empty (or absent) is null, anything else must be a real calendar date. */
export const optionalCalendarDate = z.preprocess((v) => (v === "" || v == null ? null : v), calendarDate.nullable());

// ---------------------------------------------------------------------------------------------------------
// Showing dates (issue 16): one formatter for every screen. Thai mode writes Buddhist-era dates in Thai
// ("2 ธ.ค. 2569"); English mode Gregorian dates in English ("2 Dec 2026"). Times are Asia/Bangkok's.

type ShowLang = "th" | "en";
const ZONE = "Asia/Bangkok";
const LOCALES: Record<ShowLang, string> = { th: "th-TH-u-ca-buddhist", en: "en-GB" };

const DATE_STYLES = {
  /** 2 ธ.ค. 2569 · 2 Dec 2026 */
  short: { day: "numeric", month: "short", year: "numeric" },
  /** 2 ธันวาคม 2569 · 2 December 2026 */
  long: { day: "numeric", month: "long", year: "numeric" },
  /** 2 ธ.ค. 2569 14:05 · 2 Dec 2026, 14:05 */
  dateTime: { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export type DateStyle = keyof typeof DATE_STYLES;

/**
 * A date or moment for the screen. A calendar date (YYYY-MM-DD) is shown as that day whatever the time zone;
 * a moment (an ISO timestamp or a Date) as its day (and time) in Asia/Bangkok. Empty or unreadable: "".
 */
export function formatDate(
  value: string | Date | null | undefined,
  lang: ShowLang,
  style: DateStyle = "short",
): string {
  if (value == null || value === "") return "";
  const dateOnly = typeof value === "string" && ISO_DATE.test(value);
  const moment = typeof value === "string" ? new Date(dateOnly ? `${value}T00:00:00Z` : value) : value;
  if (Number.isNaN(moment.getTime())) return "";
  const options: Intl.DateTimeFormatOptions = { ...DATE_STYLES[style], timeZone: dateOnly ? "UTC" : ZONE };
  return new Intl.DateTimeFormat(LOCALES[lang], options).format(moment);
}

/** A Thai fiscal year (stored in พ.ศ.): "ปีงบประมาณ พ.ศ. 2570" · "Fiscal year 2570 (Oct 2026 – Sep 2027)". */
export function fiscalYearText(fiscalYear: number, lang: ShowLang): string {
  const ce = fiscalYear - 543;
  return lang === "th" ? `ปีงบประมาณ พ.ศ. ${fiscalYear}` : `Fiscal year ${fiscalYear} (Oct ${ce - 1} – Sep ${ce})`;
}
