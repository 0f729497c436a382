import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Answers } from "../../app/ita/index";
import { submitEntry } from "../../app/services/round-access.server";
import {
  correctKeyedEntry,
  getKeyedEntry,
  listKeyedEntries,
  voidKeyedEntry,
} from "../../app/services/submissions/keyed-entries.server";
import { storeSubmissions, type Submission } from "../../db/repositories/responses";
import { deleteRound } from "../../db/repositories/rounds";
import { readFramework } from "../support/answers";
import { FLAVOURS } from "../support/databases";
import { actorOf, createAgencySetup, createUser } from "../support/factories";
import { expectRolledBackWhenAuditFails, snapshot, useServiceDb } from "../support/service-db";

const fw = readFramework();

/** Every EIT answer at one level (0 or 1; every ita-2565 EIT scale has at least two): 19 tally points. */
function sheetAt(level: number): Answers {
  const answers: Answers = {};
  for (const item of fw.items.EIT)
    answers[item.id] = item.subItems ? Object.fromEntries(item.subItems.map((_, i) => [String(i + 1), level])) : level;
  answers.respondent_type = "service";
  return answers;
}

const eit = { instrument: "eit" as const, channel: "paper" as const };
const TABLES = ["eit_responses", "iit_responses", "keyed_entries", "tallies", "response_counts"] as const;

describe.each(FLAVOURS)("keyed-in entries service on %s", (flavour) => {
  const t = useServiceDb(flavour);

  const key = (actor: Parameters<typeof submitEntry>[1], roundId: string, serial: unknown, level = 0) =>
    submitEntry(t.db, actor, roundId, {
      ...eit,
      body: { answers: sheetAt(level), submissionId: crypto.randomUUID(), serial },
    });
  const tally = async (roundId: string, item: string, level: number) =>
    Number(
      (
        await t.db
          .selectFrom("tallies")
          .select("count")
          .where("round_id", "=", roundId)
          .where("instrument", "=", "eit")
          .where("item", "=", item)
          .where("sub", "=", 0)
          .where("level", "=", level)
          .executeTakeFirst()
      )?.count ?? 0,
    );
  const tallySum = async (roundId: string) =>
    (await t.db.selectFrom("tallies").select("count").where("round_id", "=", roundId).execute()).reduce(
      (sum, r) => sum + Number(r.count),
      0,
    );
  const eitCount = async (roundId: string) =>
    Number(
      (
        await t.db
          .selectFrom("response_counts")
          .select("count")
          .where("round_id", "=", roundId)
          .where("instrument", "=", "eit")
          .executeTakeFirst()
      )?.count ?? 0,
    );
  const actions = async (roundId: string) =>
    (
      await t.db
        .selectFrom("audit_log")
        .select(["action", "detail"])
        .where("entity_id", "=", roundId)
        .where("action", "like", "entry.%")
        .orderBy("id")
        .execute()
    ).map((e) => [e.action, JSON.parse(e.detail ?? "{}").serial]);

  it("stores a keyed EIT sheet with its serial, who keyed it and when, and refuses a repeated serial changing nothing", async () => {
    const { round, clerk } = await createAgencySetup(t.db);
    expect((await key(clerk, round.id, " A-001 ")).status).toBe(201);
    const listed = await listKeyedEntries(t.db, clerk, round.id);
    expect(listed.scope).toBe("own");
    expect(listed.entries).toHaveLength(1);
    expect(listed.entries[0]).toMatchObject({ serial: "A-001", channel: "paper" });
    expect(listed.entries[0]!.enteredBy).toMatch(/@/);
    expect(Date.now() - Date.parse(listed.entries[0]!.enteredAt)).toBeLessThan(60 * 60 * 1000);

    const before = await snapshot(t.db, TABLES);
    const again = await key(clerk, round.id, "A-001");
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ reason: "serial-taken" });
    expect((again.body as { errorTh: string }).errorTh).toContain("เลขที่แบบสอบถาม A-001 บันทึกไว้แล้วในรอบนี้");
    const missing = await key(clerk, round.id, "   ");
    expect(missing.status).toBe(422);
    expect((missing.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(["serial"]);
    expect(await snapshot(t.db, TABLES)).toEqual(before);
    expect(await tallySum(round.id)).toBe(19);
    expect(await eitCount(round.id)).toBe(1);
  });

  it("stores one of two sheets with the same serial committed in one batch, and refuses the other", async () => {
    const { round, clerk } = await createAgencySetup(t.db);
    const sheet = (): Submission => ({
      roundId: round.id,
      framework: round.framework,
      instrument: "eit",
      submissionId: crypto.randomUUID(),
      answers: sheetAt(0),
      tallies: [{ item: "e2", sub: 0, level: 0 }],
      channel: null,
      respondentType: "service",
      day: "2026-12-05",
      entry: { serial: "B-7", enteredBy: clerk.id, enteredAt: new Date().toISOString() },
    });
    const outcomes = await storeSubmissions(t.db, [sheet(), sheet()]);
    expect(outcomes.map((o) => o.status)).toEqual(["created", "serial-taken"]);
    expect(await t.db.selectFrom("keyed_entries").select("serial").where("round_id", "=", round.id).execute()).toEqual([
      { serial: "B-7" },
    ]);
    expect(await eitCount(round.id)).toBe(1);
    expect(await tally(round.id, "e2", 0)).toBe(1);
  });

  it("corrects a sheet's answers, moving its 19 tally points from level 0 to level 1, with entry.correct", async () => {
    const { round, clerk, admin } = await createAgencySetup(t.db);
    await key(clerk, round.id, "001");
    await key(admin, round.id, "002");
    expect(await tally(round.id, "e2", 0)).toBe(2);
    expect(await tallySum(round.id)).toBe(38);
    const all = await listKeyedEntries(t.db, admin, round.id);
    expect(all.scope).toBe("all");
    expect(all.entries.map((e) => e.serial).sort()).toEqual(["001", "002"]);
    const first = all.entries.find((e) => e.serial === "001")!;
    const page = await getKeyedEntry(t.db, clerk, round.id, first.id, "th");
    expect(page.answers.e2).toBe(0);

    const refused = await correctKeyedEntry(t.db, clerk, round.id, first.id, { answers: { e2: 9 } });
    expect(refused.ok).toBe(false);
    expect(await tallySum(round.id)).toBe(38);

    expect(await correctKeyedEntry(t.db, clerk, round.id, first.id, { answers: sheetAt(1) })).toEqual({ ok: true });
    expect(await tally(round.id, "e2", 0)).toBe(1);
    expect(await tally(round.id, "e2", 1)).toBe(1);
    expect(await tally(round.id, "e15", 0)).toBe(1);
    expect(await tally(round.id, "e15", 1)).toBe(1);
    expect(await tallySum(round.id)).toBe(38);
    expect(await eitCount(round.id)).toBe(2);
    expect((await getKeyedEntry(t.db, admin, round.id, first.id, "th")).answers.e2).toBe(1);
    expect(await actions(round.id)).toEqual([["entry.correct", "001"]]);
  });

  it("voids a sheet: its points and its count leave the tallies, the serial is audited and can be keyed again", async () => {
    const { round, clerk } = await createAgencySetup(t.db);
    await key(clerk, round.id, "001");
    await key(clerk, round.id, "002", 1);
    const [second] = (await listKeyedEntries(t.db, clerk, round.id)).entries.filter((e) => e.serial === "002");
    expect(await voidKeyedEntry(t.db, clerk, round.id, second!.id)).toEqual({ ok: true, serial: "002" });
    expect(await tally(round.id, "e2", 1)).toBe(0);
    expect(await tally(round.id, "e2", 0)).toBe(1);
    expect(await tallySum(round.id)).toBe(19);
    expect(await eitCount(round.id)).toBe(1);
    expect(await t.db.selectFrom("eit_responses").select("id").where("round_id", "=", round.id).execute()).toHaveLength(
      1,
    );
    expect((await listKeyedEntries(t.db, clerk, round.id)).entries.map((e) => e.serial)).toEqual(["001"]);
    expect(await actions(round.id)).toEqual([["entry.void", "002"]]);
    await expect(voidKeyedEntry(t.db, clerk, round.id, second!.id)).rejects.toMatchObject({ status: 404 });
    expect((await key(clerk, round.id, "002")).status).toBe(201);
  });

  it("rolls back a correction and a void when their audit entry cannot be written", async () => {
    const { round, clerk } = await createAgencySetup(t.db);
    await key(clerk, round.id, "001");
    const [entry] = (await listKeyedEntries(t.db, clerk, round.id)).entries;
    await expectRolledBackWhenAuditFails(t.db, TABLES, () =>
      correctKeyedEntry(t.db, clerk, round.id, entry!.id, { answers: sheetAt(1) }),
    );
    await expectRolledBackWhenAuditFails(t.db, TABLES, () => voidKeyedEntry(t.db, clerk, round.id, entry!.id));
    expect(await tally(round.id, "e2", 0)).toBe(1);
  });

  it("shows a clerk only their own sheets, and another agency's users get 404", async () => {
    const { round, agency, clerk, admin } = await createAgencySetup(t.db);
    const otherClerk = actorOf(await createUser(t.db, "clerk", agency.id));
    await key(clerk, round.id, "001");
    const [entry] = (await listKeyedEntries(t.db, clerk, round.id)).entries;
    expect((await listKeyedEntries(t.db, otherClerk, round.id)).entries).toEqual([]);
    await expect(voidKeyedEntry(t.db, otherClerk, round.id, entry!.id)).rejects.toMatchObject({ status: 404 });
    expect((await listKeyedEntries(t.db, admin, round.id)).entries).toHaveLength(1);

    const other = await createAgencySetup(t.db);
    await expect(listKeyedEntries(t.db, other.admin, round.id)).rejects.toMatchObject({ status: 404 });
    await expect(getKeyedEntry(t.db, other.admin, round.id, entry!.id, "th")).rejects.toMatchObject({ status: 404 });
    await expect(
      correctKeyedEntry(t.db, other.admin, round.id, entry!.id, { answers: sheetAt(1) }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(voidKeyedEntry(t.db, other.admin, round.id, entry!.id)).rejects.toMatchObject({ status: 404 });
    await expect(listKeyedEntries(t.db, other.viewer, round.id)).rejects.toMatchObject({ status: 403 });
    expect(await tallySum(round.id)).toBe(19);
  });

  it("deletes a round with keyed-in sheets, their serials going with it", async () => {
    const { round, clerk } = await createAgencySetup(t.db);
    await key(clerk, round.id, "001");
    await deleteRound(t.db, round.id);
    expect(await t.db.selectFrom("keyed_entries").select("serial").where("round_id", "=", round.id).execute()).toEqual(
      [],
    );
  });

  it("never lists or opens an IIT sheet keyed in by staff, and stores no serial or keyer with it", async () => {
    const { round, clerk, admin } = await createAgencySetup(t.db);
    const iitAnswers: Answers = {};
    for (const item of fw.items.IIT)
      iitAnswers[item.id] = item.subItems ? Object.fromEntries(item.subItems.map((_, i) => [String(i + 1), 0])) : 0;
    const stored = await submitEntry(t.db, clerk, round.id, {
      instrument: "iit",
      channel: "paper",
      body: { answers: iitAnswers, submissionId: crypto.randomUUID(), serial: "IIT-1" },
    });
    expect(stored.status).toBe(201);
    const iitId = (stored.body as { id: string }).id;
    expect((await listKeyedEntries(t.db, admin, round.id)).entries).toEqual([]);
    expect((await listKeyedEntries(t.db, clerk, round.id)).entries).toEqual([]);
    expect(await t.db.selectFrom("keyed_entries").selectAll().where("round_id", "=", round.id).execute()).toEqual([]);
    await expect(getKeyedEntry(t.db, admin, round.id, iitId, "th")).rejects.toMatchObject({ status: 404 });
    await expect(voidKeyedEntry(t.db, admin, round.id, iitId)).rejects.toMatchObject({ status: 404 });
    await expect(correctKeyedEntry(t.db, admin, round.id, iitId, { answers: iitAnswers })).rejects.toMatchObject({
      status: 404,
    });
  });
});
