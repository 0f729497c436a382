import type { Db, Tx } from "../../../db/client";
import {
  deleteEitResponse,
  findKeyedEntry,
  isSerialKeyed,
  lockEitResponse,
  listKeyedEntries as listRows,
  moveEitTallies,
  updateEitAnswers,
  type KeyedEntryRow,
} from "../../../db/repositories/keyed-entries";
import type { TallyPoint } from "../../../db/repositories/responses";
import { findRoundById, type Round } from "../../../db/repositories/rounds";
import { tallyAnswers, validateAnswers, type Answers } from "../../ita/index";
import type { FieldError } from "../../lib/forms";
import type { Lang } from "../../lib/i18n";
import { audit } from "../../server/audit.server";
import { assertCan, requireAgencyAccess, type SessionUser } from "../../server/auth.server";
import { assertFound, httpError, notFound } from "../../server/http.server";
import { ensureFrameworks, loadFramework, questionnaireFor } from "../frameworks/frameworks.server";

// EIT sheets keyed in by staff (issue 16): each with its paper serial, who keyed it and when; found, corrected
// and voided here. A clerk sees and changes only the sheets they keyed; an agency administrator (or a
// super-administrator acting for the agency) all of the round's. IIT sheets are never keyed with a serial, so
// they are never listed or correctable (docs/anonymity.md). A correction or a void moves the round's EIT tallies
// and response counts in the same transaction as the change and its audit entry; a voided sheet is deleted
// (the audit entry keeps its serial), so it counts nowhere, `ita recount` included.

/** The longest paper serial number taken. */
export const MAX_SERIAL = 40;

export const SERIAL_REQUIRED: FieldError = {
  field: "serial",
  message: `Enter the sheet's serial number (up to ${MAX_SERIAL} characters)`,
  messageTh: `กรุณากรอกเลขที่แบบสอบถาม (ไม่เกิน ${MAX_SERIAL} ตัวอักษร) ตามที่เขียนไว้บนกระดาษ`,
};

/** A serial as stored: trimmed, inner spaces collapsed; null when empty or too long. */
export function normaliseSerial(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const serial = value.trim().replace(/\s+/g, " ");
  return serial && serial.length <= MAX_SERIAL ? serial : null;
}

export function isSerialTaken(db: Db, roundId: string, serial: string): Promise<boolean> {
  return isSerialKeyed(db, roundId, serial);
}

async function roundOf(db: Db, actor: SessionUser, roundId: string | undefined): Promise<Round> {
  assertCan(actor, "paperEntry");
  const round = assertFound(roundId ? await findRoundById(db, roundId) : undefined);
  requireAgencyAccess(actor, round.agency_id);
  return round;
}

/** A clerk reaches the sheets they keyed; anyone else with paperEntry reaches all. */
const ownOnly = (actor: SessionUser) => (actor.role === "clerk" ? actor.id : null);

export interface KeyedEntryView {
  id: string;
  serial: string;
  channel: string | null;
  enteredBy: string;
  enteredAt: string;
}

function view(row: KeyedEntryRow): KeyedEntryView {
  return {
    id: row.id,
    serial: row.serial,
    channel: row.channel,
    enteredBy: row.entered_by_name || row.entered_by_email || "",
    enteredAt: row.entered_at,
  };
}

export interface KeyedEntriesView {
  round: { id: string; status: string; fiscalYear: number; editable: boolean };
  /** "own": a clerk's own sheets; "all": every keyed-in sheet of the round. */
  scope: "own" | "all";
  entries: KeyedEntryView[];
}

export async function listKeyedEntries(
  db: Db,
  actor: SessionUser,
  roundId: string | undefined,
): Promise<KeyedEntriesView> {
  const round = await roundOf(db, actor, roundId);
  const own = ownOnly(actor);
  const rows = await listRows(db, round.id, own);
  return {
    round: { id: round.id, status: round.status, fiscalYear: round.fiscal_year, editable: round.status !== "closed" },
    scope: own ? "own" : "all",
    entries: rows.map(view),
  };
}

async function entryOf(db: Db, actor: SessionUser, round: Round, entryId: string | undefined) {
  const entry = assertFound(entryId ? await findKeyedEntry(db, round.id, entryId) : undefined);
  const own = ownOnly(actor);
  if (own && entry.entered_by !== own) throw notFound();
  return entry;
}

function assertEditable(round: Round) {
  if (round.status === "closed")
    throw httpError(
      409,
      "The round is closed: its keyed-in sheets can no longer be corrected or voided",
      "รอบการประเมินนี้ปิดแล้ว จึงแก้ไขหรือยกเลิกแบบสอบถามที่บันทึกไว้ไม่ได้",
    );
}

export interface KeyedEntryPage {
  round: { id: string; editable: boolean };
  entry: KeyedEntryView;
  survey: Record<string, unknown>;
  answers: Record<string, unknown>;
}

/** One keyed-in sheet with its questionnaire and answers, for correcting it. */
export async function getKeyedEntry(
  db: Db,
  actor: SessionUser,
  roundId: string | undefined,
  entryId: string | undefined,
  lang: Lang,
): Promise<KeyedEntryPage> {
  const round = await roundOf(db, actor, roundId);
  const entry = await entryOf(db, actor, round, entryId);
  return {
    round: { id: round.id, editable: round.status !== "closed" },
    entry: view(entry),
    survey: await questionnaireFor(db, round.framework, "eit", lang),
    answers: JSON.parse(entry.answers) as Record<string, unknown>,
  };
}

function pointsOf(framework: string, answers: unknown): TallyPoint[] {
  return tallyAnswers(loadFramework(framework), "EIT", [answers as Answers]).rows.map(({ item, sub, level }) => ({
    item,
    sub,
    level,
  }));
}

/** The sheet's tally points as stored now, read under its row lock (a concurrent change waits or went first). */
async function pointsNow(tx: Tx, roundId: string, id: string): Promise<TallyPoint[]> {
  await lockEitResponse(tx, id);
  const current = assertFound(await findKeyedEntry(tx, roundId, id));
  await ensureFrameworks(tx, [current.framework]);
  return pointsOf(current.framework, JSON.parse(current.answers));
}

/**
 * Replaces a keyed-in sheet's answers: validated as a new sheet would be (refused with field errors, nothing
 * written); the old answers' tally points are taken off and the new ones added, with the `entry.correct`
 * audit entry (serial only, never answers), in one transaction.
 */
export async function correctKeyedEntry(
  db: Db,
  actor: SessionUser,
  roundId: string | undefined,
  entryId: string | undefined,
  input: { answers: unknown },
): Promise<{ ok: true } | { ok: false; errors: FieldError[] }> {
  const round = await roundOf(db, actor, roundId);
  const entry = await entryOf(db, actor, round, entryId);
  assertEditable(round);
  await ensureFrameworks(db, [entry.framework]);
  const framework = loadFramework(entry.framework);
  const errors = validateAnswers(framework, "EIT", input.answers);
  if (errors.length)
    return {
      ok: false,
      errors: errors.map((e) => ({
        field: `answers.${e.field}`.replace(/\.$/, ""),
        message: e.messageEn,
        messageTh: e.messageTh,
      })),
    };
  const answers = input.answers as Record<string, unknown>;
  const after = pointsOf(entry.framework, answers);
  await db.transaction().execute(async (tx) => {
    const before = await pointsNow(tx, round.id, entry.id);
    await moveEitTallies(tx, round.id, entry.channel, before, -1);
    await moveEitTallies(tx, round.id, entry.channel, after, 1);
    await updateEitAnswers(tx, entry.id, answers, String(answers.respondent_type ?? ""));
    await audit(tx, {
      user: actor,
      agencyId: round.agency_id,
      action: "entry.correct",
      entity: "round",
      entityId: round.id,
      detail: { serial: entry.serial, channel: entry.channel },
    });
  });
  return { ok: true };
}

/**
 * Voids a keyed-in sheet: deletes the response, takes its tally points and its count off the round, and
 * records `entry.void` with the serial, in one transaction. The serial can then be keyed in again.
 */
export async function voidKeyedEntry(
  db: Db,
  actor: SessionUser,
  roundId: string | undefined,
  entryId: string | undefined,
): Promise<{ ok: true; serial: string }> {
  const round = await roundOf(db, actor, roundId);
  const entry = await entryOf(db, actor, round, entryId);
  assertEditable(round);
  await db.transaction().execute(async (tx) => {
    const before = await pointsNow(tx, round.id, entry.id);
    await moveEitTallies(tx, round.id, entry.channel, before, -1);
    await deleteEitResponse(tx, round.id, entry.id, entry.channel);
    await audit(tx, {
      user: actor,
      agencyId: round.agency_id,
      action: "entry.void",
      entity: "round",
      entityId: round.id,
      detail: {
        serial: entry.serial,
        channel: entry.channel,
        enteredBy: entry.entered_by,
        enteredAt: entry.entered_at,
      },
    });
  });
  return { ok: true, serial: entry.serial };
}
