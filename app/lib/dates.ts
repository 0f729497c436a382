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

// ---------------------------------------------------------------------------------------------------------
// Typing dates (issue 16, item 9): a date field is a text field that shows and accepts the page's calendar —
// "5/12/2569" (day/month/Buddhist-era year) in Thai mode, "5/12/2026" in English mode — so that a plain form
// post without JavaScript works; the calendar popover (app/components/date-field.tsx) only fills that text.
// ISO "2026-12-05" (Gregorian) is accepted whatever the page, for API clients and older forms. The database
// keeps ISO. A year in the other calendar, a 2-digit year or a day that does not exist is refused and explained.

/** The calendar a date field shows and reads: Buddhist era (Thai mode) or Gregorian (English mode). */
export type Calendar = "be" | "ce";

/** The hidden field a date field posts beside its text: which calendar the page showed ("be" / "ce"). */
export const CALENDAR_FIELD = "date_calendar";

export function calendarOf(lang: ShowLang): Calendar {
  return lang === "th" ? "be" : "ce";
}

/** Thai month names (full and abbreviated) and English ones, for reading "5 ธ.ค. 2569" and "5 Dec 2026". */
export const MONTHS_TH = [
  "มกราคม",
  "กุมภาพันธ์",
  "มีนาคม",
  "เมษายน",
  "พฤษภาคม",
  "มิถุนายน",
  "กรกฎาคม",
  "สิงหาคม",
  "กันยายน",
  "ตุลาคม",
  "พฤศจิกายน",
  "ธันวาคม",
] as const;
const MONTHS_TH_SHORT = [
  "ม.ค.",
  "ก.พ.",
  "มี.ค.",
  "เม.ย.",
  "พ.ค.",
  "มิ.ย.",
  "ก.ค.",
  "ส.ค.",
  "ก.ย.",
  "ต.ค.",
  "พ.ย.",
  "ธ.ค.",
] as const;
export const MONTHS_EN = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

/** The lowest and highest years a date field takes (Gregorian), and the same in พ.ศ. */
const MIN_CE = 1900;
const MAX_CE = 2200;
const BE = 543;

export type DateProblem =
  | { kind: "format" }
  | { kind: "two-digit-year"; year: string }
  | { kind: "ce-year-in-be"; year: number }
  | { kind: "be-year-in-ce"; year: number }
  | { kind: "year-range"; year: number }
  | { kind: "no-such-day"; day: number; month: number; year: number; calendar: Calendar };

export type DateInputResult = { ok: true; iso: string | null } | { ok: false; problem: DateProblem };

const THAI_DIGITS = /[๐-๙]/g;
const NUMERIC = /^(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d+)$/;
const WORDS = /^(\d{1,2})\s*([^\d\s].*?)\s*(\d+)$/;

function monthFromWord(word: string): number | null {
  const w = word.toLowerCase().replace(/\s+/g, "");
  for (let i = 0; i < 12; i++) {
    const th = MONTHS_TH[i] as string;
    const thShort = MONTHS_TH_SHORT[i] as string;
    const en = (MONTHS_EN[i] as string).toLowerCase();
    if (w === th || w === thShort || w === thShort.replace(/\./g, "") || w === en || w === en.slice(0, 3)) return i + 1;
  }
  return null;
}

/**
 * Reads what a person typed in a date field. `calendar` is the calendar the page showed ("be": the year is
 * พ.ศ.; "ce": Gregorian); undefined (a post without the hidden field) reads a year of 2400 or more as พ.ศ.
 * Accepts "5/12/2569", "05-12-2569", "5.12.2569", "๕/๑๒/๒๕๖๙", "5 ธ.ค. 2569", "5 ธันวาคม พ.ศ. 2569",
 * "5 Dec 2026" and ISO "2026-12-05" (always Gregorian). Empty is null.
 */
export function parseDateInput(text: string, calendar?: Calendar): DateInputResult {
  const value = text
    .trim()
    .replace(THAI_DIGITS, (d) => String(d.charCodeAt(0) - 0x0e50))
    .replace(/\s+/g, " ");
  if (!value) return { ok: true, iso: null };
  if (ISO_DATE.test(value)) {
    // Year first is ISO, Gregorian; a พ.ศ. year written that way ("2569-12-05") is read as พ.ศ. unless the page is Gregorian.
    const [y, m, d] = value.split("-").map(Number) as [number, number, number];
    return parseParts(d, m, String(y), y >= MIN_CE + BE && calendar !== "ce" ? "be" : "ce");
  }
  let day: number, month: number | null, yearText: string;
  const numeric = NUMERIC.exec(value);
  const words = numeric ? null : WORDS.exec(value.replace(/(?:พ\.ศ\.|ค\.ศ\.)\s*/g, ""));
  if (numeric) {
    day = Number(numeric[1]);
    month = Number(numeric[2]);
    yearText = numeric[3] as string;
  } else if (words) {
    day = Number(words[1]);
    month = monthFromWord(words[2] as string);
    yearText = words[3] as string;
  } else return { ok: false, problem: { kind: "format" } };
  if (month == null) return { ok: false, problem: { kind: "format" } };
  return parseParts(day, month, yearText, calendar);
}

function parseParts(day: number, month: number, yearText: string, calendar: Calendar | undefined): DateInputResult {
  if (yearText.length <= 2) return { ok: false, problem: { kind: "two-digit-year", year: yearText } };
  const year = Number(yearText);
  const looksBe = year >= MIN_CE + BE && year <= MAX_CE + BE;
  const looksCe = year >= MIN_CE && year <= MAX_CE;
  const as: Calendar | null = calendar ?? (looksBe ? "be" : looksCe ? "ce" : null);
  if (as === "be" && !looksBe) {
    return { ok: false, problem: looksCe ? { kind: "ce-year-in-be", year } : { kind: "year-range", year } };
  }
  if (as === "ce" && !looksCe) {
    return { ok: false, problem: looksBe ? { kind: "be-year-in-ce", year } : { kind: "year-range", year } };
  }
  if (as == null) return { ok: false, problem: { kind: "year-range", year } };
  const ce = as === "be" ? year - BE : year;
  const iso = `${String(ce).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  if (month < 1 || month > 12 || day < 1 || !isCalendarDate(iso)) {
    return { ok: false, problem: { kind: "no-such-day", day, month, year, calendar: as } };
  }
  return { ok: true, iso };
}

function daysIn(monthNumber: number, ceYear: number): number {
  return new Date(Date.UTC(ceYear, monthNumber, 0)).getUTCDate();
}

/** What to say about a refused date, in English and Thai: what was wrong and what to type instead. */
export function dateProblemText(problem: DateProblem): readonly [en: string, th: string] {
  switch (problem.kind) {
    case "format":
      return ["Type the date as day/month/year, e.g. 5/12/2026.", "พิมพ์วันที่เป็น วัน/เดือน/ปี พ.ศ. เช่น 5/12/2569"];
    case "two-digit-year":
      return [
        `Type the year in full (4 digits), e.g. 2026 rather than ${problem.year}.`,
        `พิมพ์ปี พ.ศ. ให้ครบ 4 หลัก เช่น 2569 (ไม่ใช่ ${problem.year})`,
      ];
    case "ce-year-in-be":
      return [
        `${problem.year} is a Gregorian year; this page uses the Buddhist era: type ${problem.year + BE}.`,
        `ปี ${problem.year} เป็นปี ค.ศ. — ช่องนี้ใช้ปี พ.ศ. โปรดพิมพ์ ${problem.year + BE}`,
      ];
    case "be-year-in-ce":
      return [
        `${problem.year} is a Buddhist-era year; this page uses Gregorian years: type ${problem.year - BE}.`,
        `ปี ${problem.year} เป็นปี พ.ศ. — ช่องนี้ใช้ปี ค.ศ. โปรดพิมพ์ ${problem.year - BE}`,
      ];
    case "year-range":
      return [
        `The year ${problem.year} is out of range; type a year between ${MIN_CE} and ${MAX_CE}.`,
        `ปี ${problem.year} อยู่นอกช่วงที่รับได้ โปรดพิมพ์ปี พ.ศ. ${MIN_CE + BE}–${MAX_CE + BE}`,
      ];
    case "no-such-day": {
      const { day, month, year, calendar } = problem;
      if (month < 1 || month > 12) {
        return [
          `There is no month ${month}; the month is 1 to 12 (day/month/year).`,
          `ไม่มีเดือนที่ ${month} — เดือนต้องเป็น 1–12 (วัน/เดือน/ปี)`,
        ];
      }
      const ce = calendar === "be" ? year - BE : year;
      const last = daysIn(month, ce);
      const be = ce + BE;
      return [
        `${MONTHS_EN[month - 1]} ${ce} has ${last} days; there is no day ${day}.`,
        `เดือน${MONTHS_TH[month - 1]} พ.ศ. ${be} มี ${last} วัน — ไม่มีวันที่ ${day}`,
      ];
    }
  }
}

/** An ISO date as a date field shows it: "5/12/2569" in พ.ศ., "5/12/2026" Gregorian; "" for none. */
export function dateInputText(iso: string | null | undefined, calendar: Calendar): string {
  if (!iso || !isCalendarDate(iso)) return "";
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return `${d}/${m}/${calendar === "be" ? y + BE : y}`;
}

/**
 * Reads the named date fields of a posted form (text as typed, the calendar from CALENDAR_FIELD): a copy of
 * the input with each readable field replaced by its ISO date ("" when empty), and a field error for each
 * that is not (its text left as typed, so that the form's own schema refuses it too).
 */
export function readDateFields(
  input: Record<string, unknown>,
  fields: readonly string[],
): { input: Record<string, unknown>; errors: { field: string; message: string; messageTh: string }[] } {
  const hint = input[CALENDAR_FIELD];
  const calendar: Calendar | undefined = hint === "be" || hint === "ce" ? hint : undefined;
  const out: Record<string, unknown> = { ...input };
  const errors: { field: string; message: string; messageTh: string }[] = [];
  for (const field of fields) {
    const raw = input[field];
    if (typeof raw !== "string") continue;
    const result = parseDateInput(raw, calendar);
    if (result.ok) out[field] = result.iso ?? "";
    else {
      const [message, messageTh] = dateProblemText(result.problem);
      errors.push({ field, message, messageTh });
    }
  }
  return { input: out, errors };
}
