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
