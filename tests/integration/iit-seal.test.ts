import SQLite from "better-sqlite3";
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashCode, insertIitCodes } from "../../db/repositories/round-access";
import { ita as itaProgram } from "../../scripts/ita/program";
import { get, post, useTestApp } from "../support/app";
import { randomAnswers, readFramework } from "../support/answers";
import { runCliInProcess } from "../support/cli";
import {
  countTrue,
  heapTuples,
  pairByTransaction,
  pairByXmin,
  rawPagesWithIndexes,
  readSqliteFiles,
  sheetsIn,
  walTransactions,
} from "../support/iit-attack";

// Issue 13, attacks 1 and 2, on the real app and its real files: eight staff answer the IIT one by one with
// one-time codes over HTTP; a reader who knows who was given which code tries to pair codes with answer
// sheets from the database's own history. Before the round is closed the history gives them away (8 of 8);
// after the close, which seals the round's IIT storage, nothing pairs (0 of 8).

const fw = readFramework();

/** The round settings form, as the browser posts it, with the round in one-time-code mode. */
const settings = (status: string) => ({
  fiscal_year: "2569",
  title: "",
  framework: "ita-2565",
  status,
  opens_on: "",
  closes_on: "",
  iit_access: "codes",
  pin: "",
  strength_line: "70",
  target_line: "85",
  min_iit: "5",
  min_eit: "5",
});

function useCodesRound(flavour: "sqlite" | "postgres") {
  const codes: string[] = [];
  const app = useTestApp({
    flavour,
    agencies: ["a"],
    signIn: ["a-admin"],
    seed: async (db) => {
      const roundId = app.agencies.a.roundId;
      await db
        .updateTable("rounds")
        .set({ iit_access: "codes", pin: null, min_iit: 5 })
        .where("id", "=", roundId)
        .execute();
      codes.push(...(await insertIitCodes(db, roundId, 10)));
    },
  });

  /** Eight staff answer one after the other over HTTP; returns each code's hash → its sender's sheet. */
  async function eightStaffAnswer(): Promise<Map<string, string>> {
    const truth = new Map<string, string>();
    for (const code of codes.slice(0, 8)) {
      const answers = randomAnswers(fw, "IIT");
      const res = await fetch(`${app.server.url}/api/responses`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          round: app.agencies.a.roundSlug,
          instrument: "iit",
          answers,
          submissionId: crypto.randomUUID(),
          accessCode: code,
        }),
      });
      expect(res.status).toBe(201);
      truth.set(hashCode(code), JSON.stringify(answers));
    }
    return truth;
  }

  /** The administrator closes the round in its settings form (which seals it), then reads the round's page. */
  async function closeRound(): Promise<string> {
    const id = app.agencies.a.roundId;
    const res = await post(app.server, `/admin/rounds/${id}/settings`, app.cookies["a-admin"], settings("closed"));
    expect(res.status).toBe(302);
    return (await get(app.server, `/admin/rounds/${id}`, app.cookies["a-admin"])).text();
  }

  const ita = (...args: string[]) =>
    runCliInProcess(itaProgram, args, { env: { DATABASE_URL: app.database.url, TZ: "Asia/Bangkok" } });

  return { app, codes, eightStaffAnswer, closeRound, ita };
}

describe("attack 1: the SQLite files (database, -wal, -shm)", () => {
  const { app, eightStaffAnswer, closeRound, ita } = useCodesRound("sqlite");

  it("links 8 of 8 codes to sheets from the WAL of an open round, and 0 of 8 from any file after close", async () => {
    // A reader holding the file open (a backup tool, a copy in progress) keeps the WAL from being truncated.
    const reader = new SQLite(app.database.url, { readonly: true });
    reader.prepare("begin").run();
    reader.prepare("select count(*) from rounds").get();
    const truth = await eightStaffAnswer();

    const during = readSqliteFiles(app.database.url);
    const links = pairByTransaction(walTransactions(during.wal));
    expect(countTrue(links, truth)).toBe(8);
    expect(links.map((l) => l.codeHash)).toEqual([...truth.keys()]);
    reader.prepare("commit").run();
    reader.close();

    // The command refuses a round that still takes answers, and says how to name a round.
    const open = await ita("seal", "--round", app.agencies.a.roundSlug);
    expect(open.code).toBe(1);
    expect(open.stderr).toContain("Only a closed round");
    expect((await ita("seal")).code).toBe(2);
    expect((await ita("seal", "--round", "no-such-round")).stderr).toContain(
      'no round with id or slug "no-such-round"',
    );

    const page = await closeRound();
    expect(page).toContain('data-testid="round-seal"');
    expect(page).toContain("ผนึกแล้ว");

    // The three files as a copy would take them now, the server still running.
    const after = readSqliteFiles(app.database.url);
    expect(after.wal.length).toBe(0);
    expect(countTrue(pairByTransaction(walTransactions(after.wal)), truth)).toBe(0);
    const everything = Buffer.concat([after.main, after.wal, after.shm]).toString("latin1");
    // No code hash anywhere (spent or not): the list of who got which code opens nothing.
    for (const hash of truth.keys()) expect(everything).not.toContain(hash);
    expect(everything).not.toMatch(/\["[0-9a-f]{64}"/);
    expect(pairByTransaction([everything])).toEqual([]);
    // Each sheet is there once, under a new random id (the services test checks the ids): VACUUM laid the
    // rows out by those ids alone.
    const sheets = sheetsIn(after.main.toString("latin1"));
    expect([...sheets].sort()).toEqual([...truth.values()].sort());

    // `ita seal` again: nothing left to rewrite, the files compacted once more, still nothing to link.
    const again = await ita("seal", "--round", app.agencies.a.roundSlug);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      alreadySealed: true,
      iitResponses: 8,
      codesIssued: 10,
      codesUsed: 8,
      storageCleaned: true,
    });
    const text = await ita("seal", "--round", app.agencies.a.roundSlug, "--format", "text");
    expect(text.stdout).toContain("ออก 10 รหัส ใช้แล้ว 8 รหัส");
    const last = readSqliteFiles(app.database.url);
    expect(last.wal.length).toBe(0);
    const files = Buffer.concat([last.main, last.shm]).toString("latin1");
    for (const hash of truth.keys()) expect(files).not.toContain(hash);
  });
});

describe("attack 2: PostgreSQL heap pages (pageinspect as the cluster's superuser)", () => {
  const { app, eightStaffAnswer, closeRound, ita } = useCodesRound("postgres");

  it("links 8 of 8 codes to sheets by xmin in an open round, and 0 of 8 after close: no dead tuple, one xmin", async () => {
    const truth = await eightStaffAnswer();
    const url = app.database.url;
    const before = pairByXmin(heapTuples(url, "iit_code_use"), heapTuples(url, "iit_responses"));
    expect(countTrue(before, truth)).toBe(8);
    // Nine versions of the one spent-code row: the empty one and one per answer.
    expect(heapTuples(url, "iit_code_use").filter((t) => t.xmin !== "")).toHaveLength(9);

    await closeRound();

    const codeUse = heapTuples(url, "iit_code_use");
    const responses = heapTuples(url, "iit_responses");
    expect(countTrue(pairByXmin(codeUse, responses), truth)).toBe(0);
    expect(codeUse.filter((t) => t.xmin !== "")).toEqual([]);
    // Only live tuples, all written by the seal's one transaction: their xmin pairs nothing.
    expect(responses.map((t) => t.lpFlags)).toEqual(Array(8).fill(1));
    expect(responses.map((t) => t.xmax)).toEqual(Array(8).fill("0"));
    expect(new Set(responses.map((t) => t.xmin)).size).toBe(1);
    expect(responses.flatMap((t) => sheetsIn(t.data)).sort()).toEqual([...truth.values()].sort());
    // The IIT tallies were rewritten in the same transaction: no older version of a count is left.
    const tallies = heapTuples(url, "tallies");
    expect(tallies.filter((t) => t.lpFlags !== 1 || t.xmax !== "0")).toEqual([]);
    // No code hash in any page of the sealed tables, their indexes or TOAST tables.
    for (const table of ["iit_codes", "iit_code_use", "iit_responses", "tallies"]) {
      const pages = rawPagesWithIndexes(url, table);
      for (const hash of truth.keys()) expect(pages, table).not.toContain(hash);
    }

    const again = await ita("seal", "--round", app.agencies.a.roundSlug);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ alreadySealed: true, storageCleaned: true });
  });
});
