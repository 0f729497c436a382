import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze, parseFramework } from "../ita";
import {
  composeProgress,
  composeReport,
  DEFAULT_OPTIONS,
  draftReport,
  parseReportTexts,
  toThaiDigits,
  type Block,
} from ".";

const readJson = (path: string): any => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
const fw = parseFramework(readJson("../../surveys/ita-2565/framework.json"));
const texts = parseReportTexts(readJson("../../surveys/ita-2565/report-texts.json"));
const example = readJson("../../tests/fixtures/example-2565.json");
const scores = Object.fromEntries(
  Object.entries(example.indicator_scores as Record<string, number>).map(([k, v]) => [Number(k), v]),
);
const AGENCY = "องค์การบริหารส่วนตำบลหนองตัวอย่าง";

function draft(
  overrides: { scores?: Record<number, number>; oitMissing?: string[] | null; published?: number | null } = {},
) {
  const analysis = analyze(fw, overrides.scores ?? scores);
  return draftReport({
    framework: fw,
    analysis,
    texts,
    agencyName: AGENCY,
    basis: {
      kind: "official",
      fiscalYear: 2565,
      publishedTotal: overrides.published === undefined ? 79.64 : overrides.published,
      publishedGrade: null,
    },
    measuresYear: 2566,
    oitMissing: overrides.oitMissing === undefined ? null : overrides.oitMissing,
  });
}

const textOf = (blocks: Block[]) =>
  blocks
    .map((b) =>
      b.kind === "table"
        ? [...b.headers, ...b.rows.flat()].join(" ")
        : b.kind === "list"
          ? b.items.join(" ")
          : b.kind === "signatures"
            ? b.date
            : `${"lead" in b ? (b.lead ?? "") : ""} ${b.text}`,
    )
    .join("\n");

describe("the drafted measures report of the worked example (official 2565 results → measures for 2566)", () => {
  const d = draft();

  it("prints the published total 79.64 with the recomputed 79.65 beside it, and grade B", () => {
    expect(d.figures.overall).toBe(79.64);
    expect(d.figures.recomputed).toBe(79.65);
    expect(d.figures.grade).toBe("B");
    const text = textOf(composeReport(d, {}, [], DEFAULT_OPTIONS, "2022-12-01"));
    expect(text).toContain("คะแนนภาพรวม 79.64 คะแนน ผลการประเมินอยู่ในระดับ B");
    expect(text).toContain("79.65");
  });

  it("ranks the indicators 3, 4, 5, 2, 1, 6, 7, 8, 9, 10 from highest to lowest in its ranking table", () => {
    expect(d.figures.ranking.map((r) => r.indicator)).toEqual([3, 4, 5, 2, 1, 6, 7, 8, 9, 10]);
    const table = composeReport(d, {}, [], DEFAULT_OPTIONS, "2022-12-01").find(
      (b) => b.kind === "table" && b.name === "ranking",
    );
    expect(table && table.kind === "table" && table.rows.map((r) => r[1])).toEqual(
      [3, 4, 5, 2, 1, 6, 7, 8, 9, 10].map((n) => `ตัวชี้วัดที่ ${n} ${fw.indicators[n - 1]!.nameTh}`),
    );
    expect(table && table.kind === "table" && table.rows[0]?.[3]).toBe("99.35");
  });

  it("counts 8 strengths, 2 weaknesses and 2 indicators below the target of 85, and names indicator 10 as the lowest", () => {
    expect(d.figures.strengths.map((r) => r.indicator)).toEqual([3, 4, 5, 2, 1, 6, 7, 8]);
    expect(d.figures.weaknesses.map((r) => r.indicator)).toEqual([9, 10]);
    expect(d.figures.belowTarget.map((r) => r.indicator)).toEqual([9, 10]);
    expect(d.figures.lowest?.indicator).toBe(10);
    const text = textOf(composeReport(d, {}, [], DEFAULT_OPTIONS, "2022-12-01"));
    expect(text).toContain("จุดแข็ง (ได้คะแนนตั้งแต่ร้อยละ 70 ขึ้นไป) จำนวน 8 ตัวชี้วัด");
    expect(text).toContain("จุดอ่อนที่ต้องพัฒนา (ได้คะแนนต่ำกว่าร้อยละ 70) จำนวน 2 ตัวชี้วัด");
    expect(text).toContain("ต่ำกว่าค่าเป้าหมาย จำนวน 2 ตัวชี้วัด ได้แก่ ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล ตัวชี้วัดที่ 10 การป้องกันการทุจริต");
    expect(text).toContain("5. ประเด็นที่ต้องพัฒนาเป็นลำดับแรก: ตัวชี้วัดที่ 10 การป้องกันการทุจริต");
  });

  it("explains every strength and weakness with what its indicator measures", () => {
    const blocks = composeReport(d, {}, [], DEFAULT_OPTIONS, "2022-12-01");
    const explained = blocks.filter((b) => b.kind === "paragraph" && b.sectionId?.startsWith("indicator-"));
    expect(explained).toHaveLength(10);
    for (const b of explained) expect(b.kind === "paragraph" && b.text.length).toBeGreaterThan(80);
  });

  it("proposes the indicators' own measures for 10 then 9 when there is no checklist, followed up on 31 March 2566", () => {
    expect(d.measures.map((m) => m.indicator)).toEqual([10, 9]);
    expect(d.measures[0]!.measure).toBe(texts.indicators["10"]!.measure);
    expect(d.measures[0]!.dueDate).toBe("2023-03-31");
    expect(d.measures[0]!.monitoring).toBe("รายงานความก้าวหน้าและสรุปผล ณ วันที่ 31 มีนาคม 2566");
    expect(d.measures[0]!.steps).toContain(texts.situations.weak);
  });
});

describe("drafting in other situations", () => {
  it("proposes one measure per OIT sub-indicator that still has items marked ไม่มี, naming those items, most points first", () => {
    const d = draft({ oitMissing: ["o27", "o28", "o36", "o42"] });
    // 10.2 (o42 of 2 items) adds 5.00 points of the total, 9.4 (o27, o28 of 4) 2.00, 10.1 (o36 of 8) 1.25.
    expect(d.measures.map((m) => [m.indicator, m.measure])).toEqual([
      [10, "เผยแพร่ข้อมูลด้านมาตรการภายในเพื่อป้องกันการทุจริตที่ยังขาดบนเว็บไซต์หลักของหน่วยงานให้ครบถ้วน"],
      [9, "เผยแพร่ข้อมูลด้านการบริหารและพัฒนาทรัพยากรบุคคลที่ยังขาดบนเว็บไซต์หลักของหน่วยงานให้ครบถ้วน"],
      [10, "เผยแพร่ข้อมูลด้านการดำเนินการเพื่อป้องกันการทุจริตที่ยังขาดบนเว็บไซต์หลักของหน่วยงานให้ครบถ้วน"],
    ]);
    expect(d.measures[2]!.steps).toContain("ประเมินความเสี่ยงการทุจริตประจำปี");
    expect(d.measures[1]!.steps).toContain("หลักเกณฑ์การบริหารและพัฒนาบุคคล รายงานผลการบริหารและพัฒนาบุคคลประจำปี");
    expect(d.measures[1]!.responsible).toBe("สำนักปลัด (งานการเจ้าหน้าที่)");
    expect(d.sections.focus).toContain("ประเมินความเสี่ยงการทุจริตประจำปี");
  });

  it("uses the below-target wording for an indicator between the strength line and the target", () => {
    const d = draft({ scores: { ...scores, 9: 90, 10: 95, 8: 80 }, published: null });
    expect(d.figures.weaknesses).toEqual([]);
    expect(d.figures.belowTarget.map((r) => r.indicator)).toEqual([8]);
    expect(d.measures).toHaveLength(1);
    expect(d.measures[0]!.steps).toContain(texts.situations.belowTarget);
    const text = textOf(composeReport(d, {}, [], DEFAULT_OPTIONS, "2022-12-01"));
    expect(text).toContain("ไม่มีตัวชี้วัดที่ได้คะแนนต่ำกว่าร้อยละ 70");
    expect(text).not.toContain("เมื่อคำนวณจากคะแนนรายตัวชี้วัด");
  });

  it("keeps an edited section's text and drafts the others from the current figures", () => {
    const edits = { rationale: "ข้อความที่เจ้าหน้าที่เขียนเอง", "indicator-10": "คำอธิบายที่แก้ไขแล้ว" };
    const changed = draft({ scores: { ...scores, 10: 60 }, published: null });
    const text = textOf(composeReport(changed, edits, [], DEFAULT_OPTIONS, "2022-12-01"));
    expect(text).toContain("ข้อความที่เจ้าหน้าที่เขียนเอง");
    expect(text).toContain("คำอธิบายที่แก้ไขแล้ว");
    expect(text).not.toContain(texts.indicators["10"]!.about);
    expect(text).toContain("ตัวชี้วัดที่ 10 การป้องกันการทุจริต ได้คะแนนร้อยละ 60.00");
    expect(text).toContain(texts.indicators["9"]!.about);
  });

  it("writes every number in Thai digits when asked, signatures and dates included", () => {
    const blocks = composeReport(draft(), {}, [], { ...DEFAULT_OPTIONS, thaiDigits: true }, "2023-03-31");
    const text = textOf(blocks);
    expect(text).toContain("๗๙.๖๔");
    expect(text).toContain("๓๑ มีนาคม ๒๕๖๖");
    expect(text).not.toMatch(/[0-9]/);
    expect(toThaiDigits("ร้อยละ 43.75")).toBe("ร้อยละ ๔๓.๗๕");
  });

  it("summarises follow-up by status in the progress report as of its date", () => {
    const d = draft();
    const rows = d.measures.map((m, i) => ({
      ...m,
      status: i % 2 === 0 ? ("done" as const) : ("in_progress" as const),
      progressNote: `ผล ${i}`,
    }));
    const text = textOf(composeProgress(d, rows, DEFAULT_OPTIONS, "2023-03-31"));
    expect(text).toContain("รายงานความก้าวหน้าและสรุปผลการดำเนินการ");
    expect(text).toContain("ณ วันที่ 31 มีนาคม 2566");
    expect(text).toContain(
      "มาตรการทั้งหมด 2 มาตรการ ดำเนินการแล้วเสร็จ 1 มาตรการ อยู่ระหว่างดำเนินการ 1 มาตรการ ยังไม่เริ่ม 0 มาตรการ",
    );
    expect(text).toContain("ดำเนินการแล้วเสร็จ");
  });
});

describe("the measures report of a labelled year (ita-2566) talks in labels", () => {
  const fw2566 = parseFramework(readJson("../../surveys/ita-2566/framework.json"));
  const texts2566 = parseReportTexts(readJson("../../surveys/ita-2566/report-texts.json"));
  // IIT 100, EIT 84.99, OIT 96.2575: a total of 94.00 that is ผ่าน, not ผ่านดี, because EIT is below 85.
  const labelled = Object.fromEntries(
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => [n, n <= 5 ? 100 : n <= 8 ? 84.99 : 96.2575]),
  );
  const build = (publishedGrade: string | null) =>
    draftReport({
      framework: fw2566,
      analysis: analyze(fw2566, labelled),
      texts: texts2566,
      agencyName: AGENCY,
      basis: { kind: "round", fiscalYear: 2566, publishedTotal: null, publishedGrade },
      measuresYear: 2567,
      oitMissing: null,
    });

  it("states the label, why it is not the next one up, and that the rule is not yet confirmed", () => {
    const d = build(null);
    expect(d.figures.grade).toBe("ผ่าน");
    expect(d.figures.ratingWhy).toBe("ยังไม่ถึงระดับผ่านดี เพราะ EIT 84.99 < 85");
    const text = textOf(composeReport(d, {}, [], DEFAULT_OPTIONS, "2023-12-01"));
    expect(text).toContain("ได้คะแนนภาพรวม 94.00 คะแนน ผลการประเมินอยู่ในระดับผ่าน ยังไม่ถึงระดับผ่านดี เพราะ EIT 84.99 < 85");
    expect(text).toContain("หมายเหตุ: เกณฑ์ระดับผลนี้มาจากแหล่งรอง");
    expect(text).not.toContain("ระดับ A");
    expect(text).toContain("ตั้งแต่ปีงบประมาณ พ.ศ. 2566 ผลการประเมินแสดงเป็นระดับ");
  });

  it("gives no reason beside a published label that differs from the recomputed one", () => {
    const d = build("ผ่านดี");
    expect(d.figures.grade).toBe("ผ่านดี");
    expect(d.figures.ratingWhy).toBeNull();
  });
});
