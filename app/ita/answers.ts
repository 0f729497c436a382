import type { Framework, SurveyInstrument, SurveyItem } from "./framework";

/**
 * One questionnaire answer, as SurveyJS stores it under the question `name` (= item id):
 * the level itself for a question without sub-items (`"i2": 3`), or an object keyed
 * "1".."n" in the order of the framework's subItems (`"i1": {"1": 3, "2": 2}`).
 * Levels: 4-level scale 0..3 (0 = น้อยที่สุดหรือไม่มีเลย … 3 = มากที่สุด); yes/no 1 = มี, 0 = ไม่มี.
 */
export type AnswerValue = number | Record<string, number>;

/** One respondent's SurveyJS data object: scored items plus the unscored fields. */
export type Answers = {
  [itemId: string]: AnswerValue | string | undefined;
  /** EIT only: who the respondent is (a framework respondentTypes id). */
  respondent_type?: string;
  /** Optional free text. */
  comment?: string;
};

export type AnswerError = { field: string; messageTh: string; messageEn: string };

export const RESPONDENT_TYPE_FIELD = "respondent_type";
export const COMMENT_FIELD = "comment";
export const COMMENT_MAX_LENGTH = 2000;

function isLevel(value: unknown, levels: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value < levels;
}

function checkItem(fw: Framework, item: SurveyItem, value: unknown, errors: AnswerError[]): void {
  const levels = fw.scales[item.scale]?.choices.length ?? 0;
  const badLevel = (field: string) =>
    errors.push({
      field,
      messageTh: `คำตอบข้อ ${field} ไม่อยู่ในตัวเลือก (0–${levels - 1})`,
      messageEn: `${field}: answer must be a level from 0 to ${levels - 1}`,
    });
  if (value === undefined || value === null) {
    errors.push({ field: item.id, messageTh: `กรุณาตอบข้อ ${item.id}`, messageEn: `${item.id}: answer is required` });
    return;
  }
  if (!item.subItems) {
    if (!isLevel(value, levels)) badLevel(item.id);
    return;
  }
  if (typeof value !== "object" || Array.isArray(value)) {
    errors.push({
      field: item.id,
      messageTh: `ข้อ ${item.id} ต้องตอบแยกเป็นข้อย่อย`,
      messageEn: `${item.id}: expected an object of sub-item answers`,
    });
    return;
  }
  const parts = value as Record<string, unknown>;
  item.subItems.forEach((_, index) => {
    const key = String(index + 1);
    const field = `${item.id}.${key}`;
    if (parts[key] === undefined || parts[key] === null)
      errors.push({ field, messageTh: `กรุณาตอบข้อย่อย ${field}`, messageEn: `${field}: sub-item answer is required` });
    else if (!isLevel(parts[key], levels)) badLevel(field);
  });
  for (const key of Object.keys(parts)) {
    const n = Number(key);
    if (!(Number.isInteger(n) && n >= 1 && n <= item.subItems.length && String(n) === key))
      errors.push({
        field: `${item.id}.${key}`,
        messageTh: `ข้อ ${item.id} ไม่มีข้อย่อย ${key}`,
        messageEn: `${item.id}: unknown sub-item ${key}`,
      });
  }
}

/**
 * Checks one respondent's answers against the framework before scoring (the ITA forms require
 * every item and have no not-applicable answer). Returns every problem found; empty means valid.
 */
export function validateAnswers(fw: Framework, instrument: SurveyInstrument, answers: unknown): AnswerError[] {
  if (typeof answers !== "object" || answers === null || Array.isArray(answers))
    return [{ field: "", messageTh: "รูปแบบคำตอบไม่ถูกต้อง", messageEn: "answers must be an object" }];
  const data = answers as Record<string, unknown>;
  const errors: AnswerError[] = [];
  const items = fw.items[instrument];
  const known = new Set(items.map((i) => i.id));

  for (const item of items) checkItem(fw, item, data[item.id], errors);

  for (const key of Object.keys(data)) {
    if (known.has(key) || key === COMMENT_FIELD) continue;
    if (key === RESPONDENT_TYPE_FIELD && instrument === "EIT") continue;
    errors.push({ field: key, messageTh: `ไม่รู้จักข้อ ${key}`, messageEn: `unknown field ${key}` });
  }

  if (instrument === "EIT") {
    const type = data[RESPONDENT_TYPE_FIELD];
    const allowed = fw.respondentTypes.map((t) => t.id);
    if (type === undefined || type === null || type === "")
      errors.push({
        field: RESPONDENT_TYPE_FIELD,
        messageTh: "กรุณาระบุประเภทผู้ตอบ",
        messageEn: "respondent_type is required",
      });
    else if (typeof type !== "string" || !allowed.includes(type))
      errors.push({
        field: RESPONDENT_TYPE_FIELD,
        messageTh: "ประเภทผู้ตอบไม่ถูกต้อง",
        messageEn: `respondent_type must be one of ${allowed.join(", ")}`,
      });
  }

  const comment = data[COMMENT_FIELD];
  if (comment !== undefined && comment !== null) {
    if (typeof comment !== "string")
      errors.push({ field: COMMENT_FIELD, messageTh: "ความคิดเห็นต้องเป็นข้อความ", messageEn: "comment must be text" });
    else if (comment.length > COMMENT_MAX_LENGTH)
      errors.push({
        field: COMMENT_FIELD,
        messageTh: `ความคิดเห็นยาวเกิน ${COMMENT_MAX_LENGTH} ตัวอักษร`,
        messageEn: `comment is longer than ${COMMENT_MAX_LENGTH} characters`,
      });
  }
  return errors;
}
