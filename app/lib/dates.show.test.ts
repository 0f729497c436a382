import { describe, expect, it } from "vitest";
import { fiscalYearText, formatDate } from "./dates";

describe("showing dates", () => {
  it("writes a calendar date in Thai with the Buddhist era, and in English with the common era", () => {
    expect(formatDate("2026-12-02", "th")).toBe("2 ธ.ค. 2569");
    expect(formatDate("2026-12-02", "th", "long")).toBe("2 ธันวาคม 2569");
    expect(formatDate("2026-12-02", "en")).toBe("2 Dec 2026");
  });

  it("shows a moment as its day and time in Asia/Bangkok", () => {
    // 18:30 UTC on 1 December is 01:30 on 2 December in Bangkok.
    expect(formatDate("2026-12-01T18:30:00.000Z", "th", "dateTime")).toBe("2 ธ.ค. 2569 01:30");
    expect(formatDate("2026-12-01T18:30:00.000Z", "en", "dateTime")).toBe("2 Dec 2026, 01:30");
  });

  it("shows nothing for an empty or unreadable value", () => {
    expect(formatDate(null, "th")).toBe("");
    expect(formatDate("", "th")).toBe("");
    expect(formatDate("not a date", "en")).toBe("");
  });

  it("names a fiscal year in พ.ศ. in Thai and with its Gregorian months in English", () => {
    expect(fiscalYearText(2570, "th")).toBe("ปีงบประมาณ พ.ศ. 2570");
    expect(fiscalYearText(2570, "en")).toBe("Fiscal year 2570 (Oct 2026 – Sep 2027)");
  });
});
