import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { computeLeagueRows, getLeague, leagueJson } from "../../app/services/groups/league.server";
import { recountRound } from "../../app/services/results/recount.server";
import { getResultsJson } from "../../app/services/results/results.server";
import type { Db } from "../../db/client";
import { releaseIit } from "../../db/repositories/iit-release";
import { saveOitAnswers } from "../../db/repositories/oit";
import type { RoundTable } from "../../db/schema";
import { randomAnswers, readFramework, seededRandom } from "../support/answers";
import { FLAVOURS } from "../support/databases";
import { actorOf, createAgency, createRound, createUser } from "../support/factories";
import { useServiceDb } from "../support/service-db";

const fw = readFramework("ita-2565");

/** Stores raw answers straight into a round, as the submission path would, and rebuilds its kept counts. */
async function answer(db: Db, round: RoundTable, seed: number, iit: number, eit: number): Promise<void> {
  const random = seededRandom(seed);
  for (let i = 0; i < iit; i++)
    await db
      .insertInto("iit_responses")
      .values({
        id: crypto.randomUUID(),
        round_id: round.id,
        framework: fw.id,
        submission_id: crypto.randomUUID(),
        answers: JSON.stringify(randomAnswers(fw, "IIT", random)),
      })
      .execute();
  for (let i = 0; i < eit; i++) {
    const answers = randomAnswers(fw, "EIT", random);
    await db
      .insertInto("eit_responses")
      .values({
        id: crypto.randomUUID(),
        round_id: round.id,
        framework: fw.id,
        submission_id: crypto.randomUUID(),
        channel: null,
        respondent_type: String(answers.respondent_type),
        day: "2569-01-05",
        answers: JSON.stringify(answers),
      })
      .execute();
  }
  await recountRound(db, round);
}

/** Marks every OIT item of the round มี (with an evidence link) or ไม่มี. */
async function answerOit(db: Db, round: RoundTable, userId: string, every = 3): Promise<void> {
  const checklist = fw.oitItems.map((o, i) => ({
    item: o.id,
    has: i % every !== 0,
    urls: [`https://www.example.go.th/ita/${o.id}`],
    note: null,
    responsible: null,
  }));
  await saveOitAnswers(db, round.id, checklist, { userId, now: new Date().toISOString() });
}

async function close(db: Db, round: RoundTable): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.updateTable("rounds").set({ status: "closed" }).where("id", "=", round.id).execute();
    await releaseIit(tx, round.id, 5, new Date().toISOString());
  });
}

async function group(db: Db, nameTh: string, kind: string, parentId: string | null = null): Promise<string> {
  const id = crypto.randomUUID();
  await db
    .insertInto("agency_groups")
    .values({ id, parent_id: parentId, name_th: nameTh, name_en: null, kind, created_at: new Date().toISOString() })
    .execute();
  return id;
}

async function member(db: Db, groupId: string, agencyId: string): Promise<void> {
  await db.insertInto("agency_group_members").values({ group_id: groupId, agency_id: agencyId }).execute();
}

describe.each(FLAVOURS)("league service on %s", (flavour) => {
  const t = useServiceDb(flavour);

  /**
   * Country → province A (→ district A1) and province B. Released: a closed round with 6 IIT, 8 EIT and the
   * OIT answered, in district A1. Open: 6 IIT and 7 EIT answers, in province A and in a ministry too. Idle: a
   * draft round in district A1. Sibling: a closed round in province B. Also a supervisor of province A.
   */
  async function nation() {
    const country = await group(t.db, "ประเทศไทย", "country");
    const provinceA = await group(t.db, "จังหวัดเอ", "province", country);
    const districtA1 = await group(t.db, "อำเภอเอหนึ่ง", "district", provinceA);
    const provinceB = await group(t.db, "จังหวัดบี", "province", country);
    const ministry = await group(t.db, "กระทรวงทดสอบ", "ministry");
    const admin = await createUser(t.db, "super", null);

    const released = await createAgency(t.db, { name_th: "ก เทศบาลที่ปิดรอบแล้ว", type: "municipality", size: "M" });
    const releasedRound = await createRound(t.db, released.id);
    await answer(t.db, releasedRound, 1, 6, 8);
    await answerOit(t.db, releasedRound, admin.id);
    await close(t.db, releasedRound);
    await member(t.db, districtA1, released.id);

    const open = await createAgency(t.db, { name_th: "ข อบต.ที่ยังเปิดรอบ", type: "sao", size: "S" });
    const openRound = await createRound(t.db, open.id);
    await answer(t.db, openRound, 2, 6, 7);
    await answerOit(t.db, openRound, admin.id);
    await member(t.db, provinceA, open.id);
    await member(t.db, ministry, open.id);

    const idle = await createAgency(t.db, { name_th: "ค อบต.ที่ยังไม่เริ่ม", type: "sao", size: "S" });
    await createRound(t.db, idle.id, { status: "draft" });
    await member(t.db, districtA1, idle.id);
    const noRound = await createAgency(t.db, { name_th: "ง หน่วยงานที่ไม่มีรอบ", type: "sao", size: "L" });
    await member(t.db, provinceA, noRound.id);

    const sibling = await createAgency(t.db, { name_th: "จ เทศบาลจังหวัดบี", type: "municipality", size: "M" });
    const siblingRound = await createRound(t.db, sibling.id);
    await answer(t.db, siblingRound, 3, 6, 8);
    await answerOit(t.db, siblingRound, admin.id, 2);
    await close(t.db, siblingRound);
    await member(t.db, provinceB, sibling.id);

    const supervisorRow = await createUser(t.db, "supervisor", null);
    await t.db.insertInto("group_supervisors").values({ user_id: supervisorRow.id, group_id: provinceA }).execute();
    return {
      groups: { country, provinceA, districtA1, provinceB, ministry },
      agencies: { released, open, idle, noRound, sibling },
      rounds: { releasedRound, openRound, siblingRound },
      supervisor: actorOf(supervisorRow),
      superAdmin: actorOf(admin),
    };
  }

  it("shows a supervisor the agencies of their group and every group below it, never a sibling province's", async () => {
    const n = await nation();
    const league = await getLeague(t.db, n.supervisor, n.groups.provinceA);
    expect(league.group).toMatchObject({ id: n.groups.provinceA, nameTh: "จังหวัดเอ", kind: "province" });
    expect(league.fiscalYear).toBe(2569);
    expect(league.all.map((r) => r.nameTh).sort()).toEqual([
      "ก เทศบาลที่ปิดรอบแล้ว",
      "ข อบต.ที่ยังเปิดรอบ",
      "ค อบต.ที่ยังไม่เริ่ม",
      "ง หน่วยงานที่ไม่มีรอบ",
    ]);
    expect(league.children.map((g) => g.nameTh)).toEqual(["อำเภอเอหนึ่ง"]);
    expect(league.trail.map((g) => g.nameTh)).toEqual(["จังหวัดเอ"]);

    const district = await getLeague(t.db, n.supervisor, n.groups.districtA1);
    expect(district.all.map((r) => r.nameTh)).toEqual(["ก เทศบาลที่ปิดรอบแล้ว", "ค อบต.ที่ยังไม่เริ่ม"]);
    expect(district.trail.map((g) => g.nameTh)).toEqual(["จังหวัดเอ", "อำเภอเอหนึ่ง"]);

    for (const outside of [n.groups.provinceB, n.groups.country, n.groups.ministry, crypto.randomUUID()])
      await expect(getLeague(t.db, n.supervisor, outside)).rejects.toMatchObject({ status: 404 });

    const country = await getLeague(t.db, n.superAdmin, n.groups.country);
    expect(country.all).toHaveLength(5);
    expect(country.trail.map((g) => g.nameTh)).toEqual(["ประเทศไทย"]);
  });

  it("refuses agency users and a supervisor without a group (403)", async () => {
    const n = await nation();
    const admin = actorOf(await createUser(t.db, "admin", n.agencies.released.id));
    const viewer = actorOf(await createUser(t.db, "viewer", n.agencies.released.id));
    const lost = actorOf(await createUser(t.db, "supervisor", null));
    for (const actor of [admin, viewer, lost])
      await expect(getLeague(t.db, actor, n.groups.districtA1)).rejects.toMatchObject({ status: 403 });
  });

  it("shows no IIT figure of an open round and the released ones of a closed round, as the agency reads them", async () => {
    const n = await nation();
    const { all } = await getLeague(t.db, n.supervisor, n.groups.provinceA);
    const byName = new Map(all.map((r) => [r.nameTh, r]));

    const open = byName.get("ข อบต.ที่ยังเปิดรอบ")!;
    expect(open.iitState).toBe("pending");
    expect(open.responseCounts).toEqual({ iit: 6, eit: 7 });
    expect(Object.keys(open.indicators).map(Number)).toEqual([6, 7, 8, 9, 10]);
    expect(open.total).toBeNull();
    expect(open.rating).toBeNull();
    expect(open.position).toBeNull();
    expect(open.notStarted).toBeNull();

    const released = byName.get("ก เทศบาลที่ปิดรอบแล้ว")!;
    expect(released.iitState).toBe("released");
    expect(Object.keys(released.indicators).map(Number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(released.position).toBe(1);
    expect(released.oit).toEqual({ answered: fw.oitItems.length, total: fw.oitItems.length });
    const agencyView = await getResultsJson(
      t.db,
      actorOf(await createUser(t.db, "viewer", n.agencies.released.id)),
      n.rounds.releasedRound.id,
    );
    expect(released.total).toBe(agencyView.overall);
    expect(released.rating?.label).toBe(agencyView.grade);
    for (const r of agencyView.ranking) expect(released.indicators[r.indicator]).toBe(r.score);
  });

  it("lists the agencies that have not started, with why, and ranks, filters and summarises the group", async () => {
    const n = await nation();
    const league = await getLeague(t.db, n.superAdmin, n.groups.country);
    expect(league.notStarted.map((r) => [r.nameTh, r.notStarted])).toEqual([
      ["ค อบต.ที่ยังไม่เริ่ม", "draft"],
      ["ง หน่วยงานที่ไม่มีรอบ", "no-round"],
    ]);
    const ranked = league.all.filter((r) => r.position !== null);
    expect(ranked).toHaveLength(2);
    expect(ranked[0]!.total!).toBeGreaterThanOrEqual(ranked[1]!.total!);
    expect(ranked.map((r) => r.position)).toEqual(ranked[0]!.total === ranked[1]!.total ? [1, 1] : [1, 2]);
    expect(league.summary).toMatchObject({ agencies: 5, withTotal: 2, notStarted: 2 });
    expect(league.distribution.reduce((s, b) => s + b.count, 0)).toBe(2);
    expect(league.weakestIndicators).toHaveLength(10);
    const means = league.weakestIndicators.map((i) => i.mean);
    expect(means).toEqual([...means].sort((a, b) => a - b));
    expect(league.weakestIndicators.find((i) => i.indicator === 1)!.agencies).toBe(2);
    expect(league.weakestIndicators.find((i) => i.indicator === 6)!.agencies).toBe(3);

    const sao = await getLeague(t.db, n.superAdmin, n.groups.country, { filters: { type: "sao" } });
    expect(sao.rows.map((r) => r.nameTh)).toEqual(["ข อบต.ที่ยังเปิดรอบ", "ค อบต.ที่ยังไม่เริ่ม", "ง หน่วยงานที่ไม่มีรอบ"]);
    expect(sao.all).toHaveLength(5);
    const large = await getLeague(t.db, n.superAdmin, n.groups.country, { filters: { size: "L" } });
    expect(large.rows.map((r) => r.nameTh)).toEqual(["ง หน่วยงานที่ไม่มีรอบ"]);
    const below = await getLeague(t.db, n.superAdmin, n.groups.country, { filters: { belowTarget: true } });
    expect(below.rows.every((r) => r.total !== null && r.total < 85)).toBe(true);
    expect(below.rows).toHaveLength(league.summary.belowTarget);
    const weakest = ranked[0]!.weakest!.indicator;
    const byWeakest = await getLeague(t.db, n.superAdmin, n.groups.country, { filters: { weakest } });
    expect(byWeakest.rows.map((r) => r.agencyId)).toContain(ranked[0]!.agencyId);
    expect(byWeakest.rows.every((r) => r.weakest?.indicator === weakest)).toBe(true);
  });

  it("counts an agency in two groups of one scope once, and reads another fiscal year on request", async () => {
    const n = await nation();
    await member(t.db, n.groups.districtA1, n.agencies.open.id);
    const rows = await computeLeagueRows(t.db, n.groups.provinceA, 2569);
    expect(rows.filter((r) => r.agencyId === n.agencies.open.id)).toHaveLength(1);
    const earlier = await getLeague(t.db, n.supervisor, n.groups.provinceA, { fiscalYear: 2568 });
    expect(earlier.fiscalYear).toBe(2568);
    expect(earlier.all.every((r) => r.notStarted === "no-round")).toBe(true);
  });

  it("prints the league of a group for `ita league` with positions, totals, ratings and response counts", async () => {
    const n = await nation();
    const json = await leagueJson(t.db, n.groups.provinceA);
    expect(json!.group).toEqual({ id: n.groups.provinceA, nameTh: "จังหวัดเอ", nameEn: null, kind: "province" });
    expect(json!.agencies).toHaveLength(4);
    expect(json!.agencies[0]).toMatchObject({
      nameTh: "ก เทศบาลที่ปิดรอบแล้ว",
      position: 1,
      responseCounts: { iit: 6, eit: 8 },
    });
    expect(typeof json!.agencies[0]!.total).toBe("number");
    expect(json!.agencies[1]).toMatchObject({ position: null, total: null, responseCounts: { iit: 6, eit: 7 } });
    expect(await leagueJson(t.db, crypto.randomUUID())).toBeNull();
  });
});
