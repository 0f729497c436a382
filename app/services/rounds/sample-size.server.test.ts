import { describe, expect, it } from "vitest";
import { loadFramework } from "../frameworks/frameworks.server";
import { defaultSampleSizes } from "./sample-size.server";

const fw = loadFramework("ita-2565");
const agency = (patch: Partial<Parameters<typeof defaultSampleSizes>[1]>) => ({
  type: "sao",
  size: "S",
  staff_count: 40,
  external_count: null,
  ...patch,
});

describe("default minimum samples of a round", () => {
  it("asks 25 staff, or every eligible staff member when fewer", () => {
    expect(defaultSampleSizes(fw, agency({ staff_count: 40 })).iit).toBe(25);
    expect(defaultSampleSizes(fw, agency({ staff_count: 12 })).iit).toBe(12);
  });

  it("takes the EIT minimum from the table by agency type and size", () => {
    expect(defaultSampleSizes(fw, agency({ size: "M" })).eit).toBe(40);
    expect(defaultSampleSizes(fw, agency({ type: "subdistrict-municipality", size: "S" })).eit).toBe(60);
  });

  it("falls back to a tenth of the external stakeholders between 30 and 400", () => {
    expect(defaultSampleSizes(fw, agency({ type: "department", external_count: 1000 })).eit).toBe(100);
    expect(defaultSampleSizes(fw, agency({ type: "department", external_count: 10000 })).eit).toBe(400);
    expect(defaultSampleSizes(fw, agency({ type: "department", external_count: 20 })).eit).toBe(20);
    expect(defaultSampleSizes(fw, agency({ type: "other", external_count: null })).eit).toBe(30);
  });
});
