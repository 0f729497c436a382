import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkFramework, parseFramework, type Framework } from "./framework";
import { checkPreviousItems, oitSourcesOf, previousOf } from "./oit-previous";

const readJson = (path: string): Record<string, any> =>
  JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8")) as Record<string, any>;
const raw = (id: string) => readJson(`../../surveys/${id}/framework.json`);
const bundled: Record<string, Framework> = {
  "ita-2565": parseFramework(raw("ita-2565")),
  "ita-2566": parseFramework(raw("ita-2566")),
  "ita-2568": parseFramework(raw("ita-2568")),
};
const load = (id: string) => bundled[id] ?? null;
const paths = (json: unknown) => checkFramework(json).map((i) => i.path);

describe("OIT guidance in the bundled frameworks", () => {
  it("gives every OIT item of 2565, 2566 and 2568 its expected evidence in Thai and English", () => {
    for (const fw of Object.values(bundled)) {
      for (const item of fw.oitItems) {
        expect(item.evidenceTh, `${fw.id} ${item.id}`).toMatch(/\S{4}/);
        expect(item.evidenceEn, `${fw.id} ${item.id}`).toMatch(/^[A-Z]/);
        expect(item.evidenceStatus, `${fw.id} ${item.id}`).toBeDefined();
      }
    }
    expect(bundled["ita-2565"]!.oitItems).toHaveLength(43);
    expect(bundled["ita-2568"]!.oitItems).toHaveLength(22);
  });

  it("marks the guidance of every 2568 item uncertain, as its OIT list is", () => {
    expect(bundled["ita-2568"]!.oitItems.every((o) => o.evidenceStatus === "uncertain")).toBe(true);
    expect(bundled["ita-2568"]!.oitItems.every((o) => o.previousStatus === "uncertain")).toBe(true);
  });

  it("names last year's framework: 2566 continues 2565, 2568 continues 2566, 2565 has none", () => {
    expect(bundled["ita-2565"]!.previousFramework).toBeUndefined();
    expect(bundled["ita-2566"]!.previousFramework).toBe("ita-2565");
    expect(bundled["ita-2568"]!.previousFramework).toBe("ita-2566");
  });

  it("lists only items the previous framework has", () => {
    expect(checkPreviousItems(bundled["ita-2566"]!, bundled["ita-2565"]!)).toEqual([]);
    expect(checkPreviousItems(bundled["ita-2568"]!, bundled["ita-2566"]!)).toEqual([]);
  });

  it("maps 2566 items to 2565: o11 merges o10 and o18, o19 continues o21, o10 and o39–o41 are new", () => {
    const fw = bundled["ita-2566"]!;
    expect(previousOf(fw, "o11")).toEqual({
      kind: "continues",
      framework: "ita-2565",
      items: ["o10", "o18"],
      status: "inferred",
    });
    expect(previousOf(fw, "o19")).toMatchObject({ kind: "continues", items: ["o21"] });
    for (const id of ["o10", "o39", "o40", "o41"]) expect(previousOf(fw, id).kind, id).toBe("new");
    expect(previousOf(bundled["ita-2565"]!, "o1")).toEqual({ kind: "unknown" });
  });
});

describe("oitSourcesOf follows previousFramework back to the source framework", () => {
  it("maps a framework onto itself item by item", () => {
    const map = oitSourcesOf(bundled["ita-2566"]!, "ita-2566", load)!;
    expect(map.size).toBe(43);
    expect(map.get("o12")).toEqual(["o12"]);
  });

  it("maps 2568 onto 2565 through 2566: o1 (structure and duties) continues 2565 o1 and o3", () => {
    const map = oitSourcesOf(bundled["ita-2568"]!, "ita-2565", load)!;
    expect(map.get("o1")).toEqual(["o1", "o3"]);
    // 2568 o16 (ethics) continues 2566 o39 and o40, both new in 2566: nothing in 2565.
    expect(map.get("o16")).toEqual([]);
    expect(map.get("o12")).toEqual(["o21", "o23"]);
  });

  it("is null when the chain never reaches the source framework", () => {
    expect(oitSourcesOf(bundled["ita-2565"]!, "ita-2568", load)).toBeNull();
    expect(oitSourcesOf(bundled["ita-2566"]!, "ita-9999", load)).toBeNull();
  });
});

describe("checkFramework validates the optional guidance and correspondence fields", () => {
  const base = () => raw("ita-2566");

  it("accepts an OIT item without any of the new fields", () => {
    const json = base();
    for (const o of json.oitItems)
      for (const k of ["evidenceTh", "evidenceEn", "evidenceStatus", "previous"]) delete o[k];
    for (const o of json.oitItems) delete o.previousStatus;
    expect(checkFramework(json)).toEqual([]);
  });

  it("refuses guidance in one language only, and a status without guidance", () => {
    const json = base();
    delete json.oitItems[0].evidenceEn;
    delete json.oitItems[1].evidenceTh;
    delete json.oitItems[1].evidenceEn;
    const issues = checkFramework(json);
    expect(issues.map((i) => i.path)).toEqual(["oitItems[0].evidenceEn", "oitItems[1].evidenceStatus"]);
    expect(issues[0]!.messageTh).toBe("o1: คำแนะนำหลักฐานต้องมีทั้ง evidenceTh และ evidenceEn");
  });

  it("refuses previous items without previousFramework, a framework that is its own previous, and a repeated id", () => {
    const json = base();
    delete json.previousFramework;
    expect(paths(json)).toContain("oitItems[0].previous");
    const self = base();
    self.previousFramework = "ita-2566";
    self.oitItems[10].previous = ["o10", "o10"];
    expect(paths(self)).toEqual(["previousFramework", "oitItems[10].previous"]);
  });

  it("refuses an empty guidance text, an unknown status and a malformed previous id, in Thai", () => {
    const json = base();
    json.oitItems[0].evidenceTh = "";
    json.oitItems[1].evidenceStatus = "maybe";
    json.oitItems[2].previous = ["O3"];
    const issues = checkFramework(json);
    expect(issues.map((i) => i.path)).toEqual([
      "oitItems[0].evidenceTh",
      "oitItems[1].evidenceStatus",
      "oitItems[2].previous[0]",
    ]);
    expect(issues[0]!.messageTh).toBe("ต้องไม่เป็นข้อความว่าง");
  });

  it("names an unknown previous item with its place when the previous framework is at hand", () => {
    const json = base();
    json.oitItems[4].previous = ["o5", "o99"];
    const issues = checkPreviousItems(parseFramework(json), bundled["ita-2565"]!);
    expect(issues).toEqual([
      {
        path: "oitItems[4].previous[1]",
        messageTh: "o5: ไม่มีข้อ OIT o99 ใน ita-2565",
        messageEn: "o5: ita-2565 has no OIT item o99",
      },
    ]);
  });
});
