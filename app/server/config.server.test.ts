import { describe, expect, it } from "vitest";
import { parseConfig } from "./config.server";

describe("TRUST_PROXY", () => {
  it("is a number of proxy hops: off by default, 1 for the old on-values, the number itself otherwise", () => {
    const hops = (value?: string) => parseConfig(value === undefined ? {} : { TRUST_PROXY: value }).TRUST_PROXY;
    expect(hops()).toBe(0);
    for (const off of ["", "0", "off", "false", "no"]) expect(hops(off), off).toBe(0);
    for (const one of ["1", "on", "true", "yes", "ON"]) expect(hops(one), one).toBe(1);
    expect(hops("2")).toBe(2);
    expect(hops(" 3 ")).toBe(3);
  });

  it("refuses anything else at start-up", () => {
    for (const value of ["10", "-1", "maybe", "1.5"])
      expect(() => parseConfig({ TRUST_PROXY: value }), value).toThrow(/TRUST_PROXY/);
  });
});
