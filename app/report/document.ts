import { ratingPhraseTh } from "../ita/rating";
import { formatScore } from "../ita/rounding";
import { indicatorSection, type ReportDraft } from "./draft";
import type { Measure } from "./measures";
import { formatThaiDate, toThaiDigits } from "./thai";

/** The report as a list of blocks that both the print page and the DOCX writer render. */
export type Block =
  | { kind: "title"; text: string }
  | { kind: "subtitle"; text: string }
  | { kind: "heading"; text: string }
  | { kind: "subheading"; text: string }
  | { kind: "paragraph"; text: string; lead?: string; sectionId?: string }
  | { kind: "list"; items: string[]; sectionId?: string }
  | { kind: "table"; name: string; headers: string[]; rows: string[][]; widths: number[]; numeric?: number[] }
  | { kind: "signatures"; date: string; people: { role: string; name: string; position: string }[] };

export interface PrintOptions {
  thaiDigits: boolean;
  reporterName: string;
  reporterPosition: string;
  approverName: string;
  approverPosition: string;
}

export const DEFAULT_OPTIONS: PrintOptions = {
  thaiDigits: false,
  reporterName: "",
  reporterPosition: "",
  approverName: "",
  approverPosition: "",
};

export type MeasureRowView = Omit<Measure, "id" | "indicator">;

export const STATUS_TH: Record<MeasureRowView["status"], string> = {
  planned: "ยังไม่เริ่ม",
  in_progress: "อยู่ระหว่างดำเนินการ",
  done: "ดำเนินการแล้วเสร็จ",
};

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** The officer's text of a section if edited, else the draft's (which follows the current figures). */
export function sectionText(draft: ReportDraft, edits: Record<string, string>, id: string): string {
  return edits[id] ?? draft.sections[id] ?? "";
}

function signatures(options: PrintOptions, date: string): Block {
  return {
    kind: "signatures",
    date: formatThaiDate(date),
    people: [
      { role: "ผู้รายงาน", name: options.reporterName, position: options.reporterPosition },
      { role: "ผู้อนุมัติ", name: options.approverName, position: options.approverPosition },
    ],
  };
}

function paragraphs(text: string, sectionId: string): Block[] {
  return lines(text).map((t) => ({ kind: "paragraph", text: t, sectionId }));
}

/** The measures report: the draft's figures, the officer's texts where edited, the stored measures table. */
export function composeReport(
  draft: ReportDraft,
  edits: Record<string, string>,
  measures: MeasureRowView[],
  options: PrintOptions,
  date: string,
): Block[] {
  const f = draft.figures;
  const text = (id: string) => sectionText(draft, edits, id);
  const name = (r: { indicator: number; nameTh: string }) => `ตัวชี้วัดที่ ${r.indicator} ${r.nameTh}`;
  const gradeText = ratingPhraseTh(f.gradingMode, f.grade ?? "");
  const result =
    f.overall === null
      ? `ยังสรุปคะแนนภาพรวมไม่ได้ เนื่องจากยังไม่มีคะแนนตัวชี้วัดที่ ${f.missing.join(", ")}`
      : `${draft.agencyName}ได้คะแนนภาพรวม ${formatScore(f.overall)} คะแนน ผลการประเมินอยู่ใน${gradeText}` +
        (f.published !== null && f.recomputed !== null
          ? ` (เมื่อคำนวณจากคะแนนรายตัวชี้วัดที่ประกาศ ได้ ${formatScore(f.recomputed)} คะแนน)`
          : "") +
        (f.ratingWhy ? ` ${f.ratingWhy}` : "");
  const blocks: Block[] = [
    { kind: "title", text: draft.title.replace(/ ประจำปี/, "\nประจำปี") },
    { kind: "subtitle", text: draft.agencyName },
    { kind: "heading", text: "1. หลักการและเหตุผล" },
    ...paragraphs(text("rationale"), "rationale"),
    { kind: "heading", text: `2. ผลการประเมินคุณธรรมและความโปร่งใส (ITA) ประจำปีงบประมาณ พ.ศ. ${f.basisYear}` },
    { kind: "paragraph", text: result },
    ...(f.ratingUncertainNote ? [{ kind: "paragraph" as const, text: `หมายเหตุ: ${f.ratingUncertainNote}` }] : []),
    {
      kind: "table",
      name: "ranking",
      headers: ["อันดับ", "ตัวชี้วัด", "แบบวัด", "คะแนน"],
      rows: f.ranking.map((r) => [String(r.rank), name(r), r.instrument, formatScore(r.score)]),
      widths: [12, 58, 12, 18],
      numeric: [0, 3],
    },
  ];
  if (f.highest && f.lowest)
    blocks.push({
      kind: "paragraph",
      text: `คะแนนสูงสุด ${formatScore(f.highest.score)} คะแนน (${name(f.highest)}) คะแนนต่ำสุด ${formatScore(f.lowest.score)} คะแนน (${name(f.lowest)})`,
    });

  blocks.push(
    { kind: "heading", text: "3. จุดแข็งและจุดอ่อนรายตัวชี้วัด" },
    ...paragraphs(text("analysisIntro"), "analysisIntro"),
  );
  const explain = (list: typeof f.strengths) =>
    list.map((r, i): Block => ({
      kind: "paragraph",
      lead: `(${i + 1}) ${name(r)} ได้คะแนนร้อยละ ${formatScore(r.score)}`,
      text: text(indicatorSection(r.indicator)),
      sectionId: indicatorSection(r.indicator),
    }));
  blocks.push(
    {
      kind: "subheading",
      text: `3.1 จุดแข็ง (ได้คะแนนตั้งแต่ร้อยละ ${f.strengthLine} ขึ้นไป) จำนวน ${f.strengths.length} ตัวชี้วัด`,
    },
    ...explain(f.strengths),
    {
      kind: "subheading",
      text: `3.2 จุดอ่อนที่ต้องพัฒนา (ได้คะแนนต่ำกว่าร้อยละ ${f.strengthLine}) จำนวน ${f.weaknesses.length} ตัวชี้วัด`,
    },
    ...(f.weaknesses.length
      ? explain(f.weaknesses)
      : [{ kind: "paragraph", text: draft.computed.noWeakness } as Block]),
    { kind: "heading", text: `4. ตัวชี้วัดที่ต่ำกว่าค่าเป้าหมาย ${f.target} คะแนน และข้อเสนอแนะ` },
    { kind: "paragraph", text: draft.computed.belowTarget },
    { kind: "list", items: lines(text("recommendations")), sectionId: "recommendations" },
  );
  if (f.lowest)
    blocks.push(
      { kind: "heading", text: `5. ประเด็นที่ต้องพัฒนาเป็นลำดับแรก: ${name(f.lowest)} (คะแนนต่ำสุด)` },
      {
        kind: "paragraph",
        lead: `${name(f.lowest)} ได้คะแนน ${formatScore(f.lowest.score)} คะแนน ต่ำที่สุดในทุกตัวชี้วัด`,
        text: "",
      },
      ...paragraphs(text("focus"), "focus"),
    );
  blocks.push(
    { kind: "heading", text: `6. มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ${f.measuresYear}` },
    {
      kind: "table",
      name: "measures",
      headers: ["มาตรการ", "ขั้นตอนหรือวิธีการ", "ผู้รับผิดชอบ", "การกำกับติดตาม"],
      rows: measures.map((m, i) => [`${i + 1}. ${m.measure}`, m.steps, m.responsible, m.monitoring]),
      widths: [24, 40, 18, 18],
    },
    signatures(options, date),
  );
  return options.thaiDigits ? withThaiDigits(blocks) : blocks;
}

/** The follow-up report the measures table promises: each measure's status and progress as of a date. */
export function composeProgress(
  draft: ReportDraft,
  measures: MeasureRowView[],
  options: PrintOptions,
  date: string,
): Block[] {
  const count = (s: MeasureRowView["status"]) => measures.filter((m) => m.status === s).length;
  const blocks: Block[] = [
    { kind: "title", text: `รายงานความก้าวหน้าและสรุปผลการดำเนินการ\nตาม${draft.title}` },
    { kind: "subtitle", text: `${draft.agencyName}\nณ วันที่ ${formatThaiDate(date)}` },
    {
      kind: "paragraph",
      text: `มาตรการทั้งหมด ${measures.length} มาตรการ ดำเนินการแล้วเสร็จ ${count("done")} มาตรการ อยู่ระหว่างดำเนินการ ${count("in_progress")} มาตรการ ยังไม่เริ่ม ${count("planned")} มาตรการ`,
    },
    {
      kind: "table",
      name: "progress",
      headers: ["มาตรการ", "ผู้รับผิดชอบ", "กำหนดแล้วเสร็จ", "สถานะ", "ผลการดำเนินงาน"],
      rows: measures.map((m, i) => [
        `${i + 1}. ${m.measure}`,
        m.responsible,
        m.dueDate ? formatThaiDate(m.dueDate) : "-",
        STATUS_TH[m.status],
        m.progressNote ?? "",
      ]),
      widths: [28, 16, 16, 14, 26],
    },
    signatures(options, date),
  ];
  return options.thaiDigits ? withThaiDigits(blocks) : blocks;
}

/** Every number of every block in Thai digits (table column names stay as written). */
export function withThaiDigits(blocks: Block[]): Block[] {
  const t = toThaiDigits;
  return blocks.map((b) => {
    switch (b.kind) {
      case "paragraph":
        return { ...b, text: t(b.text), lead: b.lead === undefined ? undefined : t(b.lead) };
      case "list":
        return { ...b, items: b.items.map(t) };
      case "table":
        return { ...b, headers: b.headers.map(t), rows: b.rows.map((r) => r.map(t)) };
      case "signatures":
        return {
          ...b,
          date: t(b.date),
          people: b.people.map((p) => ({ ...p, name: t(p.name), position: t(p.position) })),
        };
      default:
        return { ...b, text: t(b.text) };
    }
  });
}
