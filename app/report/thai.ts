const THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙";

/** Writes Arabic digits as Thai digits (๐–๙), as many Thai official documents do. */
export function toThaiDigits(text: string): string {
  return text.replace(/[0-9]/g, (d) => THAI_DIGITS.charAt(Number(d)));
}

/** Buddhist-era year ↔ Gregorian year. */
export const toGregorian = (yearBE: number) => yearBE - 543;

/** A YYYY-MM-DD date as a Thai long date in the Buddhist era, e.g. "31 มีนาคม 2566". */
export function formatThaiDate(isoDate: string): string {
  const [y = NaN, m = NaN, d = NaN] = isoDate.slice(0, 10).split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return new Intl.DateTimeFormat("th-TH-u-ca-buddhist", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  })
    .format(date)
    .replace(/\s*พ\.ศ\.\s*/, " ");
}

/** Today's date (YYYY-MM-DD) in a time zone, for "ณ วันที่ …". */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
