import { describe, expect, it } from "vitest";
import { frameworkName } from "./frameworks";

describe("a framework in words", () => {
  it("names an ITA framework by its fiscal year, in พ.ศ. in Thai and with the Gregorian year in English", () => {
    expect(frameworkName("ita-2565")).toEqual({
      th: "เกณฑ์ ITA พ.ศ. 2565",
      en: "ITA framework 2565 (2022)",
    });
    expect(frameworkName("ita-2568").en).toBe("ITA framework 2568 (2025)");
  });

  it("shows another id as it is, after the word for framework", () => {
    expect(frameworkName("ita-test")).toEqual({ th: "เกณฑ์ ita-test", en: "framework ita-test" });
  });
});
