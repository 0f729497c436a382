import { describe, expect, it } from "vitest";
import { hashCode } from "../../db/repositories/round-access";
import { signInCookie, useTestApp } from "../support/app";
import { seededRandom } from "../support/answers";
import { createAgencyWithOfficer } from "../support/factories";
import {
  createLoadRound,
  eitBody,
  iitBody,
  isSignedIn,
  readStoredState,
  submit,
  type LoadRound,
  type SubmissionBody,
} from "../support/load";
import type { RunningServer } from "../support/server";

const DISTINCT = 160;
const CODES = 20;

// Two app processes behind a load balancer share one PostgreSQL database (docs: README, "Several
// processes"). Nothing may be lost or stored twice, whichever process a request reaches.
describe("two app processes on one PostgreSQL database", () => {
  let round: LoadRound;
  // Started one after the other: both run the (idempotent) migrations at start-up.
  const app = useTestApp({
    flavour: "postgres",
    servers: 2,
    env: { SUBMIT_RATE_LIMIT: "1000000" },
    seed: async (db) => (round = await createLoadRound(db, { codes: CODES })),
  });
  const { database, db } = app;
  const servers: RunningServer[] = app.servers;

  it("stores each submission once when copies reach both processes at the same time", async () => {
    const random = seededRandom(7);
    const [a, b] = servers as [RunningServer, RunningServer];
    const bodies: SubmissionBody[] = Array.from({ length: DISTINCT }, () => eitBody(round, random));
    // Half go to one process only; the other half are sent to both at once (a retry via the other process).
    const sent = bodies.flatMap((body, i) =>
      i % 2 === 0
        ? [{ body, url: i % 4 === 0 ? a.url : b.url }]
        : [
            { body, url: a.url },
            { body, url: b.url },
          ],
    );
    // Each code is raced by two staff, one through each process.
    const racers = round.codes.flatMap((code) => [
      { body: iitBody(round, random, code), url: a.url },
      { body: iitBody(round, random, code), url: b.url },
    ]);
    const replies = await Promise.all(
      [...sent, ...racers].map(async ({ body, url }) => ({ body, url, reply: await submit(url, body) })),
    );

    expect(
      replies
        .filter((r) => ![200, 201, 409].includes(r.reply.status))
        .map((r) => `${r.reply.status} ${JSON.stringify(r.reply.body)}`),
    ).toEqual([]);
    for (const body of bodies) {
      const mine = replies.filter((r) => r.body.submissionId === body.submissionId);
      expect(mine.filter((r) => r.reply.status === 201)).toHaveLength(1);
      expect(new Set(mine.map((r) => r.reply.body.id)).size).toBe(1);
    }
    for (const code of round.codes) {
      const mine = replies
        .filter((r) => r.body.accessCode === code)
        .map((r) => r.reply.status)
        .sort();
      expect(mine).toEqual([201, 409]);
    }

    const state = await readStoredState(database.url, round.roundId);
    expect(state.counts).toEqual({ iit: CODES, eit: DISTINCT });
    expect(state.responses.size).toBe(DISTINCT + CODES);
    for (const r of replies.filter((x) => x.reply.status === 201)) {
      expect(state.responses.get(r.body.submissionId)?.id).toBe(r.reply.body.id);
    }
    expect(state.usedCodes).toEqual(new Set(round.codes.map(hashCode)));
    expect(state.usedCount).toBe(CODES);
    expect(state.recountDifferences).toBe(0);
    // Both processes really took part.
    expect(replies.filter((r) => r.url === a.url && r.reply.status === 201).length).toBeGreaterThan(0);
    expect(replies.filter((r) => r.url === b.url && r.reply.status === 201).length).toBeGreaterThan(0);
  });

  it("lets a session started through one process be used and ended through the other", async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const user = await createAgencyWithOfficer(db);
    const cookie = await signInCookie(a.url, user.email, user.password);
    expect(await isSignedIn(b.url, cookie)).toBe(true);
    const out = await fetch(`${b.url}/logout`, {
      method: "POST",
      headers: { cookie, origin: b.url },
      redirect: "manual",
    });
    expect(out.status).toBe(302);
    expect(await isSignedIn(a.url, cookie)).toBe(false);
  });

  it("checks at most five passwords of one account when 40 attempts, the right one last, reach both processes at once", async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const victim = await createAgencyWithOfficer(db);
    const login = (server: RunningServer, password: string) =>
      fetch(`${server.url}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url },
        body: new URLSearchParams({ email: victim.email, password, next: "/admin" }),
      }).then(async (res) => (await res.arrayBuffer(), res.status));
    const statuses = await Promise.all([
      ...Array.from({ length: 39 }, (_, i) => login(i % 2 ? a : b, `guess-${i}-password`)),
      login(a, victim.password),
    ]);
    expect(statuses.filter((s) => s !== 401)).toEqual([]);
    const row = await db
      .selectFrom("users")
      .select(["id", "failed_logins", "locked_until"])
      .where("email", "=", victim.email)
      .executeTakeFirstOrThrow();
    expect(row.failed_logins).toBe(5);
    expect(row.locked_until! > new Date().toISOString()).toBe(true);
    const locks = await db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", row.id)
      .where("action", "=", "user.lock")
      .execute();
    expect(locks).toHaveLength(1);
  });
});
