import type { z } from "zod";

// Every message about a framework file in one place: zod's issues in Thai (its own English kept beside them)
// and the cross-checks of app/ita/framework.ts in Thai and English. Paths are written as in the file,
// e.g. `indicators[3].weight` or `items.IIT[0].scale`.

/** One problem with a framework file: where it is, and what is wrong in Thai and English. */
export interface FrameworkIssue {
  path: string;
  messageTh: string;
  messageEn: string;
}

/** A place in the file as one writes it in JavaScript: `indicators[3].weight`; the whole file is `(ไฟล์)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

const TYPE_TH: Record<string, string> = {
  string: "ข้อความ",
  number: "ตัวเลข",
  int: "จำนวนเต็ม",
  boolean: "ค่า true หรือ false",
  array: "รายการ [ … ]",
  object: "ออบเจกต์ { … }",
  record: "ออบเจกต์ { … }",
};

/** zod's issue in Thai: what the value at that place must be (parse with `reportInput` to tell a missing value). */
export function zodIssueTh(issue: z.core.$ZodIssue): string {
  if ((issue.code === "invalid_type" || issue.code === "invalid_value") && issue.input === undefined)
    return issue.code === "invalid_type"
      ? `ขาดค่าที่ต้องมี (ต้องเป็น${TYPE_TH[issue.expected] ?? issue.expected})`
      : `ขาดค่าที่ต้องมี (ต้องเป็นหนึ่งใน ${issue.values.map((v) => JSON.stringify(v)).join(", ")})`;
  switch (issue.code) {
    case "invalid_type":
      return `ชนิดข้อมูลไม่ถูกต้อง: ต้องเป็น${TYPE_TH[issue.expected] ?? issue.expected}`;
    case "too_small":
      if (issue.origin === "string") return "ต้องไม่เป็นข้อความว่าง";
      if (issue.origin === "array") return `ต้องมีอย่างน้อย ${String(issue.minimum)} รายการ`;
      return issue.inclusive ? `ต้องไม่น้อยกว่า ${String(issue.minimum)}` : `ต้องมากกว่า ${String(issue.minimum)}`;
    case "too_big":
      if (issue.origin === "array") return `ต้องมีไม่เกิน ${String(issue.maximum)} รายการ`;
      return issue.inclusive ? `ต้องไม่เกิน ${String(issue.maximum)}` : `ต้องน้อยกว่า ${String(issue.maximum)}`;
    case "invalid_format":
      return issue.format === "regex" ? `รูปแบบไม่ถูกต้อง (ต้องตรงกับ ${issue.pattern ?? "รูปแบบที่กำหนด"})` : "รูปแบบไม่ถูกต้อง";
    case "invalid_value":
      return `ค่าไม่ถูกต้อง: ต้องเป็นหนึ่งใน ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "not_multiple_of":
      return `ต้องเป็นพหุคูณของ ${String(issue.divisor)}`;
    case "unrecognized_keys":
      return `มีช่องที่ไม่รู้จัก: ${issue.keys.join(", ")}`;
    case "invalid_union":
      return "ค่าไม่ตรงกับรูปแบบใดที่รับได้";
    case "invalid_key":
      return "ชื่อช่องไม่ถูกต้อง";
    case "invalid_element":
      return "สมาชิกไม่ถูกต้อง";
    default:
      return "ค่าไม่ถูกต้อง";
  }
}

/** The cross-checks a framework must pass beyond the shape of each field, with their words in both languages. */
export const CROSS_CHECKS = {
  duplicateIndicator: {
    en: (p: { number: unknown }) => `indicator number ${String(p.number)} is used more than once`,
    th: (p: { number: unknown }) => `หมายเลขตัวชี้วัด ${String(p.number)} ซ้ำกัน`,
  },
  weightSum: {
    en: (p: { sum: number }) => `indicator weights sum to ${p.sum}, not 100`,
    th: (p: { sum: number }) => `น้ำหนักตัวชี้วัดรวมกันได้ ${p.sum} ไม่ใช่ 100`,
  },
  scaleLevels: {
    en: (p: { scale: string; last: number }) => `scale ${p.scale}: choice levels must be 0..${p.last} in order`,
    th: (p: { scale: string; last: number }) => `มาตรวัด ${p.scale}: ระดับของตัวเลือกต้องเป็น 0..${p.last} ตามลำดับ`,
  },
  duplicateItem: {
    en: (p: { id: unknown }) => `item id ${String(p.id)} is used more than once`,
    th: (p: { id: unknown }) => `รหัสข้อคำถาม ${String(p.id)} ซ้ำกัน`,
  },
  missingIndicator: {
    en: (p: { id: unknown; indicator: unknown }) => `${String(p.id)}: indicator ${String(p.indicator)} does not exist`,
    th: (p: { id: unknown; indicator: unknown }) => `${String(p.id)}: ไม่มีตัวชี้วัดที่ ${String(p.indicator)}`,
  },
  wrongInstrument: {
    en: (p: { id: unknown; indicator: unknown; owner: unknown; instrument: string }) =>
      `${String(p.id)}: indicator ${String(p.indicator)} belongs to ${String(p.owner)}, not ${p.instrument}`,
    th: (p: { id: unknown; indicator: unknown; owner: unknown; instrument: string }) =>
      `${String(p.id)}: ตัวชี้วัดที่ ${String(p.indicator)} เป็นของ ${String(p.owner)} ไม่ใช่ ${p.instrument}`,
  },
  unknownScale: {
    en: (p: { id: unknown; scale: unknown }) => `${String(p.id)}: unknown scale ${String(p.scale)}`,
    th: (p: { id: unknown; scale: unknown }) => `${String(p.id)}: ไม่รู้จักมาตรวัด ${String(p.scale)} (ไม่มีใน scales)`,
  },
  duplicateSubindicator: {
    en: (p: { id: unknown }) => `subindicator id ${String(p.id)} is used more than once`,
    th: (p: { id: unknown }) => `รหัสตัวชี้วัดย่อย ${String(p.id)} ซ้ำกัน`,
  },
  subindicatorNotOit: {
    en: (p: { id: unknown; indicator: unknown }) =>
      `subindicator ${String(p.id)}: indicator ${String(p.indicator)} is not an OIT indicator`,
    th: (p: { id: unknown; indicator: unknown }) =>
      `ตัวชี้วัดย่อย ${String(p.id)}: ตัวชี้วัดที่ ${String(p.indicator)} ไม่ใช่ตัวชี้วัดของ OIT`,
  },
  missingSubindicator: {
    en: (p: { id: unknown; sub: unknown }) => `${String(p.id)}: subindicator ${String(p.sub)} does not exist`,
    th: (p: { id: unknown; sub: unknown }) => `${String(p.id)}: ไม่มีตัวชี้วัดย่อย ${String(p.sub)}`,
  },
  subindicatorElsewhere: {
    en: (p: { id: unknown; sub: unknown; owner: unknown; indicator: unknown }) =>
      `${String(p.id)}: subindicator ${String(p.sub)} belongs to indicator ${String(p.owner)}, not ${String(p.indicator)}`,
    th: (p: { id: unknown; sub: unknown; owner: unknown; indicator: unknown }) =>
      `${String(p.id)}: ตัวชี้วัดย่อย ${String(p.sub)} อยู่ในตัวชี้วัดที่ ${String(p.owner)} ไม่ใช่ ${String(p.indicator)}`,
  },
  indicatorWithoutItems: {
    en: (p: { number: unknown }) => `indicator ${String(p.number)} has no items`,
    th: (p: { number: unknown }) => `ตัวชี้วัดที่ ${String(p.number)} ไม่มีข้อคำถามหรือข้อการประเมิน`,
  },
  subindicatorWithoutItems: {
    en: (p: { id: unknown }) => `subindicator ${String(p.id)} has no items`,
    th: (p: { id: unknown }) => `ตัวชี้วัดย่อย ${String(p.id)} ไม่มีข้อการประเมิน`,
  },
  noGradeBands: {
    en: () => "gradingMode grades needs gradeBands",
    th: () => "gradingMode grades ต้องมี gradeBands",
  },
  lowestBand: {
    en: () => "the lowest grade band must start at 0",
    th: () => "ช่วงเกรดต่ำสุดต้องเริ่มที่ 0",
  },
  distinctBands: {
    en: () => "grade bands must have distinct minimums",
    th: () => "ช่วงเกรดต้องมีคะแนนขั้นต่ำไม่ซ้ำกัน",
  },
  noRating: {
    en: () => "gradingMode labels needs a rating",
    th: () => "gradingMode labels ต้องมี rating",
  },
  distinctLabels: {
    en: () => "rating labels must be distinct",
    th: () => "ชื่อระดับผลใน rating ต้องไม่ซ้ำกัน",
  },
  labelOrder: {
    en: (p: { label: unknown; next: unknown }) =>
      `rating: labels go from the highest down (${String(p.next)} needs more than ${String(p.label)})`,
    th: (p: { label: unknown; next: unknown }) =>
      `rating: ระดับผลต้องเรียงจากสูงลงต่ำ (${String(p.next)} ต้องการคะแนนมากกว่า ${String(p.label)})`,
  },
  lastLabel: {
    en: () => "rating: the last label must have no condition (minTotal 0, no minEachInstrument)",
    th: () => "rating: ระดับผลสุดท้ายต้องไม่มีเงื่อนไข (minTotal 0 และไม่มี minEachInstrument)",
  },
  ratingUnused: {
    en: (p: { mode: unknown }) => `a rating is only read with gradingMode labels, not ${String(p.mode)}`,
    th: (p: { mode: unknown }) => `rating ใช้ได้เฉพาะเมื่อ gradingMode เป็น labels (ไม่ใช่ ${String(p.mode)})`,
  },
  evidenceBoth: {
    en: (p: { id: unknown }) => `${String(p.id)}: evidence guidance needs both evidenceTh and evidenceEn`,
    th: (p: { id: unknown }) => `${String(p.id)}: คำแนะนำหลักฐานต้องมีทั้ง evidenceTh และ evidenceEn`,
  },
  evidenceStatusAlone: {
    en: (p: { id: unknown }) => `${String(p.id)}: evidenceStatus without evidenceTh/evidenceEn`,
    th: (p: { id: unknown }) => `${String(p.id)}: มี evidenceStatus แต่ไม่มีคำแนะนำหลักฐาน (evidenceTh/evidenceEn)`,
  },
  previousIsSelf: {
    en: (p: { id: unknown }) => `previousFramework ${String(p.id)} is this framework itself`,
    th: (p: { id: unknown }) => `previousFramework ${String(p.id)} เป็นกรอบการประเมินนี้เอง`,
  },
  previousWithoutFramework: {
    en: (p: { id: unknown }) => `${String(p.id)}: previous items are listed but previousFramework is not set`,
    th: (p: { id: unknown }) => `${String(p.id)}: ระบุข้อของปีก่อน (previous) แต่ไม่ได้กำหนด previousFramework`,
  },
  previousStatusAlone: {
    en: (p: { id: unknown }) => `${String(p.id)}: previousStatus without previous`,
    th: (p: { id: unknown }) => `${String(p.id)}: มี previousStatus แต่ไม่มี previous`,
  },
  previousRepeated: {
    en: (p: { id: unknown }) => `${String(p.id)}: an item of the previous year is listed twice in previous`,
    th: (p: { id: unknown }) => `${String(p.id)}: ข้อของปีก่อนใน previous ซ้ำกัน`,
  },
  previousUnknown: {
    en: (p: { id: unknown; previous: unknown; framework: unknown }) =>
      `${String(p.id)}: ${String(p.framework)} has no OIT item ${String(p.previous)}`,
    th: (p: { id: unknown; previous: unknown; framework: unknown }) =>
      `${String(p.id)}: ไม่มีข้อ OIT ${String(p.previous)} ใน ${String(p.framework)}`,
  },
} as const;

export type CrossCheck = keyof typeof CROSS_CHECKS;
type FirstParam<F> = F extends (p: infer P) => string ? P : F extends () => string ? object : never;
export type CrossCheckParams<C extends CrossCheck> = FirstParam<(typeof CROSS_CHECKS)[C]["en"]>;
