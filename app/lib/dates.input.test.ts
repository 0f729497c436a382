import { describe, expect, it } from "vitest";
import { CALENDAR_FIELD, dateInputText, dateProblemText, parseDateInput, readDateFields } from "./dates";

const iso = (text: string, calendar?: "be" | "ce") => {
  const r = parseDateInput(text, calendar);
  return r.ok ? r.iso : null;
};
const problem = (text: string, calendar?: "be" | "ce") => {
  const r = parseDateInput(text, calendar);
  if (r.ok) throw new Error(`${text} was accepted as ${r.iso}`);
  return r.problem;
};

describe("typing a date in the page's calendar", () => {
  it("reads day/month/พ.ศ. year in Thai mode: 5/12/2569 is 5 December 2026", () => {
    expect(iso("5/12/2569", "be")).toBe("2026-12-05");
    expect(iso("05-12-2569", "be")).toBe("2026-12-05");
    expect(iso(" 5.12.2569 ", "be")).toBe("2026-12-05");
    expect(iso("๕/๑๒/๒๕๖๙", "be")).toBe("2026-12-05");
    expect(iso("5 ธ.ค. 2569", "be")).toBe("2026-12-05");
    expect(iso("5 ธันวาคม พ.ศ. 2569", "be")).toBe("2026-12-05");
  });

  it("reads day/month/year Gregorian in English mode: 5/12/2026 and 5 Dec 2026", () => {
    expect(iso("5/12/2026", "ce")).toBe("2026-12-05");
    expect(iso("5 Dec 2026", "ce")).toBe("2026-12-05");
    expect(iso("31 december 2026", "ce")).toBe("2026-12-31");
  });

  it("takes ISO dates in either mode as Gregorian, and empty text as no date", () => {
    expect(iso("2026-12-05", "be")).toBe("2026-12-05");
    expect(iso("2026-12-05", "ce")).toBe("2026-12-05");
    expect(iso("2026-12-05")).toBe("2026-12-05");
    expect(parseDateInput("  ", "be")).toEqual({ ok: true, iso: null });
  });

  it("knows 29 February 2567 (2024, a leap year) and refuses 29 February 2569 (2026)", () => {
    expect(iso("29/2/2567", "be")).toBe("2024-02-29");
    expect(iso("29/02/2024", "ce")).toBe("2024-02-29");
    expect(problem("29/2/2569", "be")).toEqual({ kind: "no-such-day", day: 29, month: 2, year: 2569, calendar: "be" });
    expect(dateProblemText(problem("29/2/2569", "be"))[1]).toBe("เดือนกุมภาพันธ์ พ.ศ. 2569 มี 28 วัน — ไม่มีวันที่ 29");
  });

  it("refuses 31 April and says April has 30 days", () => {
    const p = problem("31/04/2569", "be");
    expect(p.kind).toBe("no-such-day");
    expect(dateProblemText(p)).toEqual([
      "April 2026 has 30 days; there is no day 31.",
      "เดือนเมษายน พ.ศ. 2569 มี 30 วัน — ไม่มีวันที่ 31",
    ]);
    expect(problem("10/13/2569", "be").kind).toBe("no-such-day");
    expect(dateProblemText(problem("10/13/2569", "be"))[1]).toBe("ไม่มีเดือนที่ 13 — เดือนต้องเป็น 1–12 (วัน/เดือน/ปี)");
  });

  it("refuses a 2-digit year and asks for all four digits", () => {
    expect(problem("5/12/69", "be")).toEqual({ kind: "two-digit-year", year: "69" });
    expect(dateProblemText(problem("5/12/69", "be"))[1]).toBe("พิมพ์ปี พ.ศ. ให้ครบ 4 หลัก เช่น 2569 (ไม่ใช่ 69)");
    expect(problem("5/12/26", "ce").kind).toBe("two-digit-year");
  });

  it("explains a Gregorian year typed in Thai mode (and a พ.ศ. year in English mode) with the year to type", () => {
    expect(problem("5/12/2026", "be")).toEqual({ kind: "ce-year-in-be", year: 2026 });
    expect(dateProblemText(problem("5/12/2026", "be"))[1]).toBe("ปี 2026 เป็นปี ค.ศ. — ช่องนี้ใช้ปี พ.ศ. โปรดพิมพ์ 2569");
    expect(problem("5/12/2569", "ce")).toEqual({ kind: "be-year-in-ce", year: 2569 });
    expect(dateProblemText(problem("5/12/2569", "ce"))[0]).toBe(
      "2569 is a Buddhist-era year; this page uses Gregorian years: type 2026.",
    );
    expect(problem("2569-12-05", "ce").kind).toBe("be-year-in-ce");
  });

  it("without the calendar hint reads a year of 2443 or more as พ.ศ. and a smaller one as Gregorian", () => {
    expect(iso("5/12/2569")).toBe("2026-12-05");
    expect(iso("5/12/2026")).toBe("2026-12-05");
    expect(problem("5/12/3000").kind).toBe("year-range");
  });

  it("refuses text that is no date at all", () => {
    for (const text of ["tomorrow", "12/2569", "5//2569", "5 foo 2569", "2026-1-5x"])
      expect(problem(text, "be").kind, text).toBe("format");
  });

  it("shows a stored date back in the page's calendar", () => {
    expect(dateInputText("2026-12-05", "be")).toBe("5/12/2569");
    expect(dateInputText("2024-02-29", "ce")).toBe("29/2/2024");
    expect(dateInputText(null, "be")).toBe("");
    expect(dateInputText("2026-02-30", "be")).toBe("");
  });

  it("replaces readable date fields of a form by ISO dates and names the unreadable ones in Thai", () => {
    const { input, errors } = readDateFields(
      { opens_on: "1/10/2569", closes_on: "31/4/2570", title: "x", [CALENDAR_FIELD]: "be" },
      ["opens_on", "closes_on", "absent"],
    );
    expect(input.opens_on).toBe("2026-10-01");
    expect(input.closes_on).toBe("31/4/2570");
    expect(input.title).toBe("x");
    expect(errors).toEqual([
      {
        field: "closes_on",
        message: "April 2027 has 30 days; there is no day 31.",
        messageTh: "เดือนเมษายน พ.ศ. 2570 มี 30 วัน — ไม่มีวันที่ 31",
      },
    ]);
  });
});
