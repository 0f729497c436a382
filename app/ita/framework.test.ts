import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkFramework, FrameworkError, indicatorsOf, parseFramework, pointsFor } from "./framework";
import { formatPath } from "./framework-messages";
import type { Framework } from "./framework";

const readJson = (path: string): unknown => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
const rawIta2565 = () => readJson("../../surveys/ita-2565/framework.json") as Record<string, any>;
const ita2565 = parseFramework(rawIta2565());
const itaTest = parseFramework(readJson("../../tests/fixtures/frameworks/ita-test/framework.json"));

const item = (fw: Framework, id: string) => [...fw.items.IIT, ...fw.items.EIT].find((i) => i.id === id)!;

describe("the ITA 2565 framework file", () => {
  it("has ten indicators whose weights sum to 100", () => {
    expect(ita2565.indicators.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(ita2565.indicators.reduce((sum, i) => sum + i.weight, 0)).toBe(100);
    expect(indicatorsOf(ita2565, "IIT").map((i) => i.weight)).toEqual([6, 6, 6, 6, 6]);
    expect(indicatorsOf(ita2565, "EIT").map((i) => i.weight)).toEqual([10, 10, 10]);
    expect(indicatorsOf(ita2565, "OIT").map((i) => i.weight)).toEqual([20, 20]);
  });

  it("maps every item to exactly one indicator of its own instrument", () => {
    const all = [
      ...ita2565.items.IIT.map((i) => ({ id: i.id, indicator: i.indicator, instrument: "IIT" })),
      ...ita2565.items.EIT.map((i) => ({ id: i.id, indicator: i.indicator, instrument: "EIT" })),
      ...ita2565.oitItems.map((i) => ({ id: i.id, indicator: i.indicator, instrument: "OIT" })),
    ];
    expect(all).toHaveLength(30 + 15 + 43);
    expect(new Set(all.map((i) => i.id)).size).toBe(88);
    for (const entry of all) {
      const owners = ita2565.indicators.filter((i) => i.number === entry.indicator);
      expect(owners, entry.id).toHaveLength(1);
      expect(owners[0]!.instrument, entry.id).toBe(entry.instrument);
    }
  });

  it("holds six IIT questions per indicator 1–5 and five EIT questions per indicator 6–8", () => {
    for (const n of [1, 2, 3, 4, 5]) expect(ita2565.items.IIT.filter((i) => i.indicator === n)).toHaveLength(6);
    for (const n of [6, 7, 8]) expect(ita2565.items.EIT.filter((i) => i.indicator === n)).toHaveLength(5);
  });

  it("puts 9, 8, 7, 4, 5, 8 and 2 OIT items in the seven sub-indicators", () => {
    const counts = ita2565.subindicators.map((s) => ita2565.oitItems.filter((o) => o.subindicator === s.id).length);
    expect(ita2565.subindicators.map((s) => s.id)).toEqual(["9.1", "9.2", "9.3", "9.4", "9.5", "10.1", "10.2"]);
    expect(counts).toEqual([9, 8, 7, 4, 5, 8, 2]);
  });

  it("declares grades mode, target 85, strength line 70 and bands AA to F", () => {
    expect(ita2565.gradingMode).toBe("grades");
    expect(ita2565.target).toBe(85);
    expect(ita2565.strengthLine).toBe(70);
    expect(ita2565.gradeBands.map((b) => [b.grade, b.min])).toEqual([
      ["AA", 95],
      ["A", 85],
      ["B", 75],
      ["C", 65],
      ["D", 55],
      ["E", 50],
      ["F", 0],
    ]);
    expect(ita2565.sampleSize.iit.default).toBe(25);
    expect(ita2565.sampleSize.minIitGroup).toBe(5);
  });
});

describe("pointsFor takes every point from the framework", () => {
  it("scores the 4-level scale 0/50/85/100 and a reverse item 100/85/50/0", () => {
    expect([0, 1, 2, 3].map((l) => pointsFor(ita2565, item(ita2565, "i2"), 0, l))).toEqual([0, 50, 85, 100]);
    expect([0, 1, 2, 3].map((l) => pointsFor(ita2565, item(ita2565, "i9"), 0, l))).toEqual([100, 85, 50, 0]);
  });

  it("scores yes/no as 100 for มี and a reverse yes/no as 100 for ไม่มี", () => {
    expect([0, 1].map((l) => pointsFor(ita2565, item(ita2565, "e8"), 0, l))).toEqual([0, 100]);
    expect([0, 1].map((l) => pointsFor(ita2565, item(ita2565, "i4"), 2, l))).toEqual([100, 0]);
  });

  it("uses each sub-item's own reverse flag on i11", () => {
    const i11 = item(ita2565, "i11");
    expect([0, 1, 2, 3].map((l) => pointsFor(ita2565, i11, 1, l))).toEqual([0, 50, 85, 100]);
    expect([0, 1, 2, 3].map((l) => pointsFor(ita2565, i11, 2, l))).toEqual([100, 85, 50, 0]);
  });

  it("reads the linear 0/33/67/100 points of another framework without code changes", () => {
    const t1 = item(itaTest, "t1");
    expect([0, 1, 2, 3].map((l) => pointsFor(itaTest, t1, 1, l))).toEqual([0, 33, 67, 100]);
    expect([0, 1, 2, 3].map((l) => pointsFor(itaTest, t1, 2, l))).toEqual([100, 67, 33, 0]);
    expect(itaTest.gradingMode).toBe("pass_fail");
  });

  it("rejects a level off the scale or a sub-item that does not exist", () => {
    expect(() => pointsFor(ita2565, item(ita2565, "i2"), 0, 4)).toThrow(RangeError);
    expect(() => pointsFor(ita2565, item(ita2565, "i1"), 3, 0)).toThrow(RangeError);
    expect(() => pointsFor(ita2565, item(ita2565, "i1"), 0, 0)).toThrow(RangeError);
  });
});

describe("parseFramework rejects an incoherent framework", () => {
  const broken = (change: (fw: Record<string, any>) => void) => {
    const fw = rawIta2565();
    change(fw);
    return () => parseFramework(fw);
  };

  it("when weights do not sum to 100", () => {
    expect(broken((fw) => (fw.indicators[0].weight = 7))).toThrow(/weights sum to 101/);
  });

  it("when an item points to a missing indicator or one of another instrument", () => {
    expect(broken((fw) => (fw.items.IIT[0].indicator = 11))).toThrow(/i1: indicator 11 does not exist/);
    expect(broken((fw) => (fw.items.IIT[0].indicator = 6))).toThrow(/i1: indicator 6 belongs to EIT, not IIT/);
  });

  it("when an item id is used twice", () => {
    expect(broken((fw) => (fw.items.EIT[0].id = "i1"))).toThrow(/item id i1 is used more than once/);
  });

  it("when an OIT item names a sub-indicator that does not exist or belongs elsewhere", () => {
    expect(broken((fw) => (fw.oitItems[0].subindicator = "9.9"))).toThrow(/o1: subindicator 9.9 does not exist/);
    expect(broken((fw) => (fw.oitItems[0].subindicator = "10.1"))).toThrow(/belongs to indicator 10, not 9/);
  });

  it("when an item uses an unknown scale or a field has the wrong type", () => {
    expect(broken((fw) => (fw.items.IIT[1].scale = "scale5"))).toThrow(/unknown scale scale5/);
    expect(broken((fw) => (fw.gradingMode = "stars"))).toThrow(FrameworkError);
    expect(() => parseFramework("not a framework")).toThrow(FrameworkError);
  });

  it("when grade bands leave scores without a grade", () => {
    expect(broken((fw) => fw.gradeBands.pop())).toThrow(/lowest grade band must start at 0/);
  });
});

describe("checkFramework lists every problem with its place in the file, in Thai and English", () => {
  it("finds nothing wrong in the 2565 framework or the test fixture", () => {
    expect(checkFramework(rawIta2565())).toEqual([]);
    expect(checkFramework(readJson("../../tests/fixtures/frameworks/ita-test/framework.json"))).toEqual([]);
  });

  it("writes a place as in JavaScript: indicators[3].weight, scales.scale4.choices[0]", () => {
    expect(formatPath(["indicators", 3, "weight"])).toBe("indicators[3].weight");
    expect(formatPath(["scales", "scale4", "choices", 0])).toBe("scales.scale4.choices[0]");
    expect(formatPath([])).toBe("");
  });

  it("runs the cross-checks even when another field has the wrong shape", () => {
    const fw = rawIta2565();
    fw.indicators[3].weight = -6;
    fw.items.EIT[2].id = "i2";
    fw.items.IIT[0].scale = "scale9";
    expect(checkFramework(fw)).toEqual([
      { path: "indicators[3].weight", messageTh: "ต้องมากกว่า 0", messageEn: expect.stringMatching(/>0/) },
      {
        path: "indicators",
        messageTh: "น้ำหนักตัวชี้วัดรวมกันได้ 88 ไม่ใช่ 100",
        messageEn: "indicator weights sum to 88, not 100",
      },
      {
        path: "items.IIT[0].scale",
        messageTh: "i1: ไม่รู้จักมาตรวัด scale9 (ไม่มีใน scales)",
        messageEn: "i1: unknown scale scale9",
      },
      { path: "items.EIT[2].id", messageTh: "รหัสข้อคำถาม i2 ซ้ำกัน", messageEn: "item id i2 is used more than once" },
    ]);
  });

  it("says in Thai that a labelled framework needs a rating, at its place", () => {
    const fw = rawIta2565();
    fw.gradingMode = "labels";
    expect(checkFramework(fw)).toEqual([
      { path: "rating", messageTh: "gradingMode labels ต้องมี rating", messageEn: "gradingMode labels needs a rating" },
    ]);
  });

  it("treats a file that is not an object as one problem of the whole file", () => {
    const issues = checkFramework("not a framework");
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: "", messageTh: "ชนิดข้อมูลไม่ถูกต้อง: ต้องเป็นออบเจกต์ { … }" });
  });
});

describe("the ita-2566 framework (labels; OIT list of 2566)", () => {
  const ita2566 = parseFramework(
    JSON.parse(readFileSync(new URL("../../surveys/ita-2566/framework.json", import.meta.url), "utf8")),
  );

  it("has 43 OIT items in seven sub-indicators, with the new personal-data, No Gift and ethics items", () => {
    expect(ita2566.oitItems).toHaveLength(43);
    const count = (sub: string) => ita2566.oitItems.filter((o) => o.subindicator === sub).length;
    expect(["9.1", "9.2", "9.3", "9.4", "9.5", "10.1", "10.2"].map(count)).toEqual([10, 8, 4, 4, 4, 8, 5]);
    const topic = (id: string) => ita2566.oitItems.find((o) => o.id === id)?.topicTh;
    expect(topic("o10")).toBe("นโยบายคุ้มครองข้อมูลส่วนบุคคล");
    expect(["o31", "o32", "o33"].map(topic).every((t) => t?.includes("No Gift"))).toBe(true);
    expect(topic("o39")).toBe("ประมวลจริยธรรมสำหรับเจ้าหน้าที่ของรัฐ");
    expect(topic("o42")).toBe("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน");
    expect(topic("o43")).toBe("การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน");
  });

  it("marks O1–O10 stated and O11–O43 inferred, and says what is assumed part by part", () => {
    expect(ita2566.oitItems.filter((o) => o.status === "stated").map((o) => o.id)).toHaveLength(10);
    expect(ita2566.oitItems.slice(10).every((o) => o.status === "inferred")).toBe(true);
    expect(ita2566.provenance?.map((p) => [p.part, p.status])).toEqual([
      ["indicators", "inferred"],
      ["weights", "uncertain"],
      ["items", "uncertain"],
      ["oit", "inferred"],
      ["rating", "uncertain"],
      ["samples", "uncertain"],
      ["reportTexts", "uncertain"],
    ]);
  });

  it("keeps the 2565 IIT and EIT items (no 2566 source lists them)", () => {
    const ids = (fw: typeof ita2566) => [...fw.items.IIT, ...fw.items.EIT].map((i) => i.id);
    expect(ids(ita2566)).toEqual(ids(ita2565));
  });
});

describe("the ita-2568 framework (labels; partial OIT list; EIT minimums by agency group)", () => {
  const read = (id: string) =>
    parseFramework(JSON.parse(readFileSync(new URL(`../../surveys/${id}/framework.json`, import.meta.url), "utf8")));
  const ita2568 = read("ita-2568");

  it("lists only the 22 OIT items a source shows (O1, O3, O4, O8–O26), each marked uncertain", () => {
    expect(ita2568.oitItems.map((o) => o.id)).toEqual([
      "o1",
      "o3",
      "o4",
      ...Array.from({ length: 19 }, (_, i) => `o${i + 8}`),
    ]);
    expect(ita2568.oitItems.every((o) => o.status === "uncertain")).toBe(true);
    expect(ita2568.oitItems.filter((o) => o.indicator === 10).map((o) => o.id)).toEqual([
      "o21",
      "o22",
      "o23",
      "o24",
      "o25",
      "o26",
    ]);
    expect(ita2568.provenance?.find((p) => p.part === "oit")?.noteEn).toMatch(/^Partial and unverified/);
  });

  it("holds the EIT minimums the 2568 guide states for agency groups", () => {
    const min = (type: string, size: string) =>
      ita2568.sampleSize.eitByAgency.find((r) => r.agencyType === type && (r.size === size || r.size === "-"))?.min;
    expect([min("sao", "S"), min("sao", "M"), min("sao", "L")]).toEqual([30, 40, 50]);
    expect([min("subdistrict-municipality", "S"), min("subdistrict-municipality", "M")]).toEqual([60, 70]);
    expect(min("ministry-policy", "-")).toBe(100);
    expect(min("large-service", "-")).toBe(400);
  });

  it("rates with the labels of 2566", () => {
    expect(ita2568.gradingMode).toBe("labels");
    expect(ita2568.rating).toEqual(read("ita-2566").rating);
  });
});
