import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseFramework } from "./framework";
import { canShowIit, defaultEitSample, defaultIitSample } from "./sample";

const ita2565 = parseFramework(
  JSON.parse(readFileSync(new URL("../../surveys/ita-2565/framework.json", import.meta.url), "utf8")),
);

describe("default sample sizes and the IIT privacy rule", () => {
  it("asks all staff when fewer than 25, otherwise 25", () => {
    expect(defaultIitSample(ita2565, 12)).toBe(12);
    expect(defaultIitSample(ita2565, 25)).toBe(25);
    expect(defaultIitSample(ita2565, 140)).toBe(25);
  });

  it("reads the EIT minimum by agency type and size, else 10% between 30 and 400", () => {
    expect(defaultEitSample(ita2565, { agencyType: "sao", size: "M" })).toBe(40);
    expect(defaultEitSample(ita2565, { agencyType: "large-service" })).toBe(400);
    expect(defaultEitSample(ita2565, { stakeholders: 20 })).toBe(20);
    expect(defaultEitSample(ita2565, { stakeholders: 100 })).toBe(30);
    expect(defaultEitSample(ita2565, { stakeholders: 1234 })).toBe(124);
    expect(defaultEitSample(ita2565, { stakeholders: 9000 })).toBe(400);
    expect(defaultEitSample(ita2565, {})).toBeNull();
  });

  it("shows IIT figures only from 5 responses up", () => {
    expect(canShowIit(ita2565, 4)).toBe(false);
    expect(canShowIit(ita2565, 5)).toBe(true);
  });
});
