import { describe, expect, it } from "vitest";
import { numberUntitled, roundLabel } from "./rounds";

describe("round labels", () => {
  it("names a round by agency, fiscal year in พ.ศ. and title, never by its slug", () => {
    const round = { agencyName: "เทศบาลตำบลทดสอบ", fiscalYear: 2570, title: "รอบกลางปี" };
    expect(roundLabel(round, "th")).toBe("เทศบาลตำบลทดสอบ · ปีงบประมาณ พ.ศ. 2570 · รอบกลางปี");
    expect(roundLabel(round, "en")).toBe("เทศบาลตำบลทดสอบ · fiscal year 2570 · รอบกลางปี");
    expect(roundLabel({ fiscalYear: 2570, title: null }, "th")).toBe("ปีงบประมาณ พ.ศ. 2570");
    expect(roundLabel({ fiscalYear: 2570, title: null, nth: 2 }, "en")).toBe("Fiscal year 2570 · round 2");
  });

  it("numbers only the untitled rounds that share an agency and a fiscal year", () => {
    const numbered = numberUntitled([
      { agencyId: "a", fiscalYear: 2570, title: null },
      { agencyId: "a", fiscalYear: 2570, title: "รอบพิเศษ" },
      { agencyId: "a", fiscalYear: 2570, title: null },
      { agencyId: "a", fiscalYear: 2569, title: null },
      { agencyId: "b", fiscalYear: 2570, title: null },
    ]);
    expect(numbered.map((r) => r.nth)).toEqual([1, null, 2, null, null]);
  });
});
