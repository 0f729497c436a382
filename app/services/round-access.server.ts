import { z } from "zod";
import type { Db } from "../../db/client";
import { findAgency } from "../../db/repositories/agencies";
import { findIitSeal } from "../../db/repositories/iit-seal";
import {
  countIitCodes,
  findEitChannel,
  insertIitCodes,
  listEitChannels,
  setRoundPin,
  upsertEitChannel,
} from "../../db/repositories/round-access";
import { findRoundById, type Round } from "../../db/repositories/rounds";
import { CHANNELS, type EntryChannel } from "../lib/entry-channels";
import { fieldErrorsFromZod, type FieldMessages } from "../lib/forms";
import type { Lang } from "../lib/i18n";
import { isSurveyKind, type SurveyKind } from "../lib/instruments";
import { audit } from "../server/audit.server";
import { assertCan, requireAgencyAccess, type SessionUser } from "../server/auth.server";
import { config } from "../server/config.server";
import { assertFound, httpError, notFound } from "../server/http.server";
import { eitLink, iitCodeLink, qrSvg } from "../server/qr.server";
import type { Saved } from "../lib/forms";
import { questionnaireFor } from "./frameworks/frameworks.server";
import { isSerialTaken, normaliseSerial, SERIAL_REQUIRED } from "./submissions/keyed-entries.server";
import { invalid, MAX_BODY_BYTES, serialTakenReply, submit, type Reply } from "./submissions/submit.server";

// Round access: how respondents reach a round's questionnaires. EIT channels (a link and QR code per service
// point, with a printable poster), the IIT's PIN or one-time codes (printed as slips), and the answers staff
// key in from paper sheets or telephone interviews (with blank sheets to print). Every admin write commits
// together with its audit entry.

/** The most one-time codes made at once from the admin page. */
export const MAX_CODE_BATCH = 2000;

/** The round, if it exists and belongs to the actor's agency (a super-administrator sees every round); else 404. */
async function roundOf(db: Db, actor: SessionUser, roundId: string | undefined): Promise<Round> {
  const round = assertFound(roundId ? await findRoundById(db, roundId) : undefined);
  requireAgencyAccess(actor, round.agency_id);
  return round;
}

async function agencyName(db: Db, agencyId: string): Promise<string> {
  return (await findAgency(db, agencyId))?.name_th ?? "";
}

/** A form's text field as a string ("" when absent), so that a missing field is judged like an empty one. */
const text = z.preprocess((v) => (typeof v === "string" ? v : ""), z.string());

// ---------------------------------------------------------------------------------------------------------
// IIT access: the round's PIN and its one-time codes

export interface RoundAccessView {
  round: { id: string; mode: "pin" | "codes"; pin: string | null; fiscalYear: number };
  agency: string;
  /** The number of codes the form offers: one per staff member, as the agency's record has it. */
  defaultCount: number;
  /** The most codes one request may make. */
  maxCount: number;
  codes: { total: number; used: number };
}

export interface CodeSlip {
  code: string;
  /** The IIT page with the code in its fragment (never sent to the server by the browser). */
  link: string;
  qr: string;
}

export async function getRoundAccess(
  db: Db,
  actor: SessionUser,
  roundId: string | undefined,
): Promise<RoundAccessView> {
  assertCan(actor, "manageRounds");
  const round = await roundOf(db, actor, roundId);
  const agency = await findAgency(db, round.agency_id);
  return {
    round: { id: round.id, mode: round.iit_access, pin: round.pin, fiscalYear: round.fiscal_year },
    agency: agency?.name_th ?? "",
    defaultCount: Math.min(MAX_CODE_BATCH, Math.max(1, agency?.staff_count ?? 25)),
    maxCount: MAX_CODE_BATCH,
    codes: await countIitCodes(db, round.id),
  };
}

const pinSchema = z.object({ pin: text.transform((v) => v.trim()).pipe(z.string().regex(/^\d{4,8}$/)) });
const codesSchema = z.object({ count: z.coerce.number().int().min(1).max(MAX_CODE_BATCH) });

const ACCESS_MESSAGES: FieldMessages = {
  pin: ["The PIN is 4–8 digits", "รหัส PIN ต้องเป็นตัวเลข 4–8 หลัก"],
  count: [`Between 1 and ${MAX_CODE_BATCH} codes`, `สร้างได้ครั้งละ 1–${MAX_CODE_BATCH} รหัส`],
};

/** Sets the round's IIT PIN (4–8 digits). */
export async function changePin(
  db: Db,
  actor: SessionUser,
  roundId: string | undefined,
  input: Record<string, unknown>,
): Promise<Saved> {
  assertCan(actor, "manageRounds");
  const round = await roundOf(db, actor, roundId);
  const parsed = pinSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrorsFromZod(parsed.error, ACCESS_MESSAGES) };
  await db.transaction().execute(async (tx) => {
    await setRoundPin(tx, round.id, parsed.data.pin);
    await audit(tx, {
      user: actor,
      agencyId: round.agency_id,
      action: "round.pin",
      entity: "round",
      entityId: round.id,
      detail: "PIN changed",
    });
  });
  return { ok: true };
}

const SEALED_NO_CODES = {
  field: "count",
  message: "This round's IIT was sealed when it closed: it takes no more answers, so no new codes.",
  messageTh: "แบบวัด IIT ของรอบนี้ผนึกข้อมูลแล้วเมื่อปิดรอบ ไม่รับคำตอบเพิ่ม จึงออกรหัสใหม่ไม่ได้",
};

/**
 * Makes `count` new one-time IIT codes and returns them as printable slips. The plain codes exist only in
 * this answer: the database keeps their hashes.
 */
export async function issueIitCodes(
  db: Db,
  actor: SessionUser,
  roundId: string | undefined,
  input: Record<string, unknown>,
): Promise<Saved<{ slips: CodeSlip[]; address: string }>> {
  assertCan(actor, "manageRounds");
  const round = await roundOf(db, actor, roundId);
  const parsed = codesSchema.safeParse({ count: input.count ?? null });
  if (!parsed.success) return { ok: false, errors: fieldErrorsFromZod(parsed.error, ACCESS_MESSAGES) };
  const { count } = parsed.data;
  if (await findIitSeal(db, round.id)) return { ok: false, errors: [SEALED_NO_CODES] };
  const codes = await db.transaction().execute(async (tx) => {
    const made = await insertIitCodes(tx, round.id, count);
    await audit(tx, {
      user: actor,
      agencyId: round.agency_id,
      action: "codes.create",
      entity: "round",
      entityId: round.id,
      detail: { count },
    });
    return made;
  });
  const publicUrl = config().PUBLIC_URL;
  const slips = await Promise.all(
    codes.map(async (code) => {
      const link = iitCodeLink(publicUrl, round.slug, code);
      return { code, link, qr: await qrSvg(link) };
    }),
  );
  // For staff who cannot scan: the IIT page's address, short (no scheme), to type in and then enter the code.
  return { ok: true, slips, address: typedAddress(`${publicUrl}/s/${round.slug}/iit`) };
}

/** A link as a person types it: without "https://" (browsers add it) and without a trailing slash. */
export function typedAddress(link: string): string {
  return link.replace(/^https?:\/\//, "").replace(/\/$/, "");
}

// ---------------------------------------------------------------------------------------------------------
// EIT channels and their posters

export interface ChannelView {
  id: string;
  key: string;
  name: string;
  kiosk: boolean;
  link: string;
  qr: string;
}

export async function listChannels(
  db: Db,
  actor: SessionUser,
  roundId: string | undefined,
): Promise<{ round: { id: string; fiscalYear: number }; channels: ChannelView[] }> {
  assertCan(actor, "manageRounds");
  const round = await roundOf(db, actor, roundId);
  const publicUrl = config().PUBLIC_URL;
  const channels = await Promise.all(
    (await listEitChannels(db, round.id)).map(async (c) => {
      const link = eitLink(publicUrl, round.slug, c.key);
      return { id: c.id, key: c.key, name: c.name, kiosk: Number(c.kiosk) === 1, link, qr: await qrSvg(link) };
    }),
  );
  return { round: { id: round.id, fiscalYear: round.fiscal_year }, channels };
}

const CHANNEL_KEY = /^[a-z0-9][a-z0-9-]{0,31}$/;

const channelSchema = z.object({
  key: text.transform((v) => v.trim().toLowerCase()).pipe(z.string().regex(CHANNEL_KEY)),
  name: text.transform((v) => v.trim().slice(0, 100)).pipe(z.string().min(1)),
  kiosk: text.transform((v) => v === "1"),
  // "add" (the default) refuses a key the round already has; "update" renames a channel the round has.
  intent: text.transform((v) => (v === "update" ? "update" : "add")),
});

const CHANNEL_MESSAGES: FieldMessages = {
  key: [
    "Key: lower-case letters, digits and dashes (up to 32)",
    "รหัสช่องทางใช้ได้เฉพาะอักษรภาษาอังกฤษตัวเล็ก ตัวเลข และขีด (ไม่เกิน 32 ตัว)",
  ],
  name: ["Give the channel a name", "กรุณาตั้งชื่อช่องทาง"],
};

/**
 * Adds an EIT channel (`intent` "add", the default) or renames one and sets its kiosk flag (`intent` "update").
 * Adding a key the round already has is refused with a field error on `key`, and updating a key it does not
 * have answers 404: neither writes anything.
 */
export async function saveChannel(
  db: Db,
  actor: SessionUser,
  roundId: string | undefined,
  input: Record<string, unknown>,
): Promise<Saved<{ created: boolean }>> {
  assertCan(actor, "manageRounds");
  const round = await roundOf(db, actor, roundId);
  const parsed = channelSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrorsFromZod(parsed.error, CHANNEL_MESSAGES) };
  const { key, name, kiosk, intent } = parsed.data;
  const existing = await findEitChannel(db, round.id, key);
  if (intent === "add" && existing)
    return {
      ok: false,
      errors: [
        {
          field: "key",
          message: `This round already has a channel with the key "${key}" (${existing.name}); choose another key, or rename that channel in the list above`,
          messageTh: `รอบนี้มีช่องทางรหัส “${key}” (${existing.name}) อยู่แล้ว กรุณาใช้รหัสอื่น หรือแก้ชื่อช่องทางเดิมในรายการด้านบน`,
        },
      ],
    };
  if (intent === "update" && !existing) throw notFound();
  const created = await db.transaction().execute(async (tx) => {
    const saved = await upsertEitChannel(tx, { roundId: round.id, key, name, kiosk });
    await audit(tx, {
      user: actor,
      agencyId: round.agency_id,
      action: saved.created ? "channel.create" : "channel.update",
      entity: "round",
      entityId: round.id,
      detail: { key, name, kiosk },
    });
    return saved.created;
  });
  return { ok: true, created };
}

export interface PosterView {
  agency: string;
  channel: string;
  link: string;
  /** The link as a person types it (no scheme), for the large print. */
  address: string;
  /** The last day answers are taken (YYYY-MM-DD), when the round has one. */
  closesOn: string | null;
  qr: string;
  roundId: string;
  fiscalYear: number;
}

/** The printable A4 poster of one channel: its link and QR code; 404 for an unknown channel. */
export async function getPoster(
  db: Db,
  actor: SessionUser,
  roundId: string | undefined,
  key: string | undefined,
): Promise<PosterView> {
  assertCan(actor, "manageRounds");
  const round = await roundOf(db, actor, roundId);
  const channel = assertFound(key ? await findEitChannel(db, round.id, key) : undefined);
  const link = eitLink(config().PUBLIC_URL, round.slug, channel.key);
  return {
    agency: await agencyName(db, round.agency_id),
    channel: channel.name,
    link,
    address: typedAddress(link),
    closesOn: round.closes_on,
    qr: await qrSvg(link),
    roundId: round.id,
    fiscalYear: round.fiscal_year,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Paper and telephone entry, and the blank sheets to print

type Choice = { value: unknown; text: string };
export type BlankQuestion =
  | { kind: "matrix"; name: string; title: string; rows: Choice[]; columns: Choice[] }
  | { kind: "choice"; name: string; title: string; choices: Choice[] }
  | { kind: "comment"; name: string; title: string };

const textOf = (c: unknown): Choice =>
  typeof c === "object" && c
    ? { value: (c as Choice).value, text: String((c as Choice).text ?? (c as Choice).value) }
    : { value: c, text: String(c) };

/** The questions of a SurveyJS questionnaire, flattened in order, for a paper form (html blocks left out). */
export function questionsOf(json: Record<string, unknown>): BlankQuestion[] {
  const out: BlankQuestion[] = [];
  const walk = (elements: Record<string, unknown>[]) => {
    for (const e of elements) {
      const title = String(e.title ?? e.name);
      if (Array.isArray(e.elements)) walk(e.elements as Record<string, unknown>[]);
      else if (e.type === "matrix")
        out.push({
          kind: "matrix",
          name: String(e.name),
          title,
          rows: (e.rows as unknown[]).map(textOf),
          columns: (e.columns as unknown[]).map(textOf),
        });
      else if (e.type === "radiogroup" || e.type === "dropdown" || e.type === "boolean")
        out.push({
          kind: "choice",
          name: String(e.name),
          title,
          choices: ((e.choices as unknown[]) ?? []).map(textOf),
        });
      else if (e.type === "comment" || e.type === "text") out.push({ kind: "comment", name: String(e.name), title });
    }
  };
  for (const page of (json.pages as { elements?: Record<string, unknown>[] }[]) ?? []) walk(page.elements ?? []);
  return out;
}

export interface BlankQuestionnaireView {
  instrument: SurveyKind;
  title: string;
  agency: string;
  fiscalYear: number;
  questions: BlankQuestion[];
  roundId: string;
}

/** The round's questionnaire (Thai) as a blank A4 sheet for respondents who prefer paper; 404 for another kind. */
export async function getBlankQuestionnaire(
  db: Db,
  actor: SessionUser,
  roundId: string | undefined,
  instrument: string | undefined,
): Promise<BlankQuestionnaireView> {
  assertCan(actor, "paperEntry");
  const round = await roundOf(db, actor, roundId);
  if (!isSurveyKind(instrument)) throw notFound();
  const json = await questionnaireFor(db, round.framework, instrument, "th");
  return {
    instrument,
    title: String(json.title ?? ""),
    agency: await agencyName(db, round.agency_id),
    fiscalYear: round.fiscal_year,
    questions: questionsOf(json),
    roundId: round.id,
  };
}

export interface EntryPageView {
  round: { id: string; iitAccess: "pin" | "codes"; status: Round["status"] };
  instrument: SurveyKind | null;
  channel: EntryChannel;
  /** The questionnaire in the page's language once an instrument is chosen. */
  survey: Record<string, unknown> | null;
}

/** The paper and telephone entry page: the chosen questionnaire (none until one is chosen). */
export async function getEntryPage(
  db: Db,
  actor: SessionUser,
  roundId: string | undefined,
  input: { instrument: SurveyKind | null; channel: EntryChannel; lang: Lang },
): Promise<EntryPageView> {
  assertCan(actor, "paperEntry");
  const round = await roundOf(db, actor, roundId);
  return {
    round: { id: round.id, iitAccess: round.iit_access, status: round.status },
    instrument: input.instrument,
    channel: input.channel,
    survey: input.instrument ? await questionnaireFor(db, round.framework, input.instrument, input.lang) : null,
  };
}

/**
 * Stores one answer sheet keyed in by staff: the same validation and storage as POST /api/responses, but
 * exempt from the public rate limit. EIT sheets go under the channel `paper` or `phone` (made on first use);
 * an IIT sheet carries the round's PIN, or the one-time code written on it. `body` is the page's JSON
 * (`answers`, `submissionId`, `accessCode`); 400 when it is not an object or no instrument was chosen.
 */
export async function submitEntry(
  db: Db,
  actor: SessionUser,
  roundId: string | undefined,
  input: { instrument: SurveyKind | null; channel: EntryChannel; body: unknown },
): Promise<Reply> {
  assertCan(actor, "paperEntry");
  const round = await roundOf(db, actor, roundId);
  const { instrument, channel } = input;
  if (!instrument) throw httpError(400, "Choose IIT or EIT", "กรุณาเลือกแบบวัด IIT หรือ EIT");
  if (!input.body || typeof input.body !== "object")
    throw httpError(400, "The body is not valid JSON", "ข้อมูลที่ส่งไม่ใช่ JSON ที่ถูกต้อง");
  const body = input.body as { answers?: unknown; submissionId?: unknown; accessCode?: unknown; serial?: unknown };
  // An EIT sheet carries its paper serial number (IIT sheets never do: docs/anonymity.md).
  let entry: { serial: string; enteredBy: string } | undefined;
  if (instrument === "eit") {
    const serial = normaliseSerial(body.serial);
    if (!serial) return invalid([SERIAL_REQUIRED]);
    if (await isSerialTaken(db, round.id, serial)) return serialTakenReply(serial);
    entry = { serial, enteredBy: actor.id };
  }
  const payload: Record<string, unknown> = {
    round: round.slug,
    instrument,
    answers: body.answers,
    submissionId: body.submissionId,
  };
  if (instrument === "eit") {
    // A channel made on first use is part of keying in, not an administrator's change: not audited.
    if (!(await findEitChannel(db, round.id, channel)))
      await upsertEitChannel(db, { roundId: round.id, key: channel, name: CHANNELS[channel].th, kiosk: false });
    payload.channel = channel;
  } else if (round.iit_access === "codes") {
    payload.accessCode = body.accessCode;
  } else {
    payload.pin = round.pin ?? "";
  }
  // Sent through the public path as the JSON it would receive, with the same 64 KB limit.
  const json = JSON.stringify(payload);
  return submit(db, {
    contentType: "application/json",
    readBody: async () => (Buffer.byteLength(json) > MAX_BODY_BYTES ? null : json),
    clientAddress: "",
    exempt: true,
    entry,
  });
}
