import crypto from "node:crypto";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { tallyAnswers, type Answers } from "../../app/ita";
import { getIndicatorPage } from "../../app/services/results/drilldown.server";
import { exportResponses } from "../../app/services/results/exports.server";
import { recountRound } from "../../app/services/results/recount.server";
import { getResultsJson, getResultsPage } from "../../app/services/results/results.server";
import { getRoundSettings, updateRoundSettings } from "../../app/services/rounds/rounds.server";
import { releaseIit } from "../../db/repositories/iit-release";
import { storeSubmissions, type Submission } from "../../db/repositories/responses";
import type { RoundTable } from "../../db/schema";
import { randomAnswers, readFramework, seededRandom } from "../support/answers";
import { FLAVOURS } from "../support/databases";
import { createAgencySetup, type AgencySetup } from "../support/factories";
import { expectRolledBackWhenAuditFails, useServiceDb } from "../support/service-db";

const fw = readFramework("ita-2565");

/** The round's settings form as the browser posts it, with another status. */
const withStatus = (round: RoundTable, status: "open" | "closed") => ({
  fiscal_year: String(round.fiscal_year),
  title: round.title ?? "",
  framework: round.framework,
  status,
  opens_on: "",
  closes_on: "",
  iit_access: round.iit_access,
  pin: round.pin ?? "",
  strength_line: String(round.strength_line),
  target_line: String(round.target_line),
  min_iit: String(round.min_iit),
  min_eit: String(round.min_eit),
});

function iitSubmission(round: RoundTable, answers: Answers, iitAccess: Submission["iitAccess"] = "pin"): Submission {
  return {
    roundId: round.id,
    framework: fw.id,
    instrument: "iit",
    submissionId: crypto.randomUUID(),
    answers,
    tallies: tallyAnswers(fw, "IIT", [answers]).rows.map(({ item, sub, level }) => ({ item, sub, level })),
    iitAccess,
  };
}

function eitSubmission(round: RoundTable, answers: Answers): Submission {
  return {
    roundId: round.id,
    framework: fw.id,
    instrument: "eit",
    submissionId: crypto.randomUUID(),
    answers,
    tallies: tallyAnswers(fw, "EIT", [answers]).rows.map(({ item, sub, level }) => ({ item, sub, level })),
    channel: null,
    respondentType: String(answers.respondent_type),
    day: "2026-12-05",
  };
}

/** Every answer level 3 (or a given level), with a comment. */
function uniformIit(level: number, comment?: string): Answers {
  const answers: Answers = {};
  for (const item of fw.items.IIT)
    answers[item.id] = item.subItems ? Object.fromEntries(item.subItems.map((_, i) => [String(i + 1), level])) : level;
  if (comment) answers.comment = comment;
  return answers;
}

describe.each(FLAVOURS)("IIT release on %s", (flavour) => {
  const t = useServiceDb(flavour);

  async function answered(iit: number, seed = 1): Promise<AgencySetup> {
    const setup = await createAgencySetup(t.db);
    const random = seededRandom(seed);
    const items = Array.from({ length: iit }, (_, i) =>
      iitSubmission(setup.round, { ...randomAnswers(fw, "IIT", random), comment: `ความเห็นที่ ${i + 1}` }),
    );
    items.push(eitSubmission(setup.round, randomAnswers(fw, "EIT", random)));
    const outcomes = await storeSubmissions(t.db, items);
    expect(outcomes.every((o) => o.status === "created")).toBe(true);
    return setup;
  }
  const close = (s: AgencySetup) => updateRoundSettings(t.db, s.admin, s.round.id, withStatus(s.round, "closed"));
  const reopen = (s: AgencySetup) => updateRoundSettings(t.db, s.admin, s.round.id, withStatus(s.round, "open"));
  const auditActions = async (roundId: string) =>
    (
      await t.db
        .selectFrom("audit_log")
        .select(["action", "detail"])
        .where("entity_id", "=", roundId)
        .orderBy("id")
        .execute()
    ).map((a) => [a.action, JSON.parse(a.detail ?? "null")]);

  it("withholds every IIT figure while the round is open, whatever the number of answers", async () => {
    const s = await answered(12);
    const page = await getResultsPage(t.db, s.admin, s.round.id);
    expect(page.results.responseCounts.iit).toBe(12);
    expect(page.results.iitRelease).toEqual({
      state: "pending",
      minGroup: 5,
      releasedAt: null,
      count: null,
      access: { code: 0, pin: 12, staff: 0, codesIssued: 0, codesUsed: 0 },
    });
    expect(page.results.instruments.IIT).toBeNull();
    expect([1, 2, 3, 4, 5].map((n) => page.results.ranking.find((r) => r.indicator === n))).toEqual(
      [1, 2, 3, 4, 5].map(() => undefined),
    );
    expect(page.iitComments).toEqual([]);
    expect(page.results.missingReasons[0]).toEqual({
      instrument: "IIT",
      reason: "IIT figures are released once, when the round closes with at least 5 responses (anonymity)",
      reasonTh: "ผล IIT จะประกาศครั้งเดียวเมื่อปิดรอบ หากมีบุคลากรตอบอย่างน้อย 5 คน เพื่อปกปิดตัวตนผู้ตอบ",
    });
    const drill = (await getIndicatorPage(t.db, s.admin, s.round.id, "1")).detail;
    expect(drill.score).toBeNull();
    expect(drill.questions).toEqual([]);
    const xlsx = await exportResponses(t.db, s.admin, s.round.id, "xlsx");
    expect(xlsx.iitAggregates).toBe("withheld");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(["ITA 2569"]);
    expect(book.worksheets[0]!.rowCount).toBe(1 + 1);
  });

  it("releases the IIT once at the close with at least IIT_MIN_GROUP answers, and audits the release", async () => {
    const s = await answered(6);
    expect(await close(s)).toMatchObject({ ok: true, changed: ["status"], seal: { ok: true } });
    const release = await t.db.selectFrom("iit_releases").selectAll().where("round_id", "=", s.round.id).execute();
    expect(release).toHaveLength(1);
    expect(release[0]!.count).toBe(6);
    const results = await getResultsJson(t.db, s.viewer, s.round.id);
    expect(results.iitRelease).toMatchObject({ state: "released", count: 6, releasedAt: release[0]!.released_at });
    expect(results.instruments.IIT).not.toBeNull();
    expect(results.ranking.filter((r) => r.indicator <= 5)).toHaveLength(5);
    expect((await auditActions(s.round.id)).filter(([a]) => a !== "round.seal").slice(-2)).toEqual([
      ["round.update", { status: { from: "open", to: "closed" } }],
      ["round.iit-release", { result: "released", count: 6, minGroup: 5 }],
    ]);
    expect((await getRoundSettings(t.db, s.admin, s.round.id)).iitRelease).toEqual({
      releasedAt: release[0]!.released_at,
      count: 6,
    });
  });

  it("keeps the released figures through re-opening, recounting and closing again, and refuses IIT after the release", async () => {
    const s = await answered(5, 2);
    await close(s);
    const first = await getResultsJson(t.db, s.admin, s.round.id);
    const releasedTallies = await t.db
      .selectFrom("iit_release_tallies")
      .select(["item", "sub", "level", "count"])
      .where("round_id", "=", s.round.id)
      .orderBy("item")
      .orderBy("sub")
      .orderBy("level")
      .execute();

    await reopen(s);
    // The store refuses IIT for the released round (even past the route's checks) and still takes EIT.
    const outcomes = await storeSubmissions(t.db, [
      iitSubmission(s.round, uniformIit(0)),
      eitSubmission(s.round, randomAnswers(fw, "EIT", seededRandom(3))),
    ]);
    // The close sealed the round too: the seal's refusal comes first (the release's is tested below).
    expect(outcomes.map((o) => o.status)).toEqual(["iit-sealed", "created"]);
    // Even an answer written behind the app's back and counted by `ita recount` does not move the release.
    await t.db
      .insertInto("iit_responses")
      .values({
        id: crypto.randomUUID(),
        round_id: s.round.id,
        framework: fw.id,
        submission_id: crypto.randomUUID(),
        answers: JSON.stringify(uniformIit(0)),
      })
      .execute();
    await recountRound(t.db, s.round);
    await close(s);

    const after = await getResultsJson(t.db, s.admin, s.round.id);
    expect(after.iitRelease).toEqual(first.iitRelease);
    expect([1, 2, 3, 4, 5].map((n) => after.ranking.find((r) => r.indicator === n)?.score)).toEqual(
      [1, 2, 3, 4, 5].map((n) => first.ranking.find((r) => r.indicator === n)?.score),
    );
    expect(
      await t.db
        .selectFrom("iit_release_tallies")
        .select(["item", "sub", "level", "count"])
        .where("round_id", "=", s.round.id)
        .orderBy("item")
        .orderBy("sub")
        .orderBy("level")
        .execute(),
    ).toEqual(releasedTallies);
    // One release entry only: the second close found the release made.
    expect((await auditActions(s.round.id)).filter(([a]) => a === "round.iit-release")).toHaveLength(1);
  });

  it("withholds the IIT for good when fewer than the group answered by the first close: a re-opened round takes no IIT answer and a later close releases nothing", async () => {
    const s = await answered(4, 4);
    await close(s);
    const withheld = async () => {
      const results = await getResultsJson(t.db, s.admin, s.round.id);
      expect(results.iitRelease).toMatchObject({ state: "withheld", count: null, releasedAt: null });
      expect(results.instruments.IIT).toBeNull();
      expect(results.missingReasons[0]!.reasonTh).toBe("เมื่อปิดรอบมีบุคลากรตอบไม่ถึง 5 คน จึงไม่แสดงผล IIT เพื่อปกปิดตัวตนผู้ตอบ");
    };
    await withheld();
    const decisions = () =>
      t.db.selectFrom("iit_releases").select(["count", "released"]).where("round_id", "=", s.round.id).execute();
    expect((await decisions()).map((d) => [Number(d.count), Number(d.released)])).toEqual([[4, 0]]);
    expect(
      await t.db.selectFrom("iit_release_tallies").selectAll().where("round_id", "=", s.round.id).execute(),
    ).toEqual([]);
    expect((await getRoundSettings(t.db, s.admin, s.round.id)).iitWithheld).toBe(true);

    await reopen(s);
    await withheld();
    // The close sealed the round's IIT; even past that, the decision stands: a later close changes nothing.
    expect((await storeSubmissions(t.db, [iitSubmission(s.round, uniformIit(2), "code")]))[0]!.status).toBe(
      "iit-sealed",
    );
    await close(s);
    await withheld();
    expect((await decisions()).map((d) => [Number(d.count), Number(d.released)])).toEqual([[4, 0]]);
    expect((await auditActions(s.round.id)).filter(([a]) => a === "round.iit-release")).toEqual([
      ["round.iit-release", { result: "withheld", count: 4, minGroup: 5 }],
    ]);
  });

  it("refuses IIT answers to a released round in the storing transaction, even when its seal did not happen", async () => {
    const s = await answered(5, 7);
    // The release alone, as the close writes it, without the seal that normally follows.
    await t.db.transaction().execute((tx) => releaseIit(tx, s.round.id, 5, new Date().toISOString()));
    const outcomes = await storeSubmissions(t.db, [
      iitSubmission(s.round, uniformIit(1)),
      eitSubmission(s.round, randomAnswers(fw, "EIT", seededRandom(8))),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["iit-released", "created"]);
    expect(
      Number(
        (
          await t.db
            .selectFrom("response_counts")
            .select("count")
            .where("round_id", "=", s.round.id)
            .where("instrument", "=", "iit")
            .executeTakeFirstOrThrow()
        ).count,
      ),
    ).toBe(5);
  });

  it("shows the IIT comments only after the release, every one, in an order that is not the order of storage", async () => {
    const s = await createAgencySetup(t.db);
    const comments = Array.from({ length: 30 }, (_, i) => `ความเห็น ${String(i).padStart(2, "0")}`);
    for (const c of comments) await storeSubmissions(t.db, [iitSubmission(s.round, uniformIit(1, c))]);
    expect((await getResultsPage(t.db, s.admin, s.round.id)).iitComments).toEqual([]);
    await close(s);
    const orders = [];
    for (let i = 0; i < 3; i++) orders.push((await getResultsPage(t.db, s.viewer, s.round.id)).iitComments);
    for (const order of orders) expect([...order].sort()).toEqual(comments);
    // Three requests, three random orders of 30: the chance that all equal the stored (or id) order is nil.
    const stored = (
      await t.db
        .selectFrom("iit_responses")
        .select("answers")
        .where("round_id", "=", s.round.id)
        .orderBy("id")
        .execute()
    ).map((r) => (JSON.parse(r.answers) as { comment: string }).comment);
    expect(orders.every((o) => o.join("|") === stored.join("|"))).toBe(false);
    expect(orders.every((o) => o.join("|") === comments.join("|"))).toBe(false);
  });

  it("reads every non-blank comment after the release, one with quotes and colons too, among sheets without one", async () => {
    const s = await createAgencySetup(t.db);
    const sheets = [
      uniformIit(3),
      uniformIit(2, 'เขียนว่า "comment": ขอบคุณ'),
      uniformIit(1),
      uniformIit(0, "   "),
      uniformIit(2, "comment"),
      uniformIit(3),
    ];
    await storeSubmissions(
      t.db,
      sheets.map((answers) => iitSubmission(s.round, answers)),
    );
    await close(s);
    const { iitComments } = await getResultsPage(t.db, s.admin, s.round.id);
    expect([...iitComments].sort()).toEqual(["comment", 'เขียนว่า "comment": ขอบคุณ']);
  });

  it("exports EIT rows only, before and after the release, and the released IIT as item means and per-level counts", async () => {
    const s = await createAgencySetup(t.db);
    const items = [3, 3, 2, 1, 0, 3].map((level) => iitSubmission(s.round, uniformIit(level)));
    items.push(eitSubmission(s.round, randomAnswers(fw, "EIT", seededRandom(5))));
    await storeSubmissions(t.db, items);
    await close(s);
    const csv = await exportResponses(t.db, s.admin, s.round.id, "csv");
    expect(csv.iitAggregates).toBe("not-in-csv");
    const lines = String(csv.body)
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines).toHaveLength(1 + 1);
    expect(lines[1]!.startsWith("EIT,")).toBe(true);
    expect(lines[0]!.split(",").some((h) => /^i\d/.test(h))).toBe(false);

    const xlsx = await exportResponses(t.db, s.admin, s.round.id, "xlsx");
    expect(xlsx.iitAggregates).toBe("included");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(["ITA 2569", "IIT (aggregate)"]);
    expect(book.worksheets[0]!.rowCount).toBe(1 + 1);
    const sheet = book.getWorksheet("IIT (aggregate)")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(["item", "topic", "mean", "answered", "level_0", "level_1", "level_2", "level_3"]);
    const first = (sheet.getRow(2).values as unknown[]).slice(1);
    // Levels 3, 3, 2, 1, 0, 3: mean 12 / 6 = 2, counts 1, 1, 1, 3.
    expect([first[2], first[3], ...first.slice(4)]).toEqual([2, 6, 1, 1, 1, 3]);
    const itemRows = fw.items.IIT.reduce((n, item) => n + (item.subItems?.length ?? 1), 0);
    expect(sheet.rowCount).toBe(1 + itemRows);
  });

  it("counts IIT responses per access kind, never per response", async () => {
    const s = await createAgencySetup(t.db);
    await storeSubmissions(t.db, [
      iitSubmission(s.round, uniformIit(1), "code"),
      iitSubmission(s.round, uniformIit(1), "code"),
      iitSubmission(s.round, uniformIit(1), "pin"),
      iitSubmission(s.round, uniformIit(1), "staff"),
    ]);
    expect(
      await t.db
        .selectFrom("iit_access_counts")
        .select(["kind", "count"])
        .where("round_id", "=", s.round.id)
        .orderBy("kind")
        .execute(),
    ).toEqual([
      { kind: "code", count: 2 },
      { kind: "pin", count: 1 },
      { kind: "staff", count: 1 },
    ]);
    expect((await getResultsJson(t.db, s.admin, s.round.id)).iitRelease.access).toEqual({
      code: 2,
      pin: 1,
      staff: 1,
      codesIssued: 0,
      codesUsed: 0,
    });
  });

  it("rolls back the close and its release when the audit entry cannot be written", async () => {
    const s = await answered(5, 6);
    await expectRolledBackWhenAuditFails(t.db, ["rounds", "iit_releases", "iit_release_tallies"], () => close(s));
    expect((await getResultsJson(t.db, s.admin, s.round.id)).iitRelease.state).toBe("pending");
  });
});
