import { z } from "zod";
import type { Agency } from "../../../db/repositories/agencies";
import type { Round, RoundSettings } from "../../../db/repositories/rounds";
import { DATE_MESSAGE, optionalCalendarDate, readDateFields } from "../../lib/dates";
import { DEFAULT_FRAMEWORK_ID, type FrameworkOption } from "../../lib/frameworks";
import { fieldErrorsFromZod, type FieldError, type FieldMessages } from "../../lib/forms";
import { IIT_ACCESS_KINDS, ROUND_STATUSES, type RoundSettingsValues, type RoundStatus } from "../../lib/rounds";
import { fiscalYearBE } from "../../server/first-start.server";
import { randomString } from "../../server/ids.server";
import type { Db } from "../../../db/client";
import { listFrameworkChoices, loadFramework } from "../frameworks/frameworks.server";
import { defaultSampleSizes } from "./sample-size.server";

// The round form: its fields and their checks, the settings a new round starts with, and the status changes
// an officer may make. Used by the rounds service (rounds.server.ts).

export type { RoundSettings };

const line = z.coerce.number().min(0).max(100);

const schema = z.object({
  title: z
    .string()
    .trim()
    .max(200)
    .transform((v) => v || null),
  fiscal_year: z.coerce.number().int().min(2500).max(2700),
  framework: z.string(),
  status: z.enum(ROUND_STATUSES),
  opens_on: optionalCalendarDate,
  closes_on: optionalCalendarDate,
  iit_access: z.enum(IIT_ACCESS_KINDS),
  pin: z.union([z.literal(""), z.string().regex(/^\d{6}$/)]).transform((v) => v || null),
  strength_line: line,
  target_line: line,
  min_iit: z.coerce.number().int().min(1).max(100_000),
  min_eit: z.coerce.number().int().min(1).max(100_000),
});

const MESSAGES: FieldMessages = {
  title: ["At most 200 characters.", "ไม่เกิน 200 ตัวอักษร"],
  fiscal_year: ["A Buddhist-era year such as 2569.", "ระบุปีงบประมาณเป็น พ.ศ. เช่น 2569"],
  framework: ["Choose a framework.", "โปรดเลือกกรอบการประเมิน"],
  status: ["Choose a status.", "โปรดเลือกสถานะ"],
  opens_on: DATE_MESSAGE,
  closes_on: ["A date on or after the opening date.", "วันปิดต้องไม่ก่อนวันเปิด"],
  iit_access: ["Choose PIN or one-time codes.", "โปรดเลือกรหัส PIN หรือรหัสใช้ครั้งเดียว"],
  pin: ["Six digits, or empty to generate one.", "PIN ต้องเป็นตัวเลข 6 หลัก หรือเว้นว่างให้ระบบสร้างให้"],
  strength_line: ["A score from 0 to 100.", "ระบุคะแนน 0–100"],
  target_line: ["A score from 0 to 100, not below the strength line.", "ระบุคะแนน 0–100 และไม่ต่ำกว่าเกณฑ์จุดแข็ง"],
  min_iit: ["A whole number of at least 1.", "ระบุจำนวนเต็มอย่างน้อย 1"],
  min_eit: ["A whole number of at least 1.", "ระบุจำนวนเต็มอย่างน้อย 1"],
};

function fieldError(field: keyof typeof MESSAGES): FieldError {
  const [message, messageTh] = MESSAGES[field] ?? ["Invalid value.", "ข้อมูลไม่ถูกต้อง"];
  return { field, message, messageTh };
}

/**
 * The frameworks a round may use, newest year first: the files of the surveys folder and the published
 * imported frameworks (the default alone when none can be listed).
 */
export async function availableFrameworks(db: Db): Promise<FrameworkOption[]> {
  const list = (await listFrameworkChoices(db)).map(({ id, year, titleTh, titleEn, source }) => ({
    id,
    year,
    titleTh,
    titleEn,
    imported: source === "imported",
  }));
  return list.length
    ? list
    : [
        {
          id: DEFAULT_FRAMEWORK_ID,
          year: 2565,
          titleTh: DEFAULT_FRAMEWORK_ID,
          titleEn: DEFAULT_FRAMEWORK_ID,
          imported: false,
        },
      ];
}

/** Status changes an officer may make by hand: draft → open → closed, and re-opening a closed round. */
export function allowedStatusChange(from: RoundStatus, to: RoundStatus): boolean {
  if (from === to) return true;
  return (
    (from === "draft" && (to === "open" || to === "closed")) ||
    (from === "open" && to === "closed") ||
    (from === "closed" && to === "open")
  );
}

/**
 * Validates the round form (its text fields; a missing field is judged like an empty one); generates a
 * 6-digit PIN when PIN access has none.
 */
export function parseRoundSettings(
  input: Record<string, unknown>,
  frameworks: string[],
): { ok: true; value: RoundSettings } | { ok: false; errors: FieldError[] } {
  // The dates as typed in the page's calendar ("5/12/2569" in Thai mode), read first; ISO passes through.
  const dated = readDateFields(input, ["opens_on", "closes_on"]);
  const raw = Object.fromEntries(
    Object.keys(schema.shape).map((k) => [k, typeof dated.input[k] === "string" ? dated.input[k] : ""]),
  );
  const parsed = schema.safeParse(raw);
  if (!parsed.success || dated.errors.length) {
    const rest = parsed.success ? [] : fieldErrorsFromZod(parsed.error, MESSAGES);
    const order = Object.keys(schema.shape);
    const errors = [...dated.errors, ...rest.filter((e) => !dated.errors.some((d) => d.field === e.field))];
    return { ok: false, errors: errors.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field)) };
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

/** Minimum samples for an agency from the framework's sample_size (IIT 25, EIT by type and size). */
export function sampleDefaults(frameworkId: string, agency: Agency | undefined): { iit: number; eit: number } {
  try {
    if (agency) return defaultSampleSizes(loadFramework(frameworkId), agency);
  } catch {
    // an unreadable framework file: fall back to the 2565 numbers below
  }
  return { iit: 25, eit: 30 };
}

/** The settings a new round starts with (`frameworks`: the ids a round may use). */
export function newRoundDefaults(agency: Agency | undefined, frameworks: string[]): RoundSettings {
  const framework = frameworks.includes(DEFAULT_FRAMEWORK_ID)
    ? DEFAULT_FRAMEWORK_ID
    : (frameworks[0] ?? DEFAULT_FRAMEWORK_ID);
  const samples = sampleDefaults(framework, agency);
  return {
    title: null,
    fiscal_year: fiscalYearBE(new Date()),
    framework,
    status: "draft",
    opens_on: null,
    closes_on: null,
    // One-time codes by default: with a PIN, anyone holding it can add IIT responses (docs/anonymity.md).
    iit_access: "codes",
    pin: null,
    strength_line: 70,
    target_line: 85,
    min_iit: samples.iit,
    min_eit: samples.eit,
  };
}

/** A round's settings as the round form shows them. */
export function settingsView(settings: RoundSettings | Round): RoundSettingsValues {
  return {
    title: settings.title,
    fiscalYear: settings.fiscal_year,
    framework: settings.framework,
    status: settings.status,
    opensOn: settings.opens_on,
    closesOn: settings.closes_on,
    iitAccess: settings.iit_access,
    pin: settings.pin,
    strengthLine: settings.strength_line,
    targetLine: settings.target_line,
    minIit: settings.min_iit,
    minEit: settings.min_eit,
  };
}

/** The settings fields, in the form's order (for comparing a round before and after an edit). */
export const SETTINGS_FIELDS = Object.keys(schema.shape) as (keyof RoundSettings)[];
