import { describe, expect, it } from "vitest";
import { calendarDate, isCalendarDate, optionalCalendarDate } from "./dates";

describe("calendar dates", () => {
  it("accepts real days, leap days included, as YYYY-MM-DD", () => {
    for (const d of ["2026-01-01", "2026-12-31", "2024-02-29", "2000-02-29", "2026-04-30"])
      expect(isCalendarDate(d), d).toBe(true);
  });

  it("refuses days that do not exist and other shapes", () => {
    for (const d of ["2026-02-30", "2026-13-45", "2026-99-99", "2026-02-29", "1900-02-29", "2026-04-31", "2026-00-10"])
      expect(isCalendarDate(d), d).toBe(false);
    for (const d of ["2026-1-01", "26-01-01", "2026-01-01T00:00", " 2026-01-01", "2026/01/01", "0000-01-01"])
      expect(isCalendarDate(d), d).toBe(false);
  });

  it("reads an empty optional date as null and refuses a non-string", () => {
    expect(optionalCalendarDate.parse("")).toBeNull();
    expect(optionalCalendarDate.parse(undefined)).toBeNull();
    expect(optionalCalendarDate.parse("2026-03-31")).toBe("2026-03-31");
    expect(optionalCalendarDate.safeParse("2026-02-30").success).toBe(false);
    expect(calendarDate.safeParse(20260331).success).toBe(false);
  });
});
