import type { Db } from "../../../db/client";
import { findAgency } from "../../../db/repositories/agencies";
import { deletePasswordTokensOfUser } from "../../../db/repositories/password-tokens";
import { deleteOtherSessionsOfUser } from "../../../db/repositories/sessions";
import { findUserById, updateUser } from "../../../db/repositories/users";
import type { FieldError } from "../../lib/forms";
import type { Role } from "../../lib/roles";
import { audit } from "../../server/audit.server";
import { assertCan, type SessionUser } from "../../server/auth.server";
import { assertFound } from "../../server/http.server";
import { hashPassword, PASSWORD_MAX, PASSWORD_MIN, verifyPassword } from "../../server/password.server";
import { ACCOUNT_LOCK_MINUTES, reserveAttempt } from "./sign-in.server";

// The signed-in user's own account (issue 16): who they are, in which role and agency, and changing their own
// password. A wrong current password counts like a wrong sign-in password (the account's failed_logins): the
// fifth in a row locks the account for ACCOUNT_LOCK_MINUTES (audited "user.lock"), so a borrowed session cannot
// be used to guess the password; while locked, the change is refused without checking anything.

export interface ProfileView {
  email: string;
  name: string | null;
  role: Role;
  agencyName: string | null;
  /** A super-administrator's acting agency on this session. */
  actingAgencyName: string | null;
  min: number;
  max: number;
}

export async function getProfile(db: Db, actor: SessionUser): Promise<ProfileView> {
  assertCan(actor, "any");
  const agency = actor.agency_id ? await findAgency(db, actor.agency_id) : undefined;
  return {
    email: actor.email,
    name: actor.name,
    role: actor.role,
    agencyName: agency?.name_th ?? null,
    actingAgencyName: actor.role === "super" ? actor.acting_agency_name : null,
    min: PASSWORD_MIN,
    max: PASSWORD_MAX,
  };
}

const err = (field: string, message: string, messageTh: string): FieldError => ({ field, message, messageTh });

export const PROFILE_ERRORS = {
  locked: err(
    "current",
    `Too many wrong current passwords: the account is locked for ${ACCOUNT_LOCK_MINUTES} minutes. Try again later.`,
    `ใส่รหัสผ่านปัจจุบันผิดหลายครั้งเกินไป บัญชีถูกล็อกไว้ ${ACCOUNT_LOCK_MINUTES} นาที กรุณาลองใหม่ภายหลัง`,
  ),
  wrong: err("current", "The current password is wrong.", "รหัสผ่านปัจจุบันไม่ถูกต้อง"),
  length: err(
    "password",
    `The new password must be ${PASSWORD_MIN}–${PASSWORD_MAX} characters long.`,
    `รหัสผ่านใหม่ต้องยาว ${PASSWORD_MIN}–${PASSWORD_MAX} ตัวอักษร`,
  ),
  same: err("password", "The new password is the same as the current one.", "รหัสผ่านใหม่ต้องไม่ซ้ำกับรหัสผ่านปัจจุบัน"),
  mismatch: err("confirm", "The two new passwords differ.", "รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกัน"),
} as const;

const str = (v: unknown) => (typeof v === "string" ? v : "");

/**
 * Changes the actor's own password: the current one is required, the new one is 8–200 characters, typed twice
 * and different. Every other session of the user ends and any set-password link is cancelled; this session
 * stays. The change commits with its audit entry ("user.password", detail says it was the user's own).
 */
export async function changeOwnPassword(
  db: Db,
  actor: SessionUser,
  sessionId: string,
  input: Record<string, unknown>,
): Promise<{ ok: true; sessionsEnded: number } | { ok: false; errors: FieldError[] }> {
  assertCan(actor, "any");
  const current = str(input.current);
  const password = str(input.password);
  const confirm = str(input.confirm);
  const user = assertFound(await findUserById(db, actor.id));
  // Counted before the current password is checked, as a sign-in attempt is (sign-in.server.ts): concurrent
  // guesses cannot buy more than ACCOUNT_MAX_FAILURES checks. Refused unchecked while the account is locked.
  if (!(await reserveAttempt(db, user, Date.now(), { onlyUnfailed: false, actor, reason: "profile" })))
    return { ok: false, errors: [PROFILE_ERRORS.locked] };
  // The form's own mistakes: they say nothing about the current password and count nothing more.
  const errors: FieldError[] = [];
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) errors.push(PROFILE_ERRORS.length);
  else if (password === current) errors.push(PROFILE_ERRORS.same);
  if (password !== confirm) errors.push(PROFILE_ERRORS.mismatch);
  if (current.length > PASSWORD_MAX || !(await verifyPassword(current, user.password_hash))) {
    const counted = assertFound(await findUserById(db, user.id));
    if (counted.locked_until !== null) return { ok: false, errors: [PROFILE_ERRORS.locked] };
    return { ok: false, errors: [PROFILE_ERRORS.wrong, ...errors] };
  }
  // A right current password clears the count (and a lock its fifth attempt took), as a right sign-in does.
  await updateUser(db, user.id, { failed_logins: 0, locked_until: null });
  if (errors.length) return { ok: false, errors };
  const hash = await hashPassword(password);
  const sessionsEnded = await db.transaction().execute(async (tx) => {
    await updateUser(tx, user.id, { password_hash: hash, failed_logins: 0, locked_until: null });
    await deletePasswordTokensOfUser(tx, user.id);
    const ended = await deleteOtherSessionsOfUser(tx, user.id, sessionId);
    await audit(tx, {
      user: actor,
      agencyId: user.agency_id,
      action: "user.password",
      entity: "user",
      entityId: user.id,
      detail: { by: "self", otherSessionsEnded: ended },
    });
    return ended;
  });
  return { ok: true, sessionsEnded };
}
