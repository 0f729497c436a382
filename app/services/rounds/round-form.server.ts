import { z } from "zod";
import type { Round, RoundSettings } from "../../../db/repositories/rounds";
import { randomString } from "../../server/ids.server";

export interface FieldError {
  field: string;
  message: string;
  messageTh: string;
}

const date = z.union([z.literal(""), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)]).transform((v) => v || null);
const line = z.coerce.number().min(0).max(100);

const schema = z.object({
  title: z
    .string()
    .trim()
    .max(200)
    .transform((v) => v || null),
  fiscal_year: z.coerce.number().int().min(2500).max(2700),
  framework: z.string(),
  status: z.enum(["draft", "open", "closed"]),
  opens_on: date,
  closes_on: date,
  iit_access: z.enum(["pin", "codes"]),
  pin: z.union([z.literal(""), z.string().regex(/^\d{6}$/)]).transform((v) => v || null),
  strength_line: line,
  target_line: line,
  min_iit: z.coerce.number().int().min(1).max(100_000),
  min_eit: z.coerce.number().int().min(1).max(100_000),
});

export type { RoundSettings };

const MESSAGES: Record<string, [string, string]> = {
  title: ["At most 200 characters.", "ไม่เกิน 200 ตัวอักษร"],
  fiscal_year: ["A Buddhist-era year such as 2569.", "ระบุปีงบประมาณเป็น พ.ศ. เช่น 2569"],
  framework: ["Choose a framework.", "โปรดเลือกกรอบการประเมิน"],
  status: ["Choose a status.", "โปรดเลือกสถานะ"],
  opens_on: ["A date.", "ระบุวันที่ให้ถูกต้อง"],
  closes_on: ["A date on or after the opening date.", "วันปิดต้องไม่ก่อนวันเปิด"],
  iit_access: ["Choose PIN or one-time codes.", "โปรดเลือกรหัส PIN หรือรหัสใช้ครั้งเดียว"],
  pin: ["Six digits, or empty to generate one.", "PIN ต้องเป็นตัวเลข 6 หลัก หรือเว้นว่างให้ระบบสร้างให้"],
  strength_line: ["A score from 0 to 100.", "ระบุคะแนน 0–100"],
  target_line: ["A score from 0 to 100, not below the strength line.", "ระบุคะแนน 0–100 และไม่ต่ำกว่าเกณฑ์จุดแข็ง"],
  min_iit: ["A whole number of at least 1.", "ระบุจำนวนเต็มอย่างน้อย 1"],
  min_eit: ["A whole number of at least 1.", "ระบุจำนวนเต็มอย่างน้อย 1"],
};

function fieldError(field: string): FieldError {
  const [message, messageTh] = MESSAGES[field] ?? ["Invalid value.", "ข้อมูลไม่ถูกต้อง"];
  return { field, message, messageTh };
}

/** Status changes an officer may make by hand: draft → open → closed, and re-opening a closed round. */
export function allowedStatusChange(from: Round["status"], to: Round["status"]): boolean {
  if (from === to) return true;
  return (
    (from === "draft" && (to === "open" || to === "closed")) ||
    (from === "open" && to === "closed") ||
    (from === "closed" && to === "open")
  );
}

/** Validates the round form; generates a 6-digit PIN when PIN access has none. */
export function parseRoundForm(
  form: FormData,
  frameworks: string[],
): { ok: true; value: RoundSettings } | { ok: false; errors: FieldError[] } {
  const raw = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, String(form.get(k) ?? "")]));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))];
    return { ok: false, errors: fields.map(fieldError) };
  }
  const value = parsed.data;
  const errors: FieldError[] = [];
  if (!frameworks.includes(value.framework)) errors.push(fieldError("framework"));
  if (value.opens_on && value.closes_on && value.closes_on < value.opens_on) errors.push(fieldError("closes_on"));
  if (value.target_line < value.strength_line) errors.push(fieldError("target_line"));
  if (errors.length) return { ok: false, errors };
  if (value.iit_access === "pin" && !value.pin) value.pin = randomString("0123456789", 6);
  return { ok: true, value };
}
