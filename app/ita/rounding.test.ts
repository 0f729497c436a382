import { describe, expect, it } from "vitest";
import { formatScore, round2, roundTo } from "./rounding";

describe("round2 rounds half up on the decimal hundredths", () => {
  it("rounds values whose binary form sits just below the half up, as written in decimal", () => {
    expect(round2(84.995)).toBe(85);
    expect(round2(54.995)).toBe(55);
    expect(round2(94.995)).toBe(95);
    expect(round2(49.995)).toBe(50);
    expect(round2(74.995)).toBe(75);
    expect(round2(1.005)).toBe(1.01);
  });

  it("rounds values below the half down", () => {
    expect(round2(74.994)).toBe(74.99);
    expect(round2(84.9949)).toBe(84.99);
    expect(round2(94.9949999)).toBe(94.99);
  });

  it("absorbs floating-point noise from sums", () => {
    expect(round2(0.1 + 0.2)).toBe(0.3);
    expect(round2(79.64519999999999)).toBe(79.65);
    expect(round2(84.99499999999999)).toBe(85);
  });

  it("keeps exact two-decimal values and the ends of the scale", () => {
    expect(round2(0)).toBe(0);
    expect(round2(100)).toBe(100);
    expect(round2(68.56)).toBe(68.56);
    expect(round2(68.5556)).toBe(68.56);
  });

  it("rounds negative values symmetrically", () => {
    expect(round2(-1.005)).toBe(-1.01);
    expect(round2(-0.001)).toBe(0);
  });

  it("rejects values that are not finite", () => {
    expect(() => round2(Number.NaN)).toThrow(RangeError);
    expect(() => round2(Infinity)).toThrow(RangeError);
  });

  it("rounds to other precisions by the same rule and formats with two decimals", () => {
    // eslint-disable-next-line no-loss-of-precision -- the float a sum of rounded scores really produces
    expect(roundTo(79.64520000000001, 4)).toBe(79.6452);
    expect(roundTo(92.04666666666667, 4)).toBe(92.0467);
    expect(formatScore(85)).toBe("85.00");
    expect(formatScore(84.995)).toBe("85.00");
    expect(formatScore(43.75)).toBe("43.75");
  });
});
