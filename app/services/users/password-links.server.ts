import crypto from "node:crypto";
import type { Db, Tx } from "../../../db/client";
import {
  deletePasswordTokensOfUser,
  findLivePasswordToken,
  insertPasswordToken,
  spendPasswordToken,
} from "../../../db/repositories/password-tokens";
import { deleteSessionsOfUser } from "../../../db/repositories/sessions";
import { updateUser } from "../../../db/repositories/users";
import { audit } from "../../server/audit.server";
import { config } from "../../server/config.server";
import { sha256 } from "../../server/ids.server";
import { hashPassword, PASSWORD_MAX, PASSWORD_MIN } from "../../server/password.server";

export const PASSWORD_LINK_HOURS = 72;

/**
 * A one-time link that lets a user set (new account) or reset their password. Offices often have no mail
 * server, so the link is shown once to the administrator who passes it on. Only its sha256 is stored;
 * issuing a new link cancels the user's older ones. Runs in the caller's transaction (the one that writes
 * the audit entry).
 */
export async function issuePasswordLink(
  tx: Tx,
  input: { userId: string; purpose: "set" | "reset"; createdBy: string | null },
): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  const now = new Date();
  await deletePasswordTokensOfUser(tx, input.userId);
  await insertPasswordToken(tx, {
    id: sha256(token),
    user_id: input.userId,
    purpose: input.purpose,
    created_by: input.createdBy,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + PASSWORD_LINK_HOURS * 3600_000).toISOString(),
  });
  return `${config().PUBLIC_URL}/password/${token}`;
}

async function findLink(db: Db, token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  return findLivePasswordToken(db, sha256(token), new Date().toISOString());
}

/** The set-password page: whether the link still works, and whose account it is for. */
export async function getPasswordLink(
  db: Db,
  token: string,
): Promise<{ valid: boolean; email: string | null; min: number; max: number }> {
  const link = await findLink(db, token);
  return { valid: Boolean(link), email: link?.email ?? null, min: PASSWORD_MIN, max: PASSWORD_MAX };
}

/** Why a new password was not set: its length, the two copies differ, or the link no longer works. */
export type PasswordProblem = "length" | "mismatch" | "expired";

/**
 * Sets the password through a one-time link (the link is the credential: no signed-in actor), spends the
 * link, unlocks the account and signs out its other sessions; the audit entry commits with the change.
 * The link is spent first inside the transaction (its row deleted, the count checked): of concurrent uses of
 * one link exactly one sets the password, the others are told it has expired and write nothing.
 */
export async function setPasswordWithLink(
  db: Db,
  token: string,
  input: Record<string, unknown>,
): Promise<{ ok: true } | { ok: false; problem: PasswordProblem }> {
  const password = typeof input.password === "string" ? input.password : "";
  const confirm = typeof input.confirm === "string" ? input.confirm : "";
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) return { ok: false, problem: "length" };
  if (password !== confirm) return { ok: false, problem: "mismatch" };
  const link = await findLink(db, token);
  if (!link) return { ok: false, problem: "expired" };
  const hash = await hashPassword(password);
  const spent = await db.transaction().execute(async (tx) => {
    if ((await spendPasswordToken(tx, link.id, new Date().toISOString())) !== 1) return false;
    await deletePasswordTokensOfUser(tx, link.user_id);
    await deleteSessionsOfUser(tx, link.user_id);
    await updateUser(tx, link.user_id, { password_hash: hash, failed_logins: 0, locked_until: null });
    await audit(tx, {
      user: { id: link.user_id },
      agencyId: link.agency_id,
      action: "user.password",
      entity: "user",
      entityId: link.user_id,
    });
    return true;
  });
  return spent ? { ok: true } : { ok: false, problem: "expired" };
}
