import crypto from "node:crypto";
import { z } from "zod";
import type { Db } from "../../../db/client";
import { GroupCommit } from "../../../db/group-commit";
import { findEitChannel, hashCode } from "../../../db/repositories/round-access";
import { storeSubmissions, type StoreOutcome, type Submission } from "../../../db/repositories/responses";
import { findRoundBySlug, type Round } from "../../../db/repositories/rounds";
import { truncateWalSoon } from "../../../db/wal-window";
import { tallyAnswers, validateAnswers, type Answers, type Framework } from "../../ita/index";
import type { FieldError } from "../../lib/forms";
import { instrumentOf, SURVEY_KINDS } from "../../lib/instruments";
import { BODY_LIMITS, readLimitedBytes } from "../../server/body-limit.server";
import { config } from "../../server/config.server";
import { RateLimiter } from "../../server/rate-limit.server";
import { frameworkFor } from "../frameworks/frameworks.server";

/** The public API's body limit (app/server/body-limit.server.ts). */
export const MAX_BODY_BYTES = BODY_LIMITS.api;

const bodySchema = z.strictObject({
  round: z.string().min(1).max(100),
  instrument: z.enum(SURVEY_KINDS),
  answers: z.record(z.string(), z.unknown()),
  submissionId: z.uuid(),
  channel: z.string().min(1).max(64).optional(),
  pin: z.string().max(64).optional(),
  accessCode: z.string().max(64).optional(),
});

/** An answer to send: the same for the React Router action and the lean Node handler. */
export type Reply = { status: number; body: unknown; headers: Record<string, string> };

/** What the submission path needs from a request, whichever server layer received it. */
export type SubmissionInput = {
  contentType: string;
  /** The body as text, or null when it is over MAX_BODY_BYTES. */
  readBody: () => Promise<string | null>;
  clientAddress: string;
  /** Signed-in staff keying in paper forms: exempt from the per-address limit. */
  exempt: boolean;
  /** An EIT sheet keyed in by staff: its paper serial and who keys it (stored with the response; never for IIT). */
  entry?: { serial: string; enteredBy: string };
};

export const JSON_HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  body,
  headers: { ...JSON_HEADERS, ...headers },
});
const refuse = (status: number, error: string, errorTh: string, headers?: Record<string, string>) =>
  json(status, { error, errorTh }, headers);
export const invalid = (errors: FieldError[]) => json(422, { errors });

let limiter: RateLimiter | undefined;
// One group-commit queue per database (the app has one; the services tests open two in one process).
const queues = new WeakMap<Db, GroupCommit<Submission, StoreOutcome>>();

function submissionQueue(db: Db): GroupCommit<Submission, StoreOutcome> {
  let commit = queues.get(db);
  if (!commit) {
    commit = new GroupCommit(async (items) => {
      const outcomes = await storeSubmissions(db, items);
      // SQLite: the WAL frames of this batch pair codes with sheets until a checkpoint truncates them.
      if (outcomes.some((o, i) => o.status === "created" && items[i]!.instrument === "iit")) truncateWalSoon(db);
      return outcomes;
    });
    queues.set(db, commit);
  }
  return commit;
}

/** A reply as a web Response (for the React Router actions). */
export function replyResponse(reply: Reply): Response {
  return new Response(JSON.stringify(reply.body), { status: reply.status, headers: reply.headers });
}

/** POST /api/responses from a web Request (the React Router action); the public path, rate-limited. */
export async function handleSubmission(db: Db, request: Request, clientAddress: string): Promise<Response> {
  const reply = await submit(db, {
    contentType: request.headers.get("content-type") ?? "",
    readBody: () => readLimited(request),
    clientAddress,
    exempt: false,
  });
  return replyResponse(reply);
}

/**
 * Counts one attempt against the per-address limit that submissions and access checks share
 * (guessing a PIN or a code through either stays limited); false once the address used it up.
 * Addresses are counted by addressKey(): an IPv6 client by its /64.
 */
export function takeAttempt(clientAddress: string): Promise<boolean> {
  limiter ??= new RateLimiter(config().SUBMIT_RATE_LIMIT, 600, "submit");
  return limiter.take(clientAddress || "unknown");
}

export function tooManyAttempts(error: string, errorTh: string): Reply {
  return refuse(429, error, errorTh, { "Retry-After": String(limiter?.retryAfterSeconds ?? 600) });
}

/** The body of a JSON request as a value, or the refusal (415, 400, 413) to send. */
export async function readJsonBody(
  input: Pick<SubmissionInput, "contentType" | "readBody">,
): Promise<{ value: unknown } | { reply: Reply }> {
  if (!/^application\/json\s*(;|$)/i.test(input.contentType))
    return { reply: refuse(415, "Send the response as application/json", "ต้องส่งข้อมูลในรูปแบบ JSON") };
  let text: string | null;
  try {
    text = await input.readBody();
  } catch (error) {
    if (error instanceof NotUtf8Error)
      return { reply: refuse(400, "The body is not valid UTF-8 text", "ข้อมูลที่ส่งมีอักขระที่อ่านไม่ได้ (ไม่ใช่ UTF-8)") };
    throw error;
  }
  if (text === null)
    return {
      reply: refuse(413, "The response is larger than 64 KB", "ข้อมูลที่ส่งมีขนาดเกิน 64 KB", { Connection: "close" }),
    };
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { reply: refuse(400, "The body is not valid JSON", "ข้อมูลที่ส่งไม่ใช่ JSON ที่ถูกต้อง") };
  }
}

/** The round that takes answers today, or the refusal: 404 unknown or draft, 409 closed or not open yet. */
export async function findOpenRound(db: Db, slug: string): Promise<{ round: Round; today: string } | { reply: Reply }> {
  const round = await cachedRound(db, slug);
  if (!round || round.status === "draft")
    return { reply: refuse(404, "No such questionnaire round", "ไม่พบรอบการประเมินนี้ หรือยังไม่เปิดให้ตอบ") };
  const today = todayIn(config().TZ);
  if (round.status === "closed" || (round.closes_on && today > round.closes_on.slice(0, 10)))
    return { reply: refuse(409, "This round is closed", "การประเมินรอบนี้ปิดรับคำตอบแล้ว") };
  if (round.opens_on && today < round.opens_on.slice(0, 10))
    return { reply: refuse(409, "This round is not open yet", "การประเมินรอบนี้ยังไม่เปิดรับคำตอบ") };
  return { round, today };
}

/** 409 for a one-time code already spent; `reason` lets the page offer to enter another code. */
export const codeUsedReply = (): Reply =>
  json(409, { error: "This access code has already been used", errorTh: "รหัสเข้าตอบนี้ถูกใช้ไปแล้ว", reason: "code-used" });
/** 409 for an IIT answer to a round whose IIT was sealed at close (also when the round was re-opened). */
export const iitSealedReply = (): Reply =>
  json(409, {
    error: "The staff questionnaire (IIT) of this round was closed and sealed; it takes no more answers",
    errorTh: "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT) ของรอบนี้ปิดและผนึกข้อมูลแล้ว จึงไม่รับคำตอบเพิ่ม",
    reason: "iit-sealed",
  });
/** 409 for an IIT answer to a round whose IIT was released at its close (re-opening re-opens the EIT only). */
export const iitReleasedReply = (): Reply =>
  json(409, {
    error: "The IIT of this round was released when the round closed; it takes no more IIT answers",
    errorTh: "ผลแบบวัด IIT ของรอบนี้ประกาศแล้วเมื่อปิดรอบ จึงไม่รับคำตอบ IIT เพิ่ม (การเปิดรอบอีกครั้งเปิดรับเฉพาะแบบวัด EIT)",
    reason: "iit-released",
  });
/** 409 for a keyed-in EIT sheet whose paper serial the round already holds. */
export const serialTakenReply = (serial: string): Reply =>
  json(409, {
    error: `Serial number ${serial} was already keyed in for this round; nothing was stored`,
    errorTh: `เลขที่แบบสอบถาม ${serial} บันทึกไว้แล้วในรอบนี้ ระบบไม่ได้บันทึกแบบสอบถามชุดนี้ซ้ำ กรุณาตรวจเลขที่บนกระดาษอีกครั้ง`,
    reason: "serial-taken",
  });
export const codeUnknownReply = (): Reply => refuse(403, "Unknown access code", "รหัสเข้าตอบไม่ถูกต้อง");

/** POST /api/responses: checks, validates and stores one questionnaire response (issue 4). */
export async function submit(db: Db, input: SubmissionInput): Promise<Reply> {
  if (!input.exempt && !(await takeAttempt(input.clientAddress)))
    return tooManyAttempts(
      "Too many submissions from this address; try again later",
      "ส่งแบบสอบถามถี่เกินไป กรุณารอสักครู่แล้วลองใหม่",
    );

  const read = await readJsonBody(input);
  if ("reply" in read) return read.reply;
  const parsed = bodySchema.safeParse(read.value);
  if (!parsed.success) return invalid(shapeErrors(parsed.error));
  const body = parsed.data;

  const open = await findOpenRound(db, body.round);
  if ("reply" in open) return open.reply;
  const { round, today } = open;

  let framework: Framework;
  try {
    framework = await frameworkFor(db, round.framework);
  } catch {
    return refuse(500, "The round's questionnaire is unavailable", "ไม่พบแบบสอบถามของรอบนี้ กรุณาแจ้งเจ้าหน้าที่");
  }

  const submission: Submission = {
    roundId: round.id,
    framework: round.framework,
    instrument: body.instrument,
    submissionId: body.submissionId,
    answers: body.answers,
    tallies: [],
  };
  if (body.instrument === "iit") {
    if (body.channel !== undefined)
      return invalid([
        { field: "channel", message: "IIT responses take no channel", messageTh: "แบบวัด IIT ไม่ระบุช่องทาง" },
      ]);
    const access = checkIitAccess(round, body.pin, body.accessCode);
    if (access) return access;
    if (round.iit_access === "codes") submission.codeHash = hashCode(body.accessCode!);
    submission.iitAccess = input.exempt ? "staff" : round.iit_access === "codes" ? "code" : "pin";
  } else {
    if (body.channel !== undefined && !(await channelExists(db, round.id, body.channel)))
      return invalid([
        { field: "channel", message: "Unknown channel for this round", messageTh: "ไม่พบช่องทางนี้ในรอบการประเมิน" },
      ]);
    submission.channel = body.channel ?? null;
    submission.respondentType = String(body.answers.respondent_type ?? "");
    submission.day = today;
    if (input.entry) submission.entry = { ...input.entry, enteredAt: new Date().toISOString() };
  }

  const instrument = instrumentOf(body.instrument);
  const answerErrors = validateAnswers(framework, instrument, body.answers);
  if (answerErrors.length)
    return invalid(
      answerErrors.map((e) => ({
        field: `answers.${e.field}`.replace(/\.$/, ""),
        message: e.messageEn,
        messageTh: e.messageTh,
      })),
    );
  submission.tallies = tallyAnswers(framework, instrument, [body.answers as Answers]).rows.map(
    ({ item, sub, level }) => ({ item, sub, level }),
  );

  const outcome = await submissionQueue(db).submit(submission);
  switch (outcome.status) {
    case "created":
      return json(201, { id: outcome.id });
    case "duplicate":
      return json(200, { id: outcome.id });
    case "code-unknown":
      return codeUnknownReply();
    case "code-used":
      return codeUsedReply();
    case "iit-sealed":
      return iitSealedReply();
    case "iit-released":
      return iitReleasedReply();
    case "serial-taken":
      return serialTakenReply(submission.entry?.serial ?? "");
  }
}

// Round and channel lookups are cached for one second: a round closed, a PIN changed or a
// channel added takes effect within a second, and a burst of answers costs one query, not one each.
const LOOKUP_TTL_MS = 1000;
const rounds = new Map<string, { at: number; round: Round | undefined }>();
const channels = new Map<string, { at: number; exists: boolean }>();

async function cachedRound(db: Db, slug: string): Promise<Round | undefined> {
  const now = Date.now();
  const hit = rounds.get(slug);
  if (hit && now - hit.at < LOOKUP_TTL_MS) return hit.round;
  const round = await findRoundBySlug(db, slug);
  if (rounds.size > 10_000) rounds.clear();
  rounds.set(slug, { at: now, round });
  return round;
}

async function channelExists(db: Db, roundId: string, key: string): Promise<boolean> {
  const now = Date.now();
  const id = `${roundId}\0${key}`;
  const hit = channels.get(id);
  if (hit && now - hit.at < LOOKUP_TTL_MS) return hit.exists;
  const exists = !!(await findEitChannel(db, roundId, key));
  if (channels.size > 10_000) channels.clear();
  channels.set(id, { at: now, exists });
  return exists;
}

/** The IIT access a round asks for: its PIN (403 when wrong), or a one-time code (checked when stored). */
export function checkIitAccess(round: Round, pin: string | undefined, code: string | undefined): Reply | null {
  if (round.iit_access === "codes") {
    if (!code) return refuse(403, "An access code is required", "กรุณากรอกรหัสเข้าตอบ");
    return null;
  }
  if (!round.pin || !pin || !sameText(pin.trim(), round.pin))
    return refuse(403, "Wrong PIN for this round", "รหัส PIN ของรอบการประเมินไม่ถูกต้อง");
  return null;
}

function sameText(a: string, b: string): boolean {
  const x = crypto.createHash("sha256").update(a).digest();
  const y = crypto.createHash("sha256").update(b).digest();
  return crypto.timingSafeEqual(x, y);
}

/** The body as text, or null once it passes MAX_BODY_BYTES (by Content-Length or by bytes read). */
export async function readLimited(request: Request): Promise<string | null> {
  const bytes = await readLimitedBytes(request, MAX_BODY_BYTES);
  return bytes && decodeUtf8(bytes);
}

/** Thrown by a body reader when the bytes are not UTF-8: refused with 400, never stored with U+FFFD in place. */
export class NotUtf8Error extends Error {}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new NotUtf8Error("The body is not UTF-8");
  }
}

export function shapeErrors(error: z.ZodError): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys)
        out.push({ field: key, message: `unknown field ${key}`, messageTh: `ไม่รู้จักข้อมูล ${key}` });
      continue;
    }
    const field = issue.path.join(".");
    out.push({ field, message: `${field}: ${issue.message}`, messageTh: `ข้อมูล ${field} ไม่ถูกต้องหรือไม่ครบ` });
  }
  return out;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
let todayCache: { zone: string; second: number; day: string } | undefined;

/** A date as YYYY-MM-DD in the agency's time zone (formatters are costly to build: kept per zone). */
export function dayIn(timeZone: string, date = new Date()): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormats.set(timeZone, format);
  }
  return format.format(date);
}

/** Today in the agency's time zone, worked out at most once a second. */
function todayIn(timeZone: string): string {
  const second = Math.floor(Date.now() / 1000);
  if (todayCache?.zone !== timeZone || todayCache.second !== second)
    todayCache = { zone: timeZone, second, day: dayIn(timeZone) };
  return todayCache.day;
}
