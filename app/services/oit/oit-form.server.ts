import { isEvidenceUrl } from "../../ita";
import type { OitAnswerInput } from "../../../db/repositories/oit";

export const MAX_URLS = 10;
export const MAX_TEXT = 500;

export type FieldError = { field: string; message: string; messageTh: string };

/** Reads the checklist form (has_<id>, urls_<id>, note_<id>, resp_<id>) for the framework's items. */
export function parseOitForm(form: FormData, itemIds: string[]): { inputs: OitAnswerInput[]; errors: FieldError[] } {
  const inputs: OitAnswerInput[] = [];
  const errors: FieldError[] = [];
  for (const id of itemIds) {
    if (!form.has(`has_${id}`) && !form.has(`urls_${id}`)) continue;
    const hasRaw = String(form.get(`has_${id}`) ?? "");
    const has = hasRaw === "1" ? true : hasRaw === "0" ? false : null;
    const urls = String(form.get(`urls_${id}`) ?? "")
      .split(/\s*\n\s*|\s+/)
      .map((u) => u.trim())
      .filter(Boolean);
    const bad = urls.find((u) => !isEvidenceUrl(u) || u.length > 2000);
    if (bad) {
      errors.push({
        field: `urls_${id}`,
        message: `Not a web link (http:// or https://): ${bad.slice(0, 80)}`,
        messageTh: `ลิงก์ไม่ถูกต้อง ต้องขึ้นต้นด้วย http:// หรือ https:// : ${bad.slice(0, 80)}`,
      });
    }
    if (urls.length > MAX_URLS) {
      errors.push({
        field: `urls_${id}`,
        message: `At most ${MAX_URLS} links per item.`,
        messageTh: `ใส่ลิงก์ได้ไม่เกิน ${MAX_URLS} ลิงก์ต่อข้อ`,
      });
    }
    const text = (name: string) => {
      const v = String(form.get(`${name}_${id}`) ?? "")
        .trim()
        .slice(0, MAX_TEXT);
      return v || null;
    };
    inputs.push({ item: id, has, urls: [...new Set(urls)], note: text("note"), responsible: text("resp") });
  }
  return { inputs, errors };
}
