import crypto from "node:crypto";
import type { Db } from "../../../db/client";
import {
  deletePasswordTokensOfUser,
  findLivePasswordToken,
  insertPasswordToken,
} from "../../../db/repositories/password-tokens";
import { deleteSessionsOfUser } from "../../../db/repositories/sessions";
import { updateUser } from "../../../db/repositories/users";
import { config } from "../../server/config.server";
import { sha256 } from "../../server/ids.server";
import { hashPassword } from "../../server/password.server";

export const PASSWORD_LINK_HOURS = 72;

/**
 * A one-time link that lets a user set (new account) or reset their password. Offices often have no mail
 * server, so the link is shown once to the administrator who passes it on. Only its sha256 is stored;
 * issuing a new link cancels the user's older ones.
 */
export async function issuePasswordLink(
  db: Db,
  input: { userId: string; purpose: "set" | "reset"; createdBy: string | null },
): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  const now = new Date();
  await db.transaction().execute(async (trx) => {
    await deletePasswordTokensOfUser(trx, input.userId);
    await insertPasswordToken(trx, {
      id: sha256(token),
      user_id: input.userId,
      purpose: input.purpose,
      created_by: input.createdBy,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + PASSWORD_LINK_HOURS * 3600_000).toISOString(),
    });
  });
  return `${config().PUBLIC_URL}/password/${token}`;
}

export async function findPasswordLink(db: Db, token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  return findLivePasswordToken(db, sha256(token), new Date().toISOString());
}

/** Sets the password, spends the link, unlocks the account and signs out its other sessions. */
export async function spendPasswordLink(
  db: Db,
  token: string,
  password: string,
): Promise<{ userId: string; agencyId: string | null } | undefined> {
  const link = await findPasswordLink(db, token);
  if (!link) return undefined;
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await deletePasswordTokensOfUser(trx, link.user_id);
    await deleteSessionsOfUser(trx, link.user_id);
    await updateUser(trx, link.user_id, { password_hash: hash, failed_logins: 0, locked_until: null });
  });
  return { userId: link.user_id, agencyId: link.agency_id };
}
