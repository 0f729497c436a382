import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { useTestApp } from "../support/app";
import { seededRandom } from "../support/answers";
import { ROOT, TEST_DATABASE_URL } from "../support/env";
import {
  createLoadRound,
  eitBody,
  iitBody,
  readStoredState,
  submit,
  type LoadRound,
  type SubmissionBody,
} from "../support/load";
import { startServer, type RunningServer } from "../support/server";

const run = promisify(execFile);
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const BACKUP = path.join(ROOT, "scripts", "backup.ts");

function backup(env: Record<string, string>, args: string[] = [], cwd = ROOT) {
  return run(TSX, [BACKUP, ...args], { cwd, env: { PATH: process.env.PATH ?? "", TZ: "Asia/Bangkok", ...env } });
}

describe("npm run backup on SQLite", () => {
  let round: LoadRound;
  const { database, server, db } = useTestApp({
    env: { SUBMIT_RATE_LIMIT: "1000000" },
    seed: async (db) => (round = await createLoadRound(db)),
  });
  let restored: RunningServer | undefined;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "ita-backup-"));

  afterAll(async () => {
    await restored?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("copies a running database consistently, and a server started on the copy holds every answer acknowledged before", async () => {
    const random = seededRandom(99);
    const acknowledged = new Map<string, { id: string; body: SubmissionBody }>();
    let stop = false;
    const clients = Array.from({ length: 8 }, async () => {
      while (!stop) {
        const body = random() < 0.3 ? iitBody(round, random) : eitBody(round, random);
        const reply = await submit(server!.url, body);
        if (reply.status !== 201) throw new Error(`submission answered ${reply.status}`);
        acknowledged.set(body.submissionId, { id: reply.body.id, body });
      }
    });
    while (acknowledged.size < 150) await new Promise((r) => setTimeout(r, 10));

    const before = new Map(acknowledged);
    const out = path.join(work, "nested", "copy.sqlite");
    const { stdout } = await backup({ DATABASE_URL: database.url }, ["--out", out]);
    const during = acknowledged.size;
    stop = true;
    await Promise.all(clients);
    expect(stdout).toContain(out);
    // The round is open: the copy says it holds IIT data that was not sealed at a close.
    expect(stdout).toContain(`holds unsealed IIT data of 1 round(s) not closed yet (${round.slug})`);
    // Submissions kept arriving while the copy was taken.
    expect(acknowledged.size).toBeGreaterThan(before.size);
    expect(during).toBeGreaterThan(before.size);

    // Restore as the README says: the copy becomes the database file of a fresh server.
    const restoredFile = path.join(work, "restored", "ita.sqlite");
    fs.mkdirSync(path.dirname(restoredFile));
    fs.copyFileSync(out, restoredFile);
    expect(fs.existsSync(`${out}-wal`)).toBe(false);
    restored = await startServer({ databaseUrl: restoredFile });
    const state = await readStoredState(restoredFile, round.roundId);
    for (const [submissionId, ack] of before) expect(state.responses.get(submissionId)?.id).toBe(ack.id);
    expect(state.recountDifferences).toBe(0);
    expect(state.withoutAnswers).toBe(0);
    expect(state.counts.iit + state.counts.eit).toBe(state.responses.size);
    // The restored server knows them: a resent submission is a duplicate with the same id.
    const [someId, some] = [...before.entries()][0]!;
    const again = await submit(restored.url, some.body);
    expect(again).toEqual({ status: 200, body: { id: before.get(someId)!.id } });
  });

  it("names the copy backups/ita-YYYYMMDD-HHMMSS.sqlite by default and refuses to overwrite a file", async () => {
    const cwd = fs.mkdtempSync(path.join(work, "cwd-"));
    const { stdout } = await backup({ DATABASE_URL: path.resolve(database.url) }, [], cwd);
    const files = fs.readdirSync(path.join(cwd, "backups"));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^ita-\d{8}-\d{6}\.sqlite$/);
    expect(stdout).toContain(files[0]);
    const again = backup(
      { DATABASE_URL: path.resolve(database.url) },
      ["--out", path.join(cwd, "backups", files[0]!)],
      cwd,
    );
    await expect(again).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining("exists already") });
  });

  it("says nothing of unsealed IIT data once no round is open", async () => {
    await db.updateTable("rounds").set({ status: "closed" }).execute();
    const { stdout } = await backup({ DATABASE_URL: database.url }, ["--out", path.join(work, "closed.sqlite")]);
    expect(stdout).toContain("closed.sqlite");
    expect(stdout).not.toContain("unsealed");
  });

  it("prints the pg_dump recipe and exits 1 for a PostgreSQL database, without echoing its password", async () => {
    const url = new URL(TEST_DATABASE_URL);
    url.password = "pw-not-to-print-7731";
    const attempt = backup({ DATABASE_URL: url.toString() });
    await expect(attempt).rejects.toMatchObject({ code: 1 });
    const error = (await attempt.catch((e) => e)) as { stdout: string; stderr: string };
    // The shared rate-limit counters (UNLOGGED, keyed hashes of addresses) stay out of the copy.
    expect(error.stderr).toContain("pg_dump -Fc --no-owner --no-unlogged-table-data");
    expect(error.stderr).toContain("pg_restore");
    expect(error.stdout + error.stderr).not.toContain("pw-not-to-print-7731");
  });
});
