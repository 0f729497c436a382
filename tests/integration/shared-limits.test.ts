import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { useTestApp } from "../support/app";
import { seededRandom } from "../support/answers";
import { createAgencyWithOfficer } from "../support/factories";
import { ROOT } from "../support/env";
import { createLoadRound, eitBody, type LoadRound } from "../support/load";
import type { RunningServer } from "../support/server";

const LIMIT = 6;

// On PostgreSQL the per-address limits are counted in the database (UNLOGGED table rate_limits), so two app
// processes behind one balancer enforce one limit, not one each (README, "Several processes").
describe("two app processes on one PostgreSQL database share the per-address limits", () => {
  let round: LoadRound;
  const app = useTestApp({
    flavour: "postgres",
    servers: 2,
    // One proxy in front: each test speaks for its own client address through X-Forwarded-For.
    env: { SUBMIT_RATE_LIMIT: String(LIMIT), TRUST_PROXY: "1" },
    seed: async (db) => (round = await createLoadRound(db)),
  });
  const { db } = app;
  const servers: RunningServer[] = app.servers;
  const from = (address: string) => ({ "x-forwarded-for": address });
  const post = async (server: RunningServer, path: string, body: unknown, address: string) => {
    const res = await fetch(`${server.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...from(address) },
      body: JSON.stringify(body),
    });
    await res.arrayBuffer();
    return res.status;
  };
  const login = async (server: RunningServer, email: string, password: string, address: string) => {
    const res = await fetch(`${server.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url, ...from(address) },
      body: new URLSearchParams({ email, password, next: "/admin" }),
    });
    await res.arrayBuffer();
    return res.status;
  };

  it("accepts SUBMIT_RATE_LIMIT = 6 submissions from one address across both processes, not 12", async () => {
    const random = seededRandom(18);
    const [a, b] = servers as [RunningServer, RunningServer];
    const statuses = await Promise.all(
      Array.from({ length: 2 * LIMIT }, (_, i) =>
        post(i % 2 ? a : b, "/api/responses", eitBody(round, random), "198.51.100.10"),
      ),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(LIMIT);
    // Another address still has its own allowance, on either process.
    expect(await post(a, "/api/responses", eitBody(round, random), "198.51.100.11")).toBe(201);
  });

  it("counts 6 PIN checks from one address across both processes, then refuses the 7th to 12th with 429", async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const statuses: number[] = [];
    for (let i = 0; i < 2 * LIMIT; i++)
      statuses.push(
        await post(i % 2 ? a : b, "/api/access-check", { round: round.slug, pin: `99${i}` }, "198.51.100.20"),
      );
    expect(statuses).toEqual([...Array(LIMIT).fill(403), ...Array(LIMIT).fill(429)]);
  });

  it("puts an address on the slow lane after 20 failed sign-ins spread over both processes", async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const address = "198.51.100.30";
    const officer = await createAgencyWithOfficer(db);
    // One failure on the officer's account, then 19 with unknown e-mails, alternating between the processes:
    // 20 from this address in all, 10 seen by each process.
    expect(await login(a, officer.email, "not-the-password-1", address)).toBe(401);
    for (let i = 0; i < 19; i++)
      expect(await login(i % 2 ? a : b, `nobody-${i}@example.go.th`, "whatever-pw", address)).toBe(401);
    // Past its allowance the address is on the slow lane, where an account that has failed is refused even with
    // its right password (each process alone would have counted only 10 and let it in at once).
    expect(await login(a, officer.email, officer.password, address)).toBe(401);
    // From another address the same officer signs in.
    expect(await login(b, officer.email, officer.password, "198.51.100.31")).toBe(302);
  });

  it("keeps no client address in the database: a key is the limiter's name and a hash", async () => {
    const rows = await db.selectFrom("rate_limits").select("key").execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const { key } of rows) {
      expect(key).toMatch(/^(submit|sign-in|sign-in-slow):[A-Za-z0-9_-]{22}$/);
      expect(key).not.toContain("198.51.100");
    }
  });
});

// WORKERS=2: one server.js, two worker processes on one port (node:cluster), one limit between them.
describe("server.js with WORKERS=2 on PostgreSQL", () => {
  let round: LoadRound;
  const app = useTestApp({
    flavour: "postgres",
    env: { SUBMIT_RATE_LIMIT: String(LIMIT), WORKERS: "2" },
    seed: async (db) => (round = await createLoadRound(db)),
  });

  it("starts two workers on one port and accepts SUBMIT_RATE_LIMIT = 6 of 12 submissions sent at once", async () => {
    const random = seededRandom(19);
    const statuses = await Promise.all(
      Array.from({ length: 2 * LIMIT }, async () => {
        const res = await fetch(`${app.server.url}/api/responses`, {
          method: "POST",
          headers: { "content-type": "application/json", connection: "close" },
          body: JSON.stringify(eitBody(round, random)),
        });
        await res.arrayBuffer();
        return res.status;
      }),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(LIMIT);
    expect(app.server.output()).toContain("(2 processes)");
  });
});

// A SQLite file serves one process: WORKERS=2 on SQLite is refused before the server creates or migrates it.
describe("server.js with WORKERS=2 on SQLite", () => {
  it("exits 1 with the reason and leaves no database file behind", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ita-workers-sqlite-"));
    try {
      const file = path.join(dir, "ita.sqlite");
      const run = spawnSync(process.execPath, ["server.js"], {
        cwd: ROOT,
        env: { ...process.env, WORKERS: "2", DATABASE_URL: file, PORT: "0" },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain("WORKERS > 1 needs PostgreSQL");
      expect(fs.existsSync(file)).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
