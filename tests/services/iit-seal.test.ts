import SQLite from "better-sqlite3";
import crypto from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { updateRoundSettings } from "../../app/services/rounds/rounds.server";
import { sealRound, sealStateOf } from "../../app/services/rounds/seal.server";
import { issueIitCodes } from "../../app/services/round-access.server";
import { checkAccess } from "../../app/services/submissions/access-check.server";
import { submit } from "../../app/services/submissions/submit.server";
import type { Db } from "../../db/client";
import { SEALED_TABLES, truncateWal } from "../../db/repositories/iit-seal";
import { countIitCodes, hashCode, insertIitCodes } from "../../db/repositories/round-access";
import type { RoundTable } from "../../db/schema";
import { WAL_TRUNCATE_DELAY_MS } from "../../db/wal-window";
import { randomAnswers, readFramework } from "../support/answers";
import { FLAVOURS } from "../support/databases";
import { createAgencySetup, roundSettingsForm, type AgencySetup } from "../support/factories";
import { countTrue, pairByTransaction, readSqliteFiles, sheetsIn, walTransactions } from "../support/iit-attack";
import { expectRolledBackWhenAuditFails, snapshot, useServiceDb } from "../support/service-db";

const fw = readFramework();

function send(db: Db, body: Record<string, unknown>) {
  return submit(db, {
    contentType: "application/json",
    readBody: async () => JSON.stringify(body),
    clientAddress: "10.0.0.1",
    exempt: true,
  });
}

/** Eight staff answer one after the other, each with their own code; returns who sent which sheet. */
async function eightAnswer(db: Db, round: RoundTable, codes: string[]) {
  const truth = new Map<string, string>(); // code hash → sheet as stored
  const receipts: { id: string; submissionId: string }[] = [];
  for (const code of codes.slice(0, 8)) {
    const answers = randomAnswers(fw, "IIT");
    const submissionId = crypto.randomUUID();
    const res = await send(db, { round: round.slug, instrument: "iit", answers, submissionId, accessCode: code });
    expect(res.status).toBe(201);
    truth.set(hashCode(code), JSON.stringify(answers));
    receipts.push({ id: (res.body as { id: string }).id, submissionId });
  }
  return { truth, receipts };
}

const iitRows = (db: Db, roundId: string) =>
  db.selectFrom("iit_responses").selectAll().where("round_id", "=", roundId).execute();
const iitFigures = async (db: Db, roundId: string) => ({
  tallies: (
    await db.selectFrom("tallies").selectAll().where("round_id", "=", roundId).where("instrument", "=", "iit").execute()
  )
    .map((r) => JSON.stringify(r))
    .sort(),
  counts: await db.selectFrom("response_counts").selectAll().where("round_id", "=", roundId).execute(),
  // The access counters (issue 13, "padding is visible") are rewritten by the seal and must keep their values.
  access: (await db.selectFrom("iit_access_counts").selectAll().where("round_id", "=", roundId).execute())
    .map((r) => JSON.stringify({ ...r, count: Number(r.count) }))
    .sort(),
});

describe.each(FLAVOURS)("sealing a round's IIT storage on %s", (flavour) => {
  const t = useServiceDb(flavour);

  async function roundWithAnswers(): Promise<
    AgencySetup & { codes: string[] } & Awaited<ReturnType<typeof eightAnswer>>
  > {
    const setup = await createAgencySetup(t.db, { iit_access: "codes", pin: null });
    const codes = await insertIitCodes(t.db, setup.round.id, 10);
    return { ...setup, codes, ...(await eightAnswer(t.db, setup.round, codes)) };
  }

  it("runs when the round is closed: codes become two counts, sheets get new ids, the IIT figures stay", async () => {
    const { round, admin, agency, truth, receipts } = await roundWithAnswers();
    const figures = await iitFigures(t.db, round.id);

    const closed = await updateRoundSettings(t.db, admin, round.id, roundSettingsForm(round, "closed"));
    expect(closed).toMatchObject({ ok: true, changed: ["status"] });
    const seal = closed.ok ? closed.seal : undefined;
    expect(seal).toMatchObject({
      ok: true,
      report: {
        alreadySealed: false,
        iitResponses: 8,
        codesIssued: 10,
        codesUsed: 8,
        storageCleaned: true,
        problem: null,
      },
    });

    // No code hash is left, spent or not: the round keeps the two counts.
    expect(await t.db.selectFrom("iit_codes").selectAll().where("round_id", "=", round.id).execute()).toEqual([]);
    expect(await t.db.selectFrom("iit_code_use").selectAll().where("round_id", "=", round.id).execute()).toEqual([]);
    expect(await countIitCodes(t.db, round.id)).toEqual({ total: 10, used: 8 });
    // The same eight sheets, none under the id or submission id its sender was given or made.
    const rows = await iitRows(t.db, round.id);
    expect(rows.map((r) => r.answers).sort()).toEqual([...truth.values()].sort());
    const oldIds = new Set(receipts.flatMap((r) => [r.id, r.submissionId]));
    expect(rows.filter((r) => oldIds.has(r.id) || oldIds.has(r.submission_id))).toEqual([]);
    expect(await iitFigures(t.db, round.id)).toEqual(figures);

    const audit = await t.db.selectFrom("audit_log").selectAll().where("agency_id", "=", agency.id).execute();
    // The close also decided the IIT release (8 answers: released), in its own audit line.
    expect(audit.map((a) => a.action).sort()).toEqual(["round.iit-release", "round.seal", "round.update"]);
    const sealEntry = audit.find((a) => a.action === "round.seal")!;
    expect(sealEntry.user_id).toBe(admin.id);
    expect(JSON.parse(sealEntry.detail!)).toEqual({ iitResponses: 8, codesIssued: 10, codesUsed: 8 });
  });

  it("is idempotent: sealing again rewrites nothing and logs nothing, and only compacts the files again", async () => {
    const { round, admin, agency } = await roundWithAnswers();
    await updateRoundSettings(t.db, admin, round.id, roundSettingsForm(round, "closed"));
    const tables = [...SEALED_TABLES, "iit_seals", "audit_log"] as const;
    const before = await snapshot(t.db, tables);
    const again = await sealRound(t.db, null, round.id);
    expect(again).toMatchObject({
      ok: true,
      report: { alreadySealed: true, iitResponses: 8, codesIssued: 10, codesUsed: 8, storageCleaned: true },
    });
    const third = await sealRound(t.db, admin, round.id);
    expect(third.ok && third.report.alreadySealed).toBe(true);
    expect(await snapshot(t.db, tables)).toEqual(before);
    const seals = await t.db.selectFrom("audit_log").select("action").where("agency_id", "=", agency.id).execute();
    expect(seals.filter((a) => a.action === "round.seal")).toHaveLength(1);
  });

  it("refuses a round that still takes answers and writes nothing; a clerk gets 403, another agency 404", async () => {
    const { round, admin, clerk } = await roundWithAnswers();
    const other = await createAgencySetup(t.db);
    const tables = [...SEALED_TABLES, "iit_seals", "audit_log"] as const;
    const before = await snapshot(t.db, tables);
    const open = await sealRound(t.db, admin, round.id);
    expect(open.ok ? [] : open.errors.map((e) => e.field)).toEqual(["status"]);
    expect(open.ok ? "" : open.errors[0]!.messageTh).toMatch(/[ก-๙]/);
    await expect(sealRound(t.db, clerk, round.id)).rejects.toMatchObject({ status: 403 });
    await expect(sealRound(t.db, other.admin, round.id)).rejects.toMatchObject({ status: 404 });
    expect(await snapshot(t.db, tables)).toEqual(before);
    // A round past its closing date takes no answers either, and can be sealed without changing its status.
    await t.db.updateTable("rounds").set({ closes_on: "2020-01-31" }).where("id", "=", round.id).execute();
    expect((await sealRound(t.db, null, round.id)).ok).toBe(true);
  });

  it("takes no IIT answer once sealed, also after re-opening (409, Thai), and still takes EIT answers", async () => {
    const { round, admin, codes } = await roundWithAnswers();
    await updateRoundSettings(t.db, admin, round.id, roundSettingsForm(round, "closed"));
    const reopened = await updateRoundSettings(t.db, admin, round.id, roundSettingsForm(round, "open"));
    expect(reopened).toEqual({ ok: true, changed: ["status"] });
    const figures = await iitFigures(t.db, round.id);
    // The submission path caches rounds for a second: wait it out rather than race it.
    await new Promise((r) => setTimeout(r, 1100));

    const late = await send(t.db, {
      round: round.slug,
      instrument: "iit",
      answers: randomAnswers(fw, "IIT"),
      submissionId: crypto.randomUUID(),
      accessCode: codes[9],
    });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ reason: "iit-sealed" });
    expect((late.body as { errorTh: string }).errorTh).toContain("ผนึก");
    const check = await checkAccess(t.db, {
      contentType: "application/json",
      readBody: async () => JSON.stringify({ round: round.slug, accessCode: codes[9] }),
      clientAddress: crypto.randomUUID(),
    });
    expect(check.status).toBe(409);
    expect(await iitFigures(t.db, round.id)).toEqual(figures);
    expect(await iitRows(t.db, round.id)).toHaveLength(8);
    const codesRefused = await issueIitCodes(t.db, admin, round.id, { count: "5" });
    expect(codesRefused.ok ? [] : codesRefused.errors.map((e) => e.field)).toEqual(["count"]);
    expect(await countIitCodes(t.db, round.id)).toEqual({ total: 10, used: 8 });

    const eit = await send(t.db, {
      round: round.slug,
      instrument: "eit",
      answers: randomAnswers(fw, "EIT"),
      submissionId: crypto.randomUUID(),
    });
    expect(eit.status).toBe(201);
  });

  it("keeps every acknowledged answer when answers race the close, and takes none after the seal", async () => {
    const setup = await createAgencySetup(t.db, { iit_access: "codes", pin: null });
    const codes = await insertIitCodes(t.db, setup.round.id, 30);
    const sent = codes.map((code) => ({ code, answers: randomAnswers(fw, "IIT") }));
    // Prime the submission path's round cache as "open", so that answers still reach the store after the close.
    await send(t.db, { round: setup.round.slug, instrument: "iit", answers: {}, submissionId: crypto.randomUUID() });
    const replies = Promise.all(
      sent.map(async ({ code, answers }, i) => {
        await new Promise((r) => setTimeout(r, i * 3));
        return send(t.db, {
          round: setup.round.slug,
          instrument: "iit",
          answers,
          submissionId: crypto.randomUUID(),
          accessCode: code,
        });
      }),
    );
    await new Promise((r) => setTimeout(r, 20));
    const closed = await updateRoundSettings(
      t.db,
      setup.admin,
      setup.round.id,
      roundSettingsForm(setup.round, "closed"),
    );
    const statuses = (await replies).map((r) => r.status);
    expect(statuses.filter((s) => s !== 201 && s !== 409)).toEqual([]);
    const accepted = sent.filter((_, i) => statuses[i] === 201).map((s) => JSON.stringify(s.answers));
    const rows = await iitRows(t.db, setup.round.id);
    expect(rows.map((r) => r.answers).sort()).toEqual(accepted.sort());
    expect(closed.ok && closed.seal?.ok && closed.seal.report).toMatchObject({
      iitResponses: accepted.length,
      codesUsed: accepted.length,
      codesIssued: 30,
    });
    expect(await t.db.selectFrom("iit_code_use").selectAll().where("round_id", "=", setup.round.id).execute()).toEqual(
      [],
    );
  });

  it("rolls the seal back with its audit entry when the audit log refuses it", async () => {
    const { round } = await roundWithAnswers();
    await t.db.updateTable("rounds").set({ status: "closed" }).where("id", "=", round.id).execute();
    await expectRolledBackWhenAuditFails(t.db, [...SEALED_TABLES, "iit_seals"], () => sealRound(t.db, null, round.id));
  });
});

describe("the SQLite write-ahead log during a round", () => {
  const t = useServiceDb("sqlite");

  it("pairs codes with sheets (8 of 8) only until the next checkpoint; after it, a copy links 0 of 8", async () => {
    const { round } = await createAgencySetup(t.db, { iit_access: "codes", pin: null });
    const codes = await insertIitCodes(t.db, round.id, 10);
    expect(await truncateWal(t.db)).toBe(true);
    // A reader holding a snapshot keeps every frame in the WAL (the scheduled checkpoint is refused meanwhile):
    // this is the window a copy taken mid-round can fall into.
    const reader = new SQLite(t.url, { readonly: true });
    reader.prepare("begin").run();
    reader.prepare("select count(*) from rounds").get();
    const { truth } = await eightAnswer(t.db, round, codes);

    const during = readSqliteFiles(t.url);
    const links = pairByTransaction(walTransactions(during.wal));
    expect(links).toHaveLength(8);
    expect(countTrue(links, truth)).toBe(8);
    // ...in the true order of answering.
    expect(links.map((l) => l.codeHash)).toEqual([...truth.keys()]);

    reader.prepare("commit").run();
    reader.close();
    expect(await truncateWal(t.db, 0)).toBe(true);
    const after = readSqliteFiles(t.url);
    expect(after.wal.length).toBe(0);
    expect(pairByTransaction(walTransactions(after.wal))).toEqual([]);
    // The database file holds the sheets (in random-id order) and one sorted list of spent codes, and no
    // earlier version of that list: freed cells were zeroed (secure_delete).
    const main = after.main.toString("latin1");
    expect(new Set(sheetsIn(main))).toEqual(new Set(truth.values()));
    const lists = main.match(/\["[0-9a-f]{64}"(?:,"[0-9a-f]{64}")*\]/g) ?? [];
    expect(lists.map((l) => (JSON.parse(l) as string[]).length)).toEqual([8]);
    expect(pairByTransaction([main])).toEqual([]);
  });

  it("reports a seal whose files a reader holds, says so on the round, and finishes when run again", async () => {
    const { round, admin } = await createAgencySetup(t.db, { iit_access: "codes", pin: null });
    const codes = await insertIitCodes(t.db, round.id, 10);
    const reader = new SQLite(t.url, { readonly: true });
    reader.prepare("begin").run();
    reader.prepare("select count(*) from rounds").get();
    const { truth } = await eightAnswer(t.db, round, codes);
    const closed = await updateRoundSettings(t.db, admin, round.id, roundSettingsForm(round, "closed"));
    expect(closed.ok && closed.seal).toMatchObject({ ok: true, report: { storageCleaned: false } });
    expect(closed.ok && closed.seal?.ok && closed.seal.report.problem).toMatch(/reading/);
    expect(await sealStateOf(t.db, round.id)).toBe("incomplete");
    reader.prepare("commit").run();
    reader.close();

    // Saving the closed round's settings again (or `ita seal`) finishes the job.
    const again = await updateRoundSettings(
      t.db,
      admin,
      round.id,
      roundSettingsForm({ ...round, status: "closed" }, "closed"),
    );
    expect(again.ok && again.seal).toMatchObject({ ok: true, report: { alreadySealed: true, storageCleaned: true } });
    const files = readSqliteFiles(t.url);
    expect(files.wal.length).toBe(0);
    const all = Buffer.concat([files.main, files.wal, files.shm]).toString("latin1");
    for (const hash of truth.keys()) expect(all).not.toContain(hash);
    expect(await sealStateOf(t.db, round.id)).toBe("sealed");
  });
});

describe("the SQLite write-ahead log after IIT answers", () => {
  // A database of its own: the checkpoint timer is one per database, and this test fakes it.
  const t = useServiceDb("sqlite");

  it("truncates the WAL on a timer after IIT answers are stored, so an idle round's WAL holds no frame", async () => {
    const { round } = await createAgencySetup(t.db, { iit_access: "codes", pin: null });
    const codes = await insertIitCodes(t.db, round.id, 10);
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const { truth } = await eightAnswer(t.db, round, codes);
      expect(readSqliteFiles(t.url).wal.length).toBeGreaterThan(0);
      await vi.advanceTimersByTimeAsync(WAL_TRUNCATE_DELAY_MS);
      await vi.waitFor(() => expect(readSqliteFiles(t.url).wal.length).toBe(0));
      const files = readSqliteFiles(t.url);
      expect(countTrue(pairByTransaction(walTransactions(files.wal)), truth)).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
