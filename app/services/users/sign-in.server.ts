import type { Db } from "../../../db/client";
import { findUserByEmail, updateUser } from "../../../db/repositories/users";
import { audit } from "../../server/audit.server";
import { createSession, destroySession } from "../../server/auth.server";
import { hashPassword, PASSWORD_MAX, verifyPassword } from "../../server/password.server";

// Signing in and out. A visitor is not an actor yet: these functions take no SessionUser. The account
// lock-out after repeated wrong passwords commits together with its audit entry ("user.lock").

export const ACCOUNT_MAX_FAILURES = 5;
export const ACCOUNT_LOCK_MINUTES = 15;
export const ADDRESS_MAX_FAILURES = 20;
export const ADDRESS_WINDOW_MINUTES = 15;

// Failed sign-ins per client address, in memory: a restart forgets them, the per-account lock does not.
const failuresByAddress = new Map<string, number[]>();

function recentFailures(address: string, now: number): number[] {
  const since = now - ADDRESS_WINDOW_MINUTES * 60_000;
  const kept = (failuresByAddress.get(address) ?? []).filter((t) => t > since);
  if (kept.length) failuresByAddress.set(address, kept);
  else failuresByAddress.delete(address);
  return kept;
}

function recordAddressFailure(address: string, now: number): void {
  const list = recentFailures(address, now);
  list.push(now);
  failuresByAddress.set(address, list);
  if (failuresByAddress.size > 10_000) failuresByAddress.delete(failuresByAddress.keys().next().value!);
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks an email and password. Every refusal looks the same to the visitor (unknown email, wrong
 * password, locked or disabled account, too many failures from this address).
 */
export async function attemptLogin(
  db: Db,
  input: { email: string; password: string; address: string },
): Promise<{ ok: true; userId: string } | { ok: false }> {
  const now = Date.now();
  if (recentFailures(input.address, now).length >= ADDRESS_MAX_FAILURES) return { ok: false };
  const user = input.email.length <= 254 ? await findUserByEmail(db, input.email) : undefined;
  if (!user || input.password.length > PASSWORD_MAX) {
    dummyHash ??= hashPassword("not-a-real-password");
    await verifyPassword(input.password.slice(0, PASSWORD_MAX), await dummyHash);
    recordAddressFailure(input.address, now);
    return { ok: false };
  }
  const locked = user.locked_until !== null && user.locked_until > new Date(now).toISOString();
  if (locked || user.disabled) {
    recordAddressFailure(input.address, now);
    return { ok: false };
  }
  if (!(await verifyPassword(input.password, user.password_hash))) {
    recordAddressFailure(input.address, now);
    const failures = user.failed_logins + 1;
    if (failures >= ACCOUNT_MAX_FAILURES) {
      const until = new Date(now + ACCOUNT_LOCK_MINUTES * 60_000).toISOString();
      await db.transaction().execute(async (tx) => {
        await updateUser(tx, user.id, { failed_logins: 0, locked_until: until });
        await audit(tx, {
          user: null,
          agencyId: user.agency_id,
          action: "user.lock",
          entity: "user",
          entityId: user.id,
          detail: { email: user.email, minutes: ACCOUNT_LOCK_MINUTES },
        });
      });
    } else {
      await updateUser(db, user.id, { failed_logins: failures });
    }
    return { ok: false };
  }
  if (user.failed_logins !== 0 || user.locked_until !== null) {
    await updateUser(db, user.id, { failed_logins: 0, locked_until: null });
  }
  return { ok: true, userId: user.id };
}

/**
 * Signs a visitor in: checks the email and password (attemptLogin) and starts a new session (a fresh random
 * id on every sign-in). Returns the session's Set-Cookie header, or a refusal that says nothing more.
 */
export async function signIn(
  db: Db,
  input: { email: string; password: string; address: string },
): Promise<{ ok: true; cookie: string } | { ok: false }> {
  const result = await attemptLogin(db, input);
  if (!result.ok) return result;
  const cookie = await db.transaction().execute((tx) => createSession(tx, result.userId));
  return { ok: true, cookie };
}

/** Signs out: revokes the request's session (if any); returns the Set-Cookie header that clears the cookie. */
export async function signOut(db: Db, request: Request): Promise<string> {
  return destroySession(db, request);
}
