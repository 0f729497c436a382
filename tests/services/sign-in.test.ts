import crypto from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ACCOUNT_MAX_FAILURES, ADDRESS_MAX_FAILURES, attemptLogin } from "../../app/services/users/sign-in.server";
import { FLAVOURS } from "../support/databases";
import { createAgency, createUser, PASSWORD, type UserRow } from "../support/factories";
import { useServiceDb } from "../support/service-db";

// Sign-in lock-out as built (issue 14, items 1, 9 and 10): attempts are counted before the password is checked,
// atomically, so that concurrency buys no extra guesses; every account-dependent path does one key derivation.

/** A client address of its own (IPv4 from the documentation range 198.18.0.0/15), so tests never share one. */
let next = 0;
const address = () => `198.18.${Math.floor(++next / 250)}.${next % 250}`;

/** Counts the scrypt key derivations made while `act` runs, in all and by the salt of the hash they check. */
async function countScrypt<T>(
  act: () => Promise<T>,
): Promise<{ result: T; total: number; bySalt: Map<string, number> }> {
  const bySalt = new Map<string, number>();
  let total = 0;
  const original = crypto.scrypt;
  const spy = vi.spyOn(crypto, "scrypt").mockImplementation(((...args: Parameters<typeof crypto.scrypt>) => {
    total += 1;
    const salt = Buffer.from(args[1] as Buffer).toString("base64");
    bySalt.set(salt, (bySalt.get(salt) ?? 0) + 1);
    return (original as (...a: unknown[]) => void)(...args);
  }) as typeof crypto.scrypt);
  try {
    return { result: await act(), total, bySalt };
  } finally {
    spy.mockRestore();
  }
}

const saltOf = (user: UserRow) => user.password_hash!.split("$")[4]!;

describe.each(FLAVOURS)("sign-in lock-out on %s", (flavour) => {
  const t = useServiceDb(flavour);
  afterEach(() => vi.restoreAllMocks());

  const row = (id: string) => t.db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const locks = (id: string) =>
    t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", id)
      .where("action", "=", "user.lock")
      .execute();

  it("does exactly one key derivation on every path: unknown e-mail, locked, disabled, no password, too long, wrong and right", async () => {
    const agency = await createAgency(t.db);
    const locked = await createUser(t.db, "viewer", agency.id, {
      failed_logins: 5,
      locked_until: new Date(Date.now() + 600_000).toISOString(),
    });
    const disabled = await createUser(t.db, "viewer", agency.id, { disabled: 1 });
    const unset = await createUser(t.db, "viewer", agency.id, { password_hash: null });
    const active = await createUser(t.db, "viewer", agency.id);
    const cases: [string, { email: string; password: string }, boolean][] = [
      ["unknown e-mail", { email: "nobody@test.go.th", password: PASSWORD }, false],
      ["locked account, right password", { email: locked.email, password: PASSWORD }, false],
      ["disabled account, right password", { email: disabled.email, password: PASSWORD }, false],
      ["account without a password yet", { email: unset.email, password: PASSWORD }, false],
      ["password over 200 characters", { email: active.email, password: "x".repeat(5000) }, false],
      ["wrong password", { email: active.email, password: "wrong-password" }, false],
      ["right password", { email: active.email, password: PASSWORD }, true],
    ];
    for (const [name, input, signedIn] of cases) {
      const { result, total } = await countScrypt(() => attemptLogin(t.db, { ...input, address: address() }));
      expect(result.ok, name).toBe(signedIn);
      expect(total, name).toBe(1);
    }
    // The refused accounts are as they were: nothing counted against a locked or disabled one.
    expect(await row(locked.id)).toMatchObject({ failed_logins: 5 });
    expect(await row(disabled.id)).toMatchObject({ failed_logins: 0, disabled: 1 });
  });

  it("evaluates at most five passwords of 30 wrong ones and the right one sent together, and stays locked", async () => {
    const agency = await createAgency(t.db);
    const victim = await createUser(t.db, "admin", agency.id);
    const { result, bySalt } = await countScrypt(() =>
      Promise.all([
        ...Array.from({ length: 30 }, (_, i) =>
          attemptLogin(t.db, { email: victim.email, password: `guess-${i}`, address: address() }),
        ),
        attemptLogin(t.db, { email: victim.email, password: PASSWORD, address: address() }),
      ]),
    );
    expect(result.filter((r) => r.ok)).toHaveLength(0);
    expect(bySalt.get(saltOf(victim))).toBe(ACCOUNT_MAX_FAILURES);
    const after = await row(victim.id);
    expect(after.failed_logins).toBe(ACCOUNT_MAX_FAILURES);
    expect(Date.parse(after.locked_until!)).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(await locks(victim.id)).toHaveLength(1);
    // The right password is refused while the lock holds.
    expect((await attemptLogin(t.db, { email: victim.email, password: PASSWORD, address: address() })).ok).toBe(false);
  });

  it("counts a lock that has run out afresh: five more attempts, then locked again", async () => {
    const agency = await createAgency(t.db);
    const victim = await createUser(t.db, "viewer", agency.id, {
      failed_logins: 5,
      locked_until: new Date(Date.now() - 1000).toISOString(),
    });
    for (let i = 1; i <= 4; i++) {
      await attemptLogin(t.db, { email: victim.email, password: `guess-${i}`, address: address() });
      expect(await row(victim.id)).toMatchObject({ failed_logins: i, locked_until: null });
    }
    const right = await attemptLogin(t.db, { email: victim.email, password: PASSWORD, address: address() });
    expect(right.ok).toBe(true);
    expect(await row(victim.id)).toMatchObject({ failed_logins: 0, locked_until: null });
  });

  it("evaluates at most 20 passwords from one address of 30 sent together, whatever the concurrency", async () => {
    const agency = await createAgency(t.db);
    const from = address();
    // 30 accounts that each failed once (elsewhere), each tried with a wrong password, all at once.
    const users = await Promise.all(
      Array.from({ length: 30 }, () => createUser(t.db, "viewer", agency.id, { failed_logins: 1 })),
    );
    const { result, total } = await countScrypt(() =>
      Promise.all(users.map((user) => attemptLogin(t.db, { email: user.email, password: "wrong-pw", address: from }))),
    );
    expect(result.filter((r) => r.ok)).toHaveLength(0);
    const rows = await Promise.all(users.map((user) => row(user.id)));
    // 20 were counted on their accounts; past the allowance, the slow lane refuses accounts that have failed.
    expect(rows.filter((r) => r.failed_logins === 2)).toHaveLength(ADDRESS_MAX_FAILURES);
    expect(rows.filter((r) => r.failed_logins === 1)).toHaveLength(30 - ADDRESS_MAX_FAILURES);
    // An attempt refused for the address alone (no slow-lane turn) reads no account and derives no key.
    expect(total).toBeLessThanOrEqual(30);
  });

  it("past the address's allowance, signs in an officer whose account has no failure and refuses one that failed", async () => {
    const agency = await createAgency(t.db);
    const from = address();
    const bystander = await createUser(t.db, "clerk", agency.id);
    const victim = await createUser(t.db, "viewer", agency.id);
    expect((await attemptLogin(t.db, { email: victim.email, password: "wrong-pw", address: from })).ok).toBe(false);
    for (let i = 1; i < ADDRESS_MAX_FAILURES; i++)
      await attemptLogin(t.db, { email: `nobody-${i}@test.go.th`, password: "wrong-pw", address: from });
    // The address has used its 20 attempts. The untouched officer signs in (on the slow lane)...
    expect((await attemptLogin(t.db, { email: bystander.email, password: PASSWORD, address: from })).ok).toBe(true);
    expect(await row(bystander.id)).toMatchObject({ failed_logins: 0 });
    // ...the account that failed is refused from there even with its right password, and not counted again...
    expect((await attemptLogin(t.db, { email: victim.email, password: PASSWORD, address: from })).ok).toBe(false);
    expect(await row(victim.id)).toMatchObject({ failed_logins: 1, locked_until: null });
    // ...and signs in from another address.
    expect((await attemptLogin(t.db, { email: victim.email, password: PASSWORD, address: address() })).ok).toBe(true);
  });

  it("counts IPv6 clients by their /64: 40 addresses of one network share one allowance of 20", async () => {
    const agency = await createAgency(t.db);
    const net = FLAVOURS.indexOf(flavour) + 1; // the limits live in this process: one network per database
    const users = await Promise.all(
      Array.from({ length: 40 }, () => createUser(t.db, "viewer", agency.id, { failed_logins: 1 })),
    );
    const replies = await Promise.all(
      users.map((user, i) =>
        attemptLogin(t.db, {
          email: user.email,
          password: PASSWORD,
          address: `2001:db8:${net}:1:${i.toString(16)}::1`,
        }),
      ),
    );
    expect(replies.filter((r) => r.ok)).toHaveLength(ADDRESS_MAX_FAILURES);
  });
});
