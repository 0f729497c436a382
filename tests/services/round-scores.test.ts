import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { tallyAnswers } from "../../app/ita";
import { computeLeagueRows } from "../../app/services/groups/league.server";
import { getResultsJson } from "../../app/services/results/results.server";
import type { Db } from "../../db/client";
import { releaseIit } from "../../db/repositories/iit-release";
import { saveOitAnswers } from "../../db/repositories/oit";
import { storeSubmissions } from "../../db/repositories/responses";
import { listRoundScores, saveRoundScores } from "../../db/repositories/round-scores";
import type { RoundTable } from "../../db/schema";
import { randomAnswers, readFramework, seededRandom } from "../support/answers";
import { FLAVOURS } from "../support/databases";
import { actorOf, createAgency, createRound, createUser } from "../support/factories";
import { useServiceDb } from "../support/service-db";

const fw = readFramework("ita-2565");

/** Stores answer sheets through the submission path itself (storeSubmissions: sheets, tallies, counts). */
async function submit(db: Db, round: RoundTable, instrument: "iit" | "eit", count: number, seed: number) {
  const random = seededRandom(seed);
  const items = Array.from({ length: count }, () => {
    const answers = randomAnswers(fw, instrument === "iit" ? "IIT" : "EIT", random);
    const tallies = tallyAnswers(fw, instrument === "iit" ? "IIT" : "EIT", [answers]).rows.map((r) => ({
      item: r.item,
      sub: r.sub,
      level: r.level,
    }));
    return {
      roundId: round.id,
      framework: fw.id,
      instrument,
      submissionId: crypto.randomUUID(),
      answers,
      tallies,
      ...(instrument === "eit"
        ? { channel: null, respondentType: String(answers.respondent_type), day: "2026-01-05" }
        : { iitAccess: "pin" as const }),
    };
  });
  const outcomes = await storeSubmissions(db, items);
  expect(outcomes.every((o) => o.status === "created")).toBe(true);
}

async function answerOit(db: Db, round: RoundTable, userId: string, every: number) {
  await saveOitAnswers(
    db,
    round.id,
    fw.oitItems.map((o, i) => ({
      item: o.id,
      has: i % every !== 0,
      urls: [`https://www.example.go.th/ita/${o.id}`],
      note: null,
      responsible: null,
    })),
    { userId, now: new Date().toISOString() },
  );
}

describe.each(FLAVOURS)("kept league scores on %s", (flavour) => {
  const t = useServiceDb(flavour);

  async function setting() {
    const now = new Date().toISOString();
    const country = crypto.randomUUID();
    await t.db
      .insertInto("agency_groups")
      .values({ id: country, parent_id: null, name_th: "ประเทศ", name_en: null, kind: "country", created_at: now })
      .execute();
    const admin = await createUser(t.db, "super", null);
    const agencies = [];
    for (const [i, name] of ["ก หน่วยงานหนึ่ง", "ข หน่วยงานสอง"].entries()) {
      const agency = await createAgency(t.db, { name_th: name });
      const round = await createRound(t.db, agency.id);
      await submit(t.db, round, "iit", 6, 10 + i);
      await submit(t.db, round, "eit", 8, 20 + i);
      await answerOit(t.db, round, admin.id, 3);
      await t.db.insertInto("agency_group_members").values({ group_id: country, agency_id: agency.id }).execute();
      agencies.push({ agency, round, user: actorOf(await createUser(t.db, "admin", agency.id)) });
    }
    return { country, admin, agencies };
  }

  /** The league's row of one agency next to what the agency's own results page reads. */
  async function bothViews(country: string, a: { agency: { id: string }; round: RoundTable; user: never }) {
    const rows = await computeLeagueRows(t.db, country, 2569);
    const row = rows.find((r) => r.agencyId === a.agency.id)!;
    const own = await getResultsJson(t.db, a.user, a.round.id);
    const ownIndicators = Object.fromEntries(own.ranking.map((r) => [r.indicator, r.score]));
    return { row, own, ownIndicators };
  }

  it("keeps every round's scores at the first read and reads them back, the same as each agency's own results", async () => {
    const s = await setting();
    const first = await computeLeagueRows(t.db, s.country, 2569);
    const kept = await listRoundScores(
      t.db,
      s.agencies.map((a) => a.round.id),
    );
    expect(kept.size).toBe(2);
    for (const k of kept.values()) {
      expect(k.scoredVersion).toBe(k.version);
      expect(k.version).toBeGreaterThan(0);
    }
    const second = await computeLeagueRows(t.db, s.country, 2569);
    expect(second).toEqual(first);
    for (const a of s.agencies) {
      const { row, own, ownIndicators } = await bothViews(s.country, a as never);
      expect(row.indicators).toEqual(ownIndicators);
      expect(row.total).toBe(own.overall);
      expect(row.iitState).toBe("pending");
      expect(
        Object.keys(row.indicators)
          .map(Number)
          .sort((x, y) => x - y),
      ).toEqual([6, 7, 8, 9, 10]);
    }
  });

  it("scores a round again after new submissions, an OIT answer or the IIT release, and leaves the other as kept", async () => {
    const s = await setting();
    await computeLeagueRows(t.db, s.country, 2569);
    const [one, two] = s.agencies;
    const before = await listRoundScores(t.db, [one!.round.id, two!.round.id]);

    // New EIT sheets through the submission path: the round's version moves, the league follows.
    await submit(t.db, one!.round, "eit", 12, 99);
    const afterSubmit = await listRoundScores(t.db, [one!.round.id, two!.round.id]);
    expect(afterSubmit.get(one!.round.id)!.version).toBeGreaterThan(before.get(one!.round.id)!.version);
    expect(afterSubmit.get(two!.round.id)).toEqual(before.get(two!.round.id));
    let views = await bothViews(s.country, one as never);
    expect(views.row.responseCounts).toEqual({ iit: 6, eit: 20 });
    expect(views.row.indicators).toEqual(views.ownIndicators);

    // An OIT answer changed.
    await answerOit(t.db, one!.round, s.admin.id, 2);
    views = await bothViews(s.country, one as never);
    expect(views.row.indicators).toEqual(views.ownIndicators);
    expect(views.row.total).toBe(views.own.overall);

    // The close releases the IIT: indicators 1–5 appear in the league as on the agency's own page.
    await t.db.transaction().execute(async (tx) => {
      await tx.updateTable("rounds").set({ status: "closed" }).where("id", "=", one!.round.id).execute();
      await releaseIit(tx, one!.round.id, 5, new Date().toISOString());
    });
    views = await bothViews(s.country, one as never);
    expect(views.row.iitState).toBe("released");
    expect(Object.keys(views.row.indicators)).toHaveLength(10);
    expect(views.row.indicators).toEqual(views.ownIndicators);
    expect(views.row.total).toBe(views.own.overall);
    expect(views.row.total).not.toBeNull();
  });

  it("scores a round again under changed lines and then reads those kept figures as current (a line of 72.3 included)", async () => {
    const s = await setting();
    const one = s.agencies[0]!;
    await t.db.transaction().execute(async (tx) => {
      await tx.updateTable("rounds").set({ status: "closed" }).where("id", "=", one.round.id).execute();
      await releaseIit(tx, one.round.id, 5, new Date().toISOString());
    });
    await computeLeagueRows(t.db, s.country, 2569);
    await t.db
      .updateTable("rounds")
      .set({ strength_line: 72.3, target_line: 99 })
      .where("id", "=", one.round.id)
      .execute();
    const views = await bothViews(s.country, one as never);
    expect(views.row.target).toBe(99);
    expect(views.row.total).toBe(views.own.overall);
    expect(views.row.total).toBeLessThan(99);
    expect(views.row.meetsTarget).toBe(false);
    expect(views.own.meetsTarget).toBe(false);
    const kept = (await listRoundScores(t.db, [one.round.id])).get(one.round.id)!;
    expect(kept.scoredVersion).toBe(kept.version);
    expect(kept.kept).toMatchObject({ strength_line: 72.3, target_line: 99, meets_target: 0 });

    // Kept under 72.3 and 99, the row is current: the next read takes it as kept (here marked) without scoring.
    await t.db.updateTable("round_scores").set({ total: 12.34 }).where("round_id", "=", one.round.id).execute();
    const again = await computeLeagueRows(t.db, s.country, 2569);
    expect(again.find((r) => r.agencyId === one.agency.id)!.total).toBe(12.34);
  });

  it("never keeps scores computed from counts that changed while they were being computed", async () => {
    const s = await setting();
    const round = s.agencies[0]!.round;
    await computeLeagueRows(t.db, s.country, 2569);
    const read = (await listRoundScores(t.db, [round.id])).get(round.id)!;
    await submit(t.db, round, "eit", 1, 7); // committed between the read and the write below
    // The figures of the counts read before the submission, written as if they were still current.
    await saveRoundScores(t.db, [{ roundId: round.id, version: read.version, kept: read.kept! }]);
    const now = (await listRoundScores(t.db, [round.id])).get(round.id)!;
    expect(now.version).toBeGreaterThan(read.version);
    expect(now.scoredVersion).toBe(read.version);
    const views = await bothViews(s.country, s.agencies[0] as never);
    expect(views.row.responseCounts.eit).toBe(9);
    expect(views.row.indicators).toEqual(views.ownIndicators);
  });
});
