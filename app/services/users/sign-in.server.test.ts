import { describe, expect, it } from "vitest";
import { safeNext } from "./sign-in.server";

describe("safeNext", () => {
  it("keeps a local path with its query", () => {
    expect(safeNext("/admin/rounds/1?tab=a")).toBe("/admin/rounds/1?tab=a");
  });
  it("refuses other hosts, schemes and backslash tricks", () => {
    for (const bad of ["//evil.example", "https://evil.example", "/\\evil.example", "admin", "", null, undefined]) {
      expect(safeNext(bad)).toBe("/admin");
    }
  });
});
