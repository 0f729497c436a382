import { z } from "zod";
import { AGENCY_SIZES, AGENCY_TYPES } from "../../lib/agency-types";

const count = z.union([z.literal(""), z.coerce.number().int().min(0).max(10_000_000)]).transform((v) => (v === "" ? null : v));

const schema = z.object({
  name_th: z.string().trim().min(2).max(200),
  name_en: z.string().trim().max(200).transform((v) => v || null),
  type: z.enum(AGENCY_TYPES.map((t) => t.code) as [string, ...string[]]),
  size: z.union([z.literal(""), z.enum(AGENCY_SIZES)]).transform((v) => v || null),
  staff_count: count,
  external_count: count,
});

export type AgencyValues = z.infer<typeof schema>;

const MESSAGES: Record<string, [string, string]> = {
  name_th: ["The Thai name (2–200 characters).", "โปรดระบุชื่อหน่วยงานภาษาไทย (2–200 ตัวอักษร)"],
  name_en: ["At most 200 characters.", "ไม่เกิน 200 ตัวอักษร"],
  type: ["Choose a type.", "โปรดเลือกประเภทหน่วยงาน"],
  size: ["Choose S, M or L.", "โปรดเลือกขนาด S, M หรือ L"],
  staff_count: ["A whole number, or empty.", "ระบุเป็นจำนวนเต็ม หรือเว้นว่าง"],
  external_count: ["A whole number, or empty.", "ระบุเป็นจำนวนเต็ม หรือเว้นว่าง"],
};

export function parseAgencyForm(form: FormData) {
  const raw = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, String(form.get(k) ?? "")]));
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true as const, value: parsed.data };
  const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))];
  return {
    ok: false as const,
    errors: fields.map((field) => ({ field, message: MESSAGES[field][0], messageTh: MESSAGES[field][1] })),
  };
}
