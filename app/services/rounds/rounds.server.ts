import type { Db } from "../../../db/client";
import { findAgency, listAgencies } from "../../../db/repositories/agencies";
import { findIitDecision, findIitReleaseHead, releaseIit } from "../../../db/repositories/iit-release";
import {
  deleteRound as deleteRoundRow,
  findRoundById,
  insertRound,
  listOpenRounds,
  listRoundsWithAgency,
  updateRound,
  type Round,
} from "../../../db/repositories/rounds";
import type { FieldError, Saved } from "../../lib/forms";
import { can } from "../../lib/roles";
import type { FrameworkOption } from "../../lib/frameworks";
import { numberUntitled, type RoundSettingsValues, type RoundStatus } from "../../lib/rounds";
import { audit } from "../../server/audit.server";
import { agencyScope, assertCan, requireAgencyAccess, type SessionUser } from "../../server/auth.server";
import { config } from "../../server/config.server";
import { assertFound } from "../../server/http.server";
import { newId, newSlug, nowIso } from "../../server/ids.server";
import {
  allowedStatusChange,
  availableFrameworks,
  newRoundDefaults,
  sampleDefaults,
  parseRoundSettings,
  SETTINGS_FIELDS,
  settingsView,
} from "./round-settings.server";
import { sealRound, sealStateOf, type SealReport, type SealState } from "./seal.server";

// Rounds: the list, the round's page, creating a round, editing its settings (status included) and deleting
// a closed round. Every write commits together with its audit entry. A round of another agency does not
// exist for the actor (404).

export interface RoundListItem {
  id: string;
  slug: string;
  title: string | null;
  fiscalYear: number;
  status: RoundStatus;
  framework: string;
  agencyName: string;
  /** Tells apart untitled rounds of one agency and year ("รอบที่ 2"); null when not needed. */
  nth: number | null;
}

export interface RoundView extends RoundSettingsValues {
  id: string;
  slug: string;
  agencyId: string;
}

/** What closing a round did to its IIT storage (docs/anonymity.md): the seal's report, or why it failed. */
export type SealOutcome = { ok: true; report: SealReport } | { ok: false; problem: string };

/** The round, if the actor may see it: 404 when it is unknown or another agency's. */
export async function roundOfActor(db: Db, actor: SessionUser, roundId: string): Promise<Round> {
  const round = assertFound(await findRoundById(db, roundId));
  requireAgencyAccess(actor, round.agency_id);
  return round;
}

function roundView(round: Round): RoundView {
  return { id: round.id, slug: round.slug, agencyId: round.agency_id, ...settingsView(round) };
}

/** The rounds of the actor's agency (a super-administrator: of the acting agency, else of every agency). */
export async function listRounds(db: Db, actor: SessionUser): Promise<RoundListItem[]> {
  assertCan(actor, "any");
  const rounds = await listRoundsWithAgency(db, agencyScope(actor));
  const numbered = numberUntitled(
    [...rounds]
      .sort((a, b) => a.created_at.localeCompare(b.created_at))
      .map((r) => ({ id: r.id, agencyId: r.agency_id, fiscalYear: r.fiscal_year, title: r.title })),
  );
  const nthOf = new Map(numbered.map((r) => [r.id, r.nth]));
  return rounds.map((r) => ({
    nth: nthOf.get(r.id) ?? null,
    id: r.id,
    slug: r.slug,
    title: r.title,
    fiscalYear: r.fiscal_year,
    status: r.status,
    framework: r.framework,
    agencyName: r.agency_name_th,
  }));
}

/** The round's page: its facts and its agency's name; the PIN only for those who manage rounds. */
export async function getRound(
  db: Db,
  actor: SessionUser,
  roundId: string,
): Promise<{ round: RoundView; agencyName: string; iitSeal: SealState }> {
  assertCan(actor, "any");
  const round = await roundOfActor(db, actor, roundId);
  const agency = await findAgency(db, round.agency_id);
  const view = roundView(round);
  return {
    round: { ...view, pin: can(actor, "manageRounds") ? view.pin : null },
    agencyName: agency?.name_th ?? "",
    iitSeal: await sealStateOf(db, round.id),
  };
}

/** The new-round form: defaults from the framework for the agency, and the agencies a super-administrator may choose. */
export async function newRoundForm(
  db: Db,
  actor: SessionUser,
): Promise<{
  values: RoundSettingsValues;
  frameworks: FrameworkOption[];
  agencies?: { id: string; nameTh: string }[];
  /** The minimum samples each framework sets for this agency (the form follows the framework chosen); none while
   * a super-administrator still chooses the agency. */
  samples?: Record<string, { iit: number; eit: number }>;
}> {
  assertCan(actor, "manageRounds");
  // The user's agency; a super-administrator's acting agency, or a choice of all agencies when there is none.
  const scope = agencyScope(actor);
  const own = scope ? await findAgency(db, scope) : undefined;
  const agencies = actor.role === "super" ? (own ? [own] : await listAgencies(db)) : undefined;
  const frameworks = await availableFrameworks(db);
  return {
    values: settingsView(
      newRoundDefaults(
        own ?? agencies?.[0],
        frameworks.map((f) => f.id),
      ),
    ),
    frameworks,
    agencies: agencies?.map((a) => ({ id: a.id, nameTh: a.name_th })),
    samples: own ? Object.fromEntries(frameworks.map((f) => [f.id, sampleDefaults(f.id, own)])) : undefined,
  };
}

const OTHER_AGENCY: FieldError = {
  field: "agency_id",
  message: "You are working in another agency: create the round there, or stop working in it first.",
  messageTh: "ท่านกำลังทำงานในนามหน่วยงานอื่นอยู่ สร้างรอบได้เฉพาะของหน่วยงานนั้น หรือเลิกทำงานในนามหน่วยงานนั้นก่อน",
};
const CHOOSE_AGENCY: FieldError = { field: "agency_id", message: "Choose an agency.", messageTh: "โปรดเลือกหน่วยงาน" };

/**
 * Creates a round in the actor's agency. A super-administrator names the agency (`agency_id`) unless working
 * in one, in which case the round goes there and a form naming another agency is refused.
 */
export async function createRound(
  db: Db,
  actor: SessionUser,
  input: Record<string, unknown>,
): Promise<Saved<{ id: string }>> {
  assertCan(actor, "manageRounds");
  const scope = agencyScope(actor);
  const chosen = actor.role === "super" && typeof input.agency_id === "string" ? input.agency_id : "";
  if (actor.role === "super" && scope && chosen && chosen !== scope) return { ok: false, errors: [OTHER_AGENCY] };
  const agencyId = scope ?? chosen;
  const agency = agencyId ? await findAgency(db, agencyId) : undefined;
  if (!agency) return { ok: false, errors: [CHOOSE_AGENCY] };
  requireAgencyAccess(actor, agency.id);
  const parsed = parseRoundSettings(
    input,
    (await availableFrameworks(db)).map((f) => f.id),
  );
  if (!parsed.ok) return parsed;
  const settings = parsed.value;
  const id = newId();
  const slug = newSlug();
  const now = nowIso();
  await db.transaction().execute(async (tx) => {
    await insertRound(tx, { id, agency_id: agency.id, slug, ...settings, created_at: now, updated_at: now });
    await audit(tx, {
      user: actor,
      agencyId: agency.id,
      action: "round.create",
      entity: "round",
      entityId: id,
      detail: { slug, fiscal_year: settings.fiscal_year, framework: settings.framework, status: settings.status },
    });
  });
  return { ok: true, id };
}

/** The round's IIT release (when and from how many responses), or null when its IIT was not released. */
export type RoundIitRelease = { releasedAt: string; count: number } | null;

/** The settings form of a round, with its IIT release (a re-opened round after a release takes EIT only). */
export async function getRoundSettings(
  db: Db,
  actor: SessionUser,
  roundId: string,
): Promise<{
  round: { id: string; slug: string };
  values: RoundSettingsValues;
  frameworks: FrameworkOption[];
  iitRelease: RoundIitRelease;
  /** The round's first close withheld its IIT for good (too few answers). */
  iitWithheld: boolean;
  iitMinGroup: number;
}> {
  assertCan(actor, "manageRounds");
  const round = await roundOfActor(db, actor, roundId);
  return {
    round: { id: round.id, slug: round.slug },
    values: settingsView(round),
    frameworks: await availableFrameworks(db),
    iitRelease: (await findIitReleaseHead(db, round.id)) ?? null,
    iitWithheld: (await findIitDecision(db, round.id))?.released === false,
    iitMinGroup: config().IIT_MIN_GROUP,
  };
}

const NO_DRAFT_AGAIN: FieldError = {
  field: "status",
  message: "A round cannot go back to draft.",
  messageTh: "รอบที่เปิดแล้วกลับไปเป็นร่างไม่ได้",
};

/**
 * Saves a round's settings, its status included (a round does not go back to draft). The audit entry names
 * each changed field with its old and new value (the PIN only as changed); nothing changed, nothing written.
 * Closing the round decides its IIT release in the same transaction (docs/anonymity.md, "Release once"):
 * released once when at least IIT_MIN_GROUP IIT responses arrived, withheld otherwise; a second audit entry
 * ("round.iit-release") records which.
 * Saved as closed, the round's IIT storage is sealed after the save commits (`seal`), also when an earlier
 * seal did not finish: the close itself stands whatever the seal does, and a seal that failed says why.
 */
export async function updateRoundSettings(
  db: Db,
  actor: SessionUser,
  roundId: string,
  input: Record<string, unknown>,
): Promise<Saved<{ changed: string[]; seal?: SealOutcome }>> {
  const saved = await saveRoundSettings(db, actor, roundId, input);
  if (!saved.ok || saved.status !== "closed" || (await sealStateOf(db, roundId)) === "sealed")
    return saved.ok ? { ok: true, changed: saved.changed } : saved;
  return { ok: true, changed: saved.changed, seal: await sealAfterClose(db, actor, roundId) };
}

/** Seals a round just closed; a failure is logged and returned, never thrown (the close has committed). */
async function sealAfterClose(db: Db, actor: SessionUser, roundId: string): Promise<SealOutcome> {
  try {
    const sealed = await sealRound(db, actor, roundId);
    if (!sealed.ok) return { ok: false, problem: sealed.errors.map((e) => e.message).join(" ") };
    if (sealed.report.problem) console.error(`seal of round ${roundId} did not finish: ${sealed.report.problem}`);
    return { ok: true, report: sealed.report };
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error);
    console.error(`seal of round ${roundId} failed: ${problem}`);
    return { ok: false, problem };
  }
}

async function saveRoundSettings(
  db: Db,
  actor: SessionUser,
  roundId: string,
  input: Record<string, unknown>,
): Promise<Saved<{ changed: string[]; status: RoundStatus }>> {
  assertCan(actor, "manageRounds");
  const round = await roundOfActor(db, actor, roundId);
  const parsed = parseRoundSettings(
    input,
    (await availableFrameworks(db)).map((f) => f.id),
  );
  if (!parsed.ok) return parsed;
  const settings = parsed.value;
  if (!allowedStatusChange(round.status, settings.status)) return { ok: false, errors: [NO_DRAFT_AGAIN] };
  const changed = SETTINGS_FIELDS.filter((k) => settings[k] !== round[k]);
  if (!changed.length) return { ok: true, changed, status: settings.status };
  const detail = Object.fromEntries(
    changed.map((k) => [k, k === "pin" ? "(changed)" : { from: round[k], to: settings[k] }]),
  );
  const closing = round.status !== "closed" && settings.status === "closed";
  await db.transaction().execute(async (tx) => {
    // The status changes first: on PostgreSQL this row lock makes a close wait for (and include) IIT answers
    // being stored, which hold the row FOR SHARE (db/repositories/responses.ts).
    await updateRound(tx, round.id, { ...settings, updated_at: nowIso() });
    await audit(tx, {
      user: actor,
      agencyId: round.agency_id,
      action: "round.update",
      entity: "round",
      entityId: round.id,
      detail,
    });
    if (closing) {
      const minGroup = config().IIT_MIN_GROUP;
      const release = await releaseIit(tx, round.id, minGroup, nowIso());
      if (release.status !== "already")
        await audit(tx, {
          user: actor,
          agencyId: round.agency_id,
          action: "round.iit-release",
          entity: "round",
          entityId: round.id,
          detail: { result: release.status, count: release.count, minGroup },
        });
    }
  });
  return { ok: true, changed, status: settings.status };
}

/** The Thai words an officer may type instead of the round's slug to confirm a deletion. */
export const CONFIRM_DELETE_WORDS = "ยืนยันการลบ";

/** The delete page of a round. */
export async function getRoundForDelete(
  db: Db,
  actor: SessionUser,
  roundId: string,
): Promise<{ id: string; slug: string; fiscalYear: number; closed: boolean }> {
  assertCan(actor, "manageRounds");
  const round = await roundOfActor(db, actor, roundId);
  return { id: round.id, slug: round.slug, fiscalYear: round.fiscal_year, closed: round.status === "closed" };
}

/**
 * Data retention: a closed round is deleted with everything that references it (cascade), and logged. The
 * officer confirms by typing the round's slug or the confirmation words. A round that is not closed is a
 * conflict (`notClosed`), not a form to correct.
 */
export async function deleteRound(
  db: Db,
  actor: SessionUser,
  roundId: string,
  input: Record<string, unknown>,
): Promise<{ ok: true } | { ok: false; notClosed?: true; errors: FieldError[] }> {
  assertCan(actor, "manageRounds");
  const round = await roundOfActor(db, actor, roundId);
  if (round.status !== "closed") {
    const message = "Only a closed round can be deleted.";
    return { ok: false, notClosed: true, errors: [{ field: "status", message, messageTh: "ลบได้เฉพาะรอบที่ปิดแล้ว" }] };
  }
  const typed = typeof input.confirm === "string" ? input.confirm.trim() : "";
  if (typed !== round.slug && typed !== CONFIRM_DELETE_WORDS) {
    return {
      ok: false,
      errors: [
        {
          field: "confirm",
          message: "Type the round's code or the confirmation words.",
          messageTh: `โปรดพิมพ์รหัสรอบ หรือคำว่า “${CONFIRM_DELETE_WORDS}” ให้ถูกต้อง`,
        },
      ],
    };
  }
  await db.transaction().execute(async (tx) => {
    await deleteRoundRow(tx, round.id);
    await audit(tx, {
      user: actor,
      agencyId: round.agency_id,
      action: "round.delete",
      entity: "round",
      entityId: round.id,
      detail: { slug: round.slug, fiscal_year: round.fiscal_year, framework: round.framework },
    });
  });
  return { ok: true };
}

export interface PublicRoundView {
  slug: string;
  fiscalYear: number;
  title: string | null;
  agencyNameTh: string;
  agencyNameEn: string | null;
  /** The last day answers are taken (YYYY-MM-DD), when set. */
  closesOn: string | null;
  /** Tells apart untitled rounds of one agency and year ("รอบที่ 2"); null when not needed. */
  nth: number | null;
}

/** The open rounds for the public home page (anyone may read them: no actor). */
export async function listPublicRounds(db: Db): Promise<PublicRoundView[]> {
  const rounds = (await listOpenRounds(db)).map((r) => ({
    slug: r.slug,
    agencyId: r.agency_id,
    fiscalYear: r.fiscal_year,
    title: r.title,
    agencyNameTh: r.agency_name_th,
    agencyNameEn: r.agency_name_en,
    closesOn: r.closes_on,
  }));
  return numberUntitled(rounds).map(({ agencyId: _agency, ...r }) => r);
}
