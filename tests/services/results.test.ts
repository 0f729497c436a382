import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { round2, scoreAnswers, type Answers } from "../../app/ita";
import { getIndicatorPage } from "../../app/services/results/drilldown.server";
import { exportResponses } from "../../app/services/results/exports.server";
import { getRoundProgress } from "../../app/services/results/progress.server";
import { recountRound } from "../../app/services/results/recount.server";
import { getResultsJson, getResultsPage } from "../../app/services/results/results.server";
import type { Db } from "../../db/client";
import { releaseIit } from "../../db/repositories/iit-release";
import type { RoundTable } from "../../db/schema";
import { saveOitAnswers } from "../../db/repositories/oit";
import { analyze, oitIndicatorScores, scoreOit } from "../../app/ita";
import { readFramework, randomAnswers, seededRandom } from "../support/answers";
import { FLAVOURS } from "../support/databases";
import { actorOf, createAgencySetup, createUser } from "../support/factories";
import { expectRolledBackWhenAuditFails, useServiceDb } from "../support/service-db";

const fw = readFramework("ita-2565");
const COUNT_TABLES = ["tallies", "response_counts", "iit_releases", "iit_release_tallies"] as const;

/**
 * Stores raw answers straight into a round (as the submission path would) and returns them; the kept counts
 * are then built by `ita recount`'s service.
 */
async function storeResponses(
  db: Db,
  round: RoundTable,
  seed: number,
  spec: { iit: number; eit: { channel: string | null; day: string }[] },
  framework = fw,
): Promise<{ iit: Answers[]; eit: Answers[] }> {
  const random = seededRandom(seed);
  const iit = Array.from({ length: spec.iit }, () => randomAnswers(framework, "IIT", random));
  const eit = spec.eit.map(() => randomAnswers(framework, "EIT", random));
  for (const answers of iit)
    await db
      .insertInto("iit_responses")
      .values({
        id: crypto.randomUUID(),
        round_id: round.id,
        framework: framework.id,
        submission_id: crypto.randomUUID(),
        answers: JSON.stringify(answers),
      })
      .execute();
  for (const [i, answers] of eit.entries())
    await db
      .insertInto("eit_responses")
      .values({
        id: crypto.randomUUID(),
        round_id: round.id,
        framework: framework.id,
        submission_id: crypto.randomUUID(),
        channel: spec.eit[i]!.channel,
        respondent_type: String(answers.respondent_type),
        day: spec.eit[i]!.day,
        answers: JSON.stringify(answers),
      })
      .execute();
  return { iit, eit };
}

const SIX_EIT = [
  { channel: "web", day: "2569-01-05" },
  { channel: "web", day: "2569-01-05" },
  { channel: null, day: "2569-01-05" },
  { channel: "web", day: "2569-01-06" },
  { channel: "web", day: "2569-01-06" },
  { channel: null, day: "2569-01-06" },
];

describe.each(FLAVOURS)("results service on %s", (flavour) => {
  const t = useServiceDb(flavour);

  /** An agency whose round has 3 IIT answers (below the anonymity group) and 6 EIT answers, counted. */
  async function answeredRound(seed: number) {
    const setup = await createAgencySetup(t.db);
    await t.db
      .insertInto("eit_channels")
      .values({
        id: crypto.randomUUID(),
        round_id: setup.round.id,
        key: "web",
        name: "เว็บไซต์หน่วยงาน",
        created_at: new Date().toISOString(),
      })
      .execute();
    const answers = await storeResponses(t.db, setup.round, seed, { iit: 3, eit: SIX_EIT });
    await recountRound(t.db, setup.round);
    return { ...setup, answers };
  }

  it("shapes a round's results page from the kept counts, in camelCase, with IIT withheld while the round is open", async () => {
    const { round, admin, viewer, answers } = await answeredRound(1);
    const page = await getResultsPage(t.db, viewer, round.id);
    expect(page.results.round).toEqual({ id: round.id, slug: round.slug, fiscalYear: 2569, title: null });
    expect(page.results.responseCounts).toEqual({ iit: 3, eit: 6 });
    expect(page.results.iitRelease).toEqual({
      state: "pending",
      minGroup: 5,
      releasedAt: null,
      count: null,
      access: { code: 0, pin: 0, staff: 0, codesIssued: 0, codesUsed: 0 },
    });
    expect(page.results.provisional).toEqual(["IIT"]);
    expect(page.results.missingReasons.map((m) => m.instrument)).toEqual(["IIT", "OIT"]);
    expect(page.results.missingReasons[0]!.reasonTh).toBe(
      "ผล IIT จะประกาศครั้งเดียวเมื่อปิดรอบ หากมีบุคลากรตอบอย่างน้อย 5 คน เพื่อปกปิดตัวตนผู้ตอบ",
    );
    expect(page.results.instruments.IIT).toBeNull();
    expect(page.minSample).toEqual({ iit: 5, eit: 5 });
    expect(page.indicators).toHaveLength(10);
    expect(page.indicators[5]).toMatchObject({ number: 6, instrument: "EIT" });
    expect(page.channels).toEqual([
      { channel: "", name: "", responses: 2 },
      { channel: "web", name: "เว็บไซต์หน่วยงาน", responses: 4 },
    ]);
    const expected = scoreAnswers(fw, "EIT", answers.eit);
    for (const indicator of [6, 7, 8])
      expect(page.results.ranking.find((r) => r.indicator === indicator)!.score).toBe(
        round2(expected.indicators[indicator]!),
      );
    expect(page.results.ranking.some((r) => r.indicator <= 5)).toBe(false);
    expect(await getResultsJson(t.db, admin, round.id)).toEqual(page.results);
  });

  it("rates a round on ita-2566 with the framework's label and says why it is not the next one up", async () => {
    const fw2566 = readFramework("ita-2566");
    const setup = await createAgencySetup(t.db);
    await t.db.updateTable("rounds").set({ framework: "ita-2566" }).where("id", "=", setup.round.id).execute();
    const round = { ...setup.round, framework: "ita-2566" };
    const answers = await storeResponses(t.db, round, 7, { iit: 5, eit: SIX_EIT }, fw2566);
    const checklist = fw2566.oitItems.map((o, i) => ({
      item: o.id,
      has: i % 4 !== 0,
      urls: [`https://www.example.go.th/ita/${o.id}`],
      note: null,
      responsible: null,
    }));
    await saveOitAnswers(t.db, round.id, checklist, { userId: setup.admin.id, now: new Date().toISOString() });
    await recountRound(t.db, round);
    // IIT figures exist only from the release the close makes (issue 13): close the round as its settings do.
    await t.db.transaction().execute(async (tx) => {
      await tx.updateTable("rounds").set({ status: "closed" }).where("id", "=", round.id).execute();
      expect((await releaseIit(tx, round.id, 5, new Date().toISOString())).status).toBe("released");
    });

    const expected = analyze(fw2566, {
      ...scoreAnswers(fw2566, "IIT", answers.iit).indicators,
      ...scoreAnswers(fw2566, "EIT", answers.eit).indicators,
      ...oitIndicatorScores(
        scoreOit(fw2566, Object.fromEntries(checklist.map((c) => [c.item, { has: c.has, urls: c.urls }]))),
      ),
    });
    const { results, frameworkNotes } = await getResultsPage(t.db, setup.viewer, round.id);
    expect(frameworkNotes.map((n) => [n.part, n.status])).toContainEqual(["items", "uncertain"]);
    expect(results.framework).toBe("ita-2566");
    expect(results.gradingMode).toBe("labels");
    expect(results.overall).toBe(expected.overall);
    expect(results.grade).toBe(expected.grade);
    expect(["ต้องปรับปรุง", "ต้องปรับปรุงโดยด่วน", "ผ่าน", "ผ่านดี", "ผ่านดีเยี่ยม"]).toContain(results.grade);
    expect(results.rating?.uncertain).toBe(true);
    expect(results.rating?.whyNotNextTh).toMatch(/^ยังไม่ถึงระดับ.+ เพราะ .+ < \d+/);
    expect(results.ratingLabels).toHaveLength(5);
  });

  it("drills into one indicator, lowest question first, and answers 404 for one the framework does not have", async () => {
    const { round, admin } = await answeredRound(2);
    const { detail, fiscalYear } = await getIndicatorPage(t.db, admin, round.id, "6");
    expect(fiscalYear).toBe(2569);
    expect(detail).toMatchObject({ indicator: 6, instrument: "EIT", withheld: null, oitParts: [] });
    expect(detail.questions.length).toBeGreaterThan(1);
    const scores = detail.questions.map((q) => q.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    const first = detail.questions[0]!;
    expect(first.parts[0]!.levels.reduce((n, l) => n + l.count, 0)).toBe(6);
    expect(detail.channels.map((c) => [c.channel, c.responses])).toEqual([
      ["", 2],
      ["web", 4],
    ]);

    const iit = (await getIndicatorPage(t.db, admin, round.id, "1")).detail;
    expect(iit.score).toBeNull();
    expect(iit.questions).toEqual([]);
    expect(iit.withheld?.instrument).toBe("IIT");
    const oit = (await getIndicatorPage(t.db, admin, round.id, "9")).detail;
    expect(oit.oitParts.map((p) => p.id).sort()).toEqual(["9.1", "9.2", "9.3", "9.4", "9.5"]);

    for (const indicator of ["11", "0", "abc", undefined]) {
      const refused = await getIndicatorPage(t.db, admin, round.id, indicator).catch((e: Response) => e);
      expect(refused).toBeInstanceOf(Response);
      expect((refused as Response).status).toBe(404);
      expect(await (refused as Response).json()).toMatchObject({ errorTh: "ไม่พบตัวชี้วัดนี้" });
    }
  });

  it("exports the responses as CSV and XLSX with EIT rows only while the round is open; another format is 404", async () => {
    const { round, viewer } = await answeredRound(3);
    const csv = await exportResponses(t.db, viewer, round.id, "csv");
    expect(csv.contentType).toBe("text/csv; charset=utf-8");
    expect(csv.filename).toBe(`ita-2569-${round.slug}-responses.csv`);
    expect(csv.iitAggregates).toBe("withheld");
    const lines = String(csv.body)
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]!.split(",").slice(0, 4)).toEqual(["instrument", "framework", "channel", "respondent_type"]);
    expect(lines).toHaveLength(1 + 6);
    expect(lines.slice(1).every((l) => l.startsWith("EIT,ita-2565,"))).toBe(true);
    // No IIT item column at all: the file has no place for an IIT answer.
    expect(lines[0]!.split(",").filter((h) => /^i\d/.test(h))).toEqual([]);

    const xlsx = await exportResponses(t.db, viewer, round.id, "xlsx");
    expect(xlsx.filename).toBe(`ita-2569-${round.slug}-responses.xlsx`);
    expect(xlsx.contentType).toContain("spreadsheetml");
    expect(
      Buffer.from(xlsx.body as Uint8Array)
        .subarray(0, 2)
        .toString(),
    ).toBe("PK");

    await expect(exportResponses(t.db, viewer, round.id, "pdf")).rejects.toMatchObject({ status: 404 });
  });

  it("counts the progress per instrument, EIT channel and day, for every agency role", async () => {
    const { round, clerk } = await answeredRound(4);
    const progress = await getRoundProgress(t.db, clerk, round.id);
    expect(progress).toEqual({
      round: { id: round.id, status: "open", minIit: 5, minEit: 5 },
      iit: 3,
      eit: 6,
      channels: [
        { key: "", name: null, count: 2 },
        { key: "web", name: "เว็บไซต์หน่วยงาน", count: 4 },
      ],
      days: [
        { day: "2569-01-05", count: 3 },
        { day: "2569-01-06", count: 3 },
      ],
      provisional: true,
    });
  });

  it("refuses a clerk the results (403) and hides another agency's round from every reader (404)", async () => {
    const { round, clerk } = await answeredRound(5);
    const other = await createAgencySetup(t.db);
    await expect(getResultsPage(t.db, clerk, round.id)).rejects.toMatchObject({ status: 403 });
    await expect(getResultsJson(t.db, clerk, round.id)).rejects.toMatchObject({ status: 403 });
    await expect(getIndicatorPage(t.db, clerk, round.id, "6")).rejects.toMatchObject({ status: 403 });
    await expect(exportResponses(t.db, clerk, round.id, "csv")).rejects.toMatchObject({ status: 403 });
    for (const reader of [other.admin, other.viewer]) {
      await expect(getResultsPage(t.db, reader, round.id)).rejects.toMatchObject({ status: 404 });
      await expect(getResultsJson(t.db, reader, round.id)).rejects.toMatchObject({ status: 404 });
      await expect(getIndicatorPage(t.db, reader, round.id, "6")).rejects.toMatchObject({ status: 404 });
      await expect(exportResponses(t.db, reader, round.id, "csv")).rejects.toMatchObject({ status: 404 });
      await expect(getRoundProgress(t.db, reader, round.id)).rejects.toMatchObject({ status: 404 });
    }
    await expect(getRoundProgress(t.db, other.clerk, round.id)).rejects.toMatchObject({ status: 404 });
    await expect(getResultsPage(t.db, other.admin, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({
      status: 404,
    });
    const root = actorOf(await createUser(t.db, "super", null));
    expect((await getResultsPage(t.db, root, round.id)).results.responseCounts.eit).toBe(6);
  });

  it("recounts damaged counts from the raw answers and audits the repair, and never releases IIT figures of an open round", async () => {
    const { round, admin, agency } = await createAgencySetup(t.db);
    await storeResponses(t.db, round, 6, { iit: 5, eit: SIX_EIT.slice(0, 5) });
    const report = await recountRound(t.db, round);
    expect(report).toEqual({
      round: { id: round.id, slug: round.slug },
      responseCounts: { iit: 5, eit: 5 },
      changedRows: expect.any(Number),
    });
    expect(report.changedRows).toBeGreaterThan(0);
    const page = await getResultsPage(t.db, admin, round.id);
    // 5 IIT answers reach the group, but the round is open: no IIT figure until it closes.
    expect(page.results.iitRelease.state).toBe("pending");
    expect(page.results.provisional).toEqual([]);
    expect(page.results.instruments.IIT).toBeNull();
    expect(await t.db.selectFrom("iit_release_tallies").selectAll().where("round_id", "=", round.id).execute()).toEqual(
      [],
    );

    expect((await recountRound(t.db, round)).changedRows).toBe(0);
    const entries = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity_id", "=", round.id)
      .where("action", "=", "round.recount")
      .orderBy("id")
      .execute();
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ agency_id: agency.id, user_id: null, entity: "round" });
    expect(JSON.parse(entries[1]!.detail!)).toEqual({ changedRows: 0, responseCounts: { iit: 5, eit: 5 } });
  });

  it("rolls back the recount when its audit entry cannot be written", async () => {
    const { round } = await createAgencySetup(t.db);
    await storeResponses(t.db, round, 7, { iit: 5, eit: SIX_EIT });
    // Counts out of step with the answers: a recount would change them.
    await t.db
      .insertInto("response_counts")
      .values({ round_id: round.id, instrument: "eit", channel: "web", count: 99 })
      .execute();
    await expectRolledBackWhenAuditFails(t.db, COUNT_TABLES, () => recountRound(t.db, round));
    expect(await t.db.selectFrom("response_counts").select("count").where("round_id", "=", round.id).execute()).toEqual(
      [{ count: 99 }],
    );
  });
});
