import { describe, expect, it } from "vitest";
import { agencyTypeLabel } from "./agency-types";

describe("agency type labels", () => {
  it("names a type stored by code or by its Thai label in both languages, and shows an unknown one as stored", () => {
    expect(agencyTypeLabel("subdistrict-municipality").en).toBe("Subdistrict municipality");
    expect(agencyTypeLabel("เทศบาลตำบล")).toEqual({ th: "เทศบาลตำบล", en: "Subdistrict municipality" });
    expect(agencyTypeLabel("สำนักงานพิเศษ")).toEqual({ th: "สำนักงานพิเศษ", en: "สำนักงานพิเศษ" });
  });
});
