import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { computeLeagueRows, getLeague, leagueJson } from "../../app/services/groups/league.server";
import { getResultsJson } from "../../app/services/results/results.server";
import { readFramework } from "../support/answers";
import { FLAVOURS } from "../support/databases";
import { actorOf, createUser } from "../support/factories";
import { addMember, createNation } from "../support/groups";
import { useServiceDb } from "../support/service-db";

const fw = readFramework("ita-2565");

describe.each(FLAVOURS)("league service on %s", (flavour) => {
  const t = useServiceDb(flavour);

  async function nation() {
    const n = await createNation(t.db);
    return { ...n, supervisor: actorOf(n.supervisor), superAdmin: actorOf(await createUser(t.db, "super", null)) };
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
    const admin = actorOf(await createUser(t.db, "admin", n.agencies.released));
    const viewer = actorOf(await createUser(t.db, "viewer", n.agencies.released));
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
      actorOf(await createUser(t.db, "viewer", n.agencies.released)),
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
    await addMember(t.db, n.groups.districtA1, n.agencies.open);
    const rows = await computeLeagueRows(t.db, n.groups.provinceA, 2569);
    expect(rows.filter((r) => r.agencyId === n.agencies.open)).toHaveLength(1);
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
