import { describe, expect, it } from "vitest";
import { useTestApp } from "../support/app";
import { FLAVOURS } from "../support/databases";
import { createAgencyWithOfficer, createUser, type OfficerFixture } from "../support/factories";
import { createLoadRound, eitBody, runPool, type LoadRound } from "../support/load";
import type { RunningServer } from "../support/server";

// Issue 14, items 1, 3 and 10 on the built server behind one trusted proxy (TRUST_PROXY=1): the test plays the
// proxy, so the right-most X-Forwarded-For entry is the client's real address and anything left of it is
// whatever the client wrote. Every per-address limit counts the real address (an IPv6 one by its /64), and
// concurrent sign-ins cannot evaluate more passwords than the lock-out allows.
const SUBMIT_LIMIT = 10;
const PASSWORD = "officer-password-1";

let fake = 0;
/** A fresh client-written first entry each time, then the address the proxy added. */
const forwarded = (real: string) => `10.${(++fake >> 16) & 255}.${(fake >> 8) & 255}.${fake & 255}, ${real}`;

function login(server: RunningServer, email: string, password: string, xff: string) {
  return fetch(`${server.url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url, "x-forwarded-for": xff },
    body: new URLSearchParams({ email, password, next: "/admin" }),
  }).then(async (res) => {
    await res.arrayBuffer();
    return res.status;
  });
}

async function post(server: RunningServer, path: string, body: unknown, xff: string): Promise<number> {
  const res = await fetch(server.url + path, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": xff },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  return res.status;
}

const tally = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((out, s) => ({ ...out, [s]: (out[s] ?? 0) + 1 }), {});

describe.each(FLAVOURS)("client addresses and sign-in lock-out behind a proxy on %s", (flavour) => {
  let round: LoadRound;
  let officer: OfficerFixture;
  const app = useTestApp({
    flavour,
    env: { TRUST_PROXY: "1", SUBMIT_RATE_LIMIT: String(SUBMIT_LIMIT) },
    seed: async (db) => {
      round = await createLoadRound(db);
      officer = await createAgencyWithOfficer(db);
    },
  });
  const { server } = app;

  const account = async () => {
    const user = await createUser(app.db, "viewer", officer.agencyId, { password: PASSWORD });
    return user;
  };
  const userRow = (id: string) =>
    app.db.selectFrom("users").select(["failed_logins", "locked_until"]).where("id", "=", id).executeTakeFirstOrThrow();
  const lockEntries = async (id: string) =>
    (await app.db.selectFrom("audit_log").select("action").where("entity_id", "=", id).execute()).filter(
      (a) => a.action === "user.lock",
    ).length;

  it("limits 1,000 PIN guesses that each carry a fresh fake first X-Forwarded-For entry, on both the check and the lean submission path", async () => {
    const real = "198.51.100.10";
    const guesses = Array.from(
      { length: 1000 },
      (_, i) => () =>
        post(server, "/api/access-check", { round: round.slug, pin: String(100000 + i) }, forwarded(real)),
    );
    const statuses = await runPool(20, guesses);
    expect(tally(statuses)).toEqual({ 403: SUBMIT_LIMIT, 429: 1000 - SUBMIT_LIMIT });
    // The right PIN, the lean POST /api/responses handler and a new fake entry change nothing for this address.
    expect(await post(server, "/api/access-check", { round: round.slug, pin: round.pin }, forwarded(real))).toBe(429);
    expect(await post(server, "/api/responses", eitBody(round), forwarded(real))).toBe(429);
    expect(await post(server, "/api/responses", eitBody(round), `${real}, 198.51.100.11`)).toBe(201);
    expect(await post(server, "/api/access-check", { round: round.slug, pin: round.pin }, "198.51.100.11")).toBe(200);
  });

  it("counts IPv6 clients by /64: 40 addresses of one network share one allowance, and ::ffff:a.b.c.d is a.b.c.d", async () => {
    const guesses = Array.from(
      { length: 120 },
      (_, i) => () =>
        post(
          server,
          "/api/access-check",
          { round: round.slug, pin: String(200000 + i) },
          forwarded(`2001:db8:40:1:${(i % 40).toString(16)}::${i}`),
        ),
    );
    expect(tally(await runPool(10, guesses))).toEqual({ 403: SUBMIT_LIMIT, 429: 120 - SUBMIT_LIMIT });
    expect(await post(server, "/api/access-check", { round: round.slug, pin: round.pin }, "2001:db8:40:2::1")).toBe(
      200,
    );

    for (let i = 0; i < SUBMIT_LIMIT; i++)
      expect(
        await post(server, "/api/access-check", { round: round.slug, pin: "000000" }, "::ffff:198.51.100.12"),
      ).toBe(403);
    expect(await post(server, "/api/access-check", { round: round.slug, pin: round.pin }, "198.51.100.12")).toBe(429);
  });

  it("does not sign in 30 wrong passwords with the right one last sent together, and counts exactly five", async () => {
    const victim = await account();
    const real = "198.51.100.30";
    const attempts = [
      ...Array.from({ length: 30 }, (_, i) => login(server, victim.email, `guess-${i}-password`, forwarded(real))),
      login(server, victim.email, PASSWORD, forwarded(real)),
    ];
    const statuses = await Promise.all(attempts);
    expect(tally(statuses)).toEqual({ 401: 31 });
    const row = await userRow(victim.id);
    expect(row.failed_logins).toBe(5);
    expect(row.locked_until! > new Date(Date.now() + 14 * 60_000).toISOString()).toBe(true);
    expect(await lockEntries(victim.id)).toBe(1);
  });

  it("does not sign in 100 concurrent attempts with the right password at position 60, evaluating at most five", async () => {
    const victim = await account();
    const real = "198.51.100.31";
    const statuses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        login(server, victim.email, i === 59 ? PASSWORD : `guess-${i}-password`, forwarded(real)),
      ),
    );
    expect(tally(statuses)).toEqual({ 401: 100 });
    expect((await userRow(victim.id)).failed_logins).toBe(5);
    expect(await lockEntries(victim.id)).toBe(1);
  });

  it("keeps a blocked address blocked under a new fake entry for an account that failed, yet lets an untouched officer sign in", async () => {
    const victim = await account();
    const bystander = await account();
    const real = "198.51.100.40";
    expect(await login(server, victim.email, "wrong-password-0", forwarded(real))).toBe(401);
    for (let i = 1; i < 20; i++)
      expect(await login(server, `nobody-${i}@agency.go.th`, "wrong-password", forwarded(real))).toBe(401);
    // The address has used its 20 attempts: the account that failed is refused even with its right password...
    expect(await login(server, victim.email, PASSWORD, forwarded(real))).toBe(401);
    expect((await userRow(victim.id)).failed_logins).toBe(1);
    // ...while an officer behind the same address whose account has not failed still signs in (slow lane).
    expect(await login(server, bystander.email, PASSWORD, forwarded(real))).toBe(302);
    // The locked address written as a client entry decides nothing: from another real address the victim signs in.
    expect(await login(server, victim.email, PASSWORD, `${real}, 198.51.100.41`)).toBe(302);
    expect(await userRow(victim.id)).toEqual({ failed_logins: 0, locked_until: null });
  });
});
