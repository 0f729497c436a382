import type { Db } from "../../../db/client";
import { findUserByEmail, reserveSignInAttempt, updateUser, type User } from "../../../db/repositories/users";
import { audit } from "../../server/audit.server";
import { createSession, destroySession, type SessionUser } from "../../server/auth.server";
import { PASSWORD_MAX, verifyPassword } from "../../server/password.server";
import { RateLimiter } from "../../server/rate-limit.server";

// Signing in and out. A visitor is not an actor yet: these functions take no SessionUser.
//
// Lock-out rules (README, "Lock-out"). Every attempt is counted before its password is checked, atomically,
// so concurrency cannot buy more guesses:
// - per account, in the database (holds across processes): the attempt that reaches ACCOUNT_MAX_FAILURES
//   locks the account for ACCOUNT_LOCK_MINUTES, together with its audit entry ("user.lock"); a locked or
//   disabled account is refused without its password being checked. A right password clears the count (the
//   fifth attempt takes the lock before its password is checked; if that password is right it still signs in
//   and lifts the lock, the "user.lock" entry staying in the audit log). An expired lock starts a fresh count.
// - per client address (addressKey: an IPv6 client by its /64), in this process's memory on SQLite and in the
//   database on PostgreSQL (shared by every process, app/server/rate-limit.server.ts): ADDRESS_MAX_FAILURES
//   attempts per ADDRESS_WINDOW_MINUTES at full speed (a right password gives its attempt back). Past that the
//   address is on the slow lane until its window ends: one attempt per SLOW_LANE_SECONDS (a request waits up
//   to SLOW_LANE_MAX_WAIT_MS for its turn, otherwise it is refused), and only for an account with no failure
//   counted. Officers behind the same address whose accounts were not attacked still sign in, after a
//   delay; accounts that failed stay refused from there.
// Every refusal that depends on the account does the same work: one scrypt verification (against a dummy hash
// when the e-mail is unknown, the account locked, disabled or without a password, or the attempt not allowed).

export const ACCOUNT_MAX_FAILURES = 5;
export const ACCOUNT_LOCK_MINUTES = 15;
export const ADDRESS_MAX_FAILURES = 20;
export const ADDRESS_WINDOW_MINUTES = 15;
export const SLOW_LANE_SECONDS = 5;
export const SLOW_LANE_MAX_WAIT_MS = 10_000;

const perAddress = new RateLimiter(ADDRESS_MAX_FAILURES, ADDRESS_WINDOW_MINUTES * 60, "sign-in");
const slowLane = new RateLimiter(1, SLOW_LANE_SECONDS, "sign-in-slow");

// The scrypt hash (same parameters as every stored one) of a random password nobody knows.
const DUMMY_HASH = "scrypt$16384$8$1$VPXx15+29R8mbtf7DCqsTQ==$f1l5+5JmgWsYrypT/xdepMXVt17uti5Ei0fgrcXWiKc=";

/** The address's way in: "fast" within its allowance, "slow" on a slow-lane turn, null when refused. */
async function takeLane(address: string): Promise<"fast" | "slow" | null> {
  if (await perAddress.take(address)) return "fast";
  const deadline = Date.now() + SLOW_LANE_MAX_WAIT_MS;
  for (;;) {
    const turn = await slowLane.tryTake(address);
    if (turn.ok) return "slow";
    const wait = Math.max(turn.msBeforeNext, 1);
    if (Date.now() + wait > deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/**
 * Counts an attempt on the account before its password is checked (see reserveSignInAttempt); the attempt that
 * locks it is audited with it. False when the account is locked or disabled (nothing counted). Also used by the
 * profile page's current-password check (`reason: "profile"` in the lock's audit entry).
 */
export function reserveAttempt(
  db: Db,
  user: User,
  now: number,
  options: { onlyUnfailed: boolean; actor?: SessionUser; reason?: string },
): Promise<boolean> {
  const { onlyUnfailed, actor = null, reason } = options;
  return db.transaction().execute(async (tx) => {
    const count = await reserveSignInAttempt(tx, user.id, {
      now: new Date(now).toISOString(),
      until: new Date(now + ACCOUNT_LOCK_MINUTES * 60_000).toISOString(),
      max: ACCOUNT_MAX_FAILURES,
      onlyUnfailed,
    });
    if (count === undefined) return false;
    if (count >= ACCOUNT_MAX_FAILURES)
      await audit(tx, {
        user: actor,
        agencyId: user.agency_id,
        action: "user.lock",
        entity: "user",
        entityId: user.id,
        detail: { email: user.email, minutes: ACCOUNT_LOCK_MINUTES, ...(reason ? { reason } : {}) },
      });
    return true;
  });
}

/**
 * Checks an email and password. Every refusal looks the same to the visitor (unknown email, wrong
 * password, locked or disabled account, too many attempts from this address).
 */
export async function attemptLogin(
  db: Db,
  input: { email: string; password: string; address: string },
): Promise<{ ok: true; userId: string } | { ok: false }> {
  // Refused for the address alone, before any account is read: this tells nothing about an account.
  const lane = await takeLane(input.address);
  if (!lane) return { ok: false };
  const now = Date.now();
  const user = input.email.length <= 254 ? await findUserByEmail(db, input.email) : undefined;
  const counted =
    !!user?.password_hash &&
    input.password.length <= PASSWORD_MAX &&
    (await reserveAttempt(db, user, now, { onlyUnfailed: lane === "slow" }));
  const right = await verifyPassword(input.password.slice(0, PASSWORD_MAX), counted ? user.password_hash : DUMMY_HASH);
  if (!counted || !right) return { ok: false };
  await updateUser(db, user.id, { failed_logins: 0, locked_until: null });
  if (lane === "fast") await perAddress.giveBack(input.address);
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
