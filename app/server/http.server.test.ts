import { describe, expect, it } from "vitest";
import { sameOriginPath } from "./http.server";

describe("sameOriginPath", () => {
  it("keeps a local path with its query", () => {
    expect(sameOriginPath("/admin/rounds/1?tab=a", "/admin")).toBe("/admin/rounds/1?tab=a");
    expect(sameOriginPath("/admin/rounds#list", "/")).toBe("/admin/rounds#list");
  });
  it("refuses other hosts, schemes and backslash tricks", () => {
    for (const bad of ["//evil.example", "https://evil.example", "/\\evil.example", "admin", "", null, undefined]) {
      expect(sameOriginPath(bad, "/admin")).toBe("/admin");
    }
  });
  it("refuses control characters, which browsers drop or which break the Location header", () => {
    for (const bad of ["/\t/evil.example/x", "/\n/evil.example", "/x\r\nSet-Cookie: a=b", "/\u0000", "/a\u007f"]) {
      expect(sameOriginPath(bad, "/")).toBe("/");
    }
  });
  it("refuses a path that normalises to another host", () => {
    for (const bad of ["/.//evil.example", "/a/..//evil.example", "/%2e//evil.example"]) {
      expect(sameOriginPath(bad, "/")).toBe("/");
    }
  });
  it("percent-encodes what a header cannot carry and refuses what is not text", () => {
    expect(sameOriginPath("/s/รอบ?q=ไทย", "/")).toBe("/s/%E0%B8%A3%E0%B8%AD%E0%B8%9A?q=%E0%B9%84%E0%B8%97%E0%B8%A2");
    expect(sameOriginPath(new File([], "x"), "/")).toBe("/");
    expect(sameOriginPath(`/${"a".repeat(3000)}`, "/")).toBe("/");
  });
});
