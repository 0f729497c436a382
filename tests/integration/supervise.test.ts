import ExcelJS from "exceljs";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { get, post, signIn, useTestApp } from "../support/app";
import { FLAVOURS } from "../support/databases";
import { ROOT } from "../support/env";
import { createNation, type Nation } from "../support/groups";

// Issue 18: a supervisor over a group of agencies, over HTTP and on the command line, on both databases.
const run = promisify(execFile);

async function cli(databaseUrl: string, ...args: string[]) {
  return run(process.execPath, ["--import", "tsx", "scripts/ita.ts", ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", DATABASE_URL: databaseUrl, TZ: "Asia/Bangkok" },
  });
}

function parseCsv(text: string): string[][] {
  // The export quotes only cells with a comma, quote or line break; this data has none.
  return text
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n")
    .map((line) => line.split(","));
}

describe.each(FLAVOURS)("the supervisor of a group of agencies on %s", (flavour) => {
  let nation: Nation;
  let agencyAdminEmail: string;
  const { server, database, cookies, db } = useTestApp({
    flavour,
    signIn: ["super"],
    seed: async (db) => {
      nation = await createNation(db, `supervisor-${flavour}@province.go.th`);
      agencyAdminEmail = nation.officer.email;
    },
  });
  let supervisor: string;
  const supervisorCookie = async () => (supervisor ??= await signIn(server, nation.supervisor.email));

  it("lands a signed-in supervisor on their group's league, which lists their agencies and no sibling's", async () => {
    const cookie = await supervisorCookie();
    const admin = await get(server, "/admin", cookie);
    expect(admin.status).toBe(302);
    expect(admin.headers.get("location")).toBe("/supervise");
    const home = await get(server, "/supervise", cookie);
    expect(home.status).toBe(302);
    expect(home.headers.get("location")).toBe(`/supervise/groups/${nation.groups.provinceA}`);

    const page = await get(server, `/supervise/groups/${nation.groups.provinceA}`, cookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const name of ["ก เทศบาลที่ปิดรอบแล้ว", "ข อบต.ที่ยังเปิดรอบ", "ค อบต.ที่ยังไม่เริ่ม", "ง หน่วยงานที่ไม่มีรอบ"])
      expect(html).toContain(name);
    expect(html).not.toContain("จ เทศบาลจังหวัดบี");
    expect(html).toContain("อำเภอเอหนึ่ง");
    expect(html).toContain("<svg");
  });

  it("answers 404 for a group outside the supervisor's, its exports included, and 403 for every agency admin page", async () => {
    const cookie = await supervisorCookie();
    for (const group of [nation.groups.provinceB, nation.groups.country, nation.groups.ministry, "no-such-group"]) {
      expect((await get(server, `/supervise/groups/${group}`, cookie)).status, group).toBe(404);
      expect((await get(server, `/supervise/groups/${group}/league/csv`, cookie)).status, group).toBe(404);
    }
    const round = nation.rounds.releasedRound.id;
    for (const path of [
      "/admin/rounds",
      `/admin/rounds/${round}`,
      `/admin/rounds/${round}/results`,
      `/admin/rounds/${round}/progress`,
      `/admin/rounds/${round}/responses/csv`,
      `/admin/rounds/${round}/responses/xlsx`,
      `/admin/rounds/${round}/oit.xlsx`,
      `/admin/rounds/${round}/entry`,
      "/admin/users",
      "/admin/audit",
      "/admin/groups",
      `/admin/groups/${nation.groups.provinceA}`,
    ])
      expect((await get(server, path, cookie)).status, path).toBe(403);
    expect((await get(server, `/api/rounds/${round}/results`, cookie)).status).toBe(403);
    const create = await post(server, "/admin/groups", cookie, { name_th: "จังหวัดใหม่", kind: "province" });
    expect(create.status).toBe(403);
  });

  it("refuses the supervisor's pages to an agency administrator (403) and shows every group to a super-administrator", async () => {
    const adminCookie = await signIn(server, agencyAdminEmail);
    expect((await get(server, "/supervise", adminCookie)).status).toBe(403);
    expect((await get(server, `/supervise/groups/${nation.groups.districtA1}`, adminCookie)).status).toBe(403);
    expect((await get(server, `/supervise/groups/${nation.groups.districtA1}/league/xlsx`, adminCookie)).status).toBe(
      403,
    );

    const list = await get(server, "/supervise", cookies.super);
    expect(list.status).toBe(200);
    expect(await list.text()).toContain("จังหวัดบี");
    const country = await (await get(server, `/supervise/groups/${nation.groups.country}`, cookies.super)).text();
    expect(country).toContain("จ เทศบาลจังหวัดบี");
  });

  it("exports the league as CSV with no IIT score of the open round, and the released ones of the closed round", async () => {
    const cookie = await supervisorCookie();
    const res = await get(server, `/supervise/groups/${nation.groups.provinceA}/league/csv`, cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const [header, ...rows] = parseCsv(await res.text());
    expect(header!.slice(0, 12)).toEqual([
      "position",
      "agency",
      "type",
      "size",
      "round_status",
      "iit_responses",
      "iit_minimum",
      "eit_responses",
      "eit_minimum",
      "oit_answered",
      "oit_items",
      "iit",
    ]);
    expect(rows).toHaveLength(4);
    const col = (name: string) => header!.indexOf(name);
    const byName = new Map(rows.map((r) => [r[col("agency")], r]));
    const released = byName.get("ก เทศบาลที่ปิดรอบแล้ว")!;
    expect(released[col("position")]).toBe("1");
    expect(released[col("iit")]).toBe("released");
    expect(released[col("iit_responses")]).toBe("6");
    expect(Number(released[col("indicator_1")])).toBeGreaterThan(0);
    expect(Number(released[col("total")])).toBeGreaterThan(0);
    const open = byName.get("ข อบต.ที่ยังเปิดรอบ")!;
    expect(open[col("iit")]).toBe("pending");
    expect([1, 2, 3, 4, 5].map((n) => open[col(`indicator_${n}`)])).toEqual(["", "", "", "", ""]);
    expect(Number(open[col("indicator_6")])).toBeGreaterThan(0);
    expect(open[col("total")]).toBe("");
    expect(open[col("eit_responses")]).toBe("7");
    expect(byName.get("ง หน่วยงานที่ไม่มีรอบ")![col("not_started")]).toBe("no-round");

    const filtered = parseCsv(
      await (
        await get(server, `/supervise/groups/${nation.groups.provinceA}/league/csv?type=sao&size=L`, cookie)
      ).text(),
    );
    expect(filtered.slice(1).map((r) => r[1])).toEqual(["ง หน่วยงานที่ไม่มีรอบ"]);
  });

  it("exports the league as XLSX: one sheet, one row per agency, numbers as numbers", async () => {
    const cookie = await supervisorCookie();
    const res = await get(server, `/supervise/groups/${nation.groups.districtA1}/league/xlsx`, cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="ita-2569-league-.+\.xlsx"/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    expect(book.worksheets.map((s) => s.name)).toEqual(["ITA 2569"]);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(3);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const first = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(first[header.indexOf("agency")]).toBe("ก เทศบาลที่ปิดรอบแล้ว");
    expect(first[header.indexOf("position")]).toBe(1);
    expect(typeof first[header.indexOf("total")]).toBe("number");
    expect((sheet.getRow(3).values as unknown[])[header.indexOf("not_started") + 1]).toBe("draft");
    expect((await get(server, `/supervise/groups/${nation.groups.districtA1}/league/pdf`, cookie)).status).toBe(404);
  });

  it("prints `ita league --group ID` as JSON: agencies with position, total, rating and responseCounts", async () => {
    const { stdout } = await cli(database.url, "league", "--group", nation.groups.provinceA);
    const json = JSON.parse(stdout);
    expect(json.group).toEqual({ id: nation.groups.provinceA, nameTh: "จังหวัดเอ", nameEn: null, kind: "province" });
    expect(json.fiscalYear).toBe(2569);
    expect(json.agencies.map((a: { nameTh: string }) => a.nameTh)).toEqual([
      "ก เทศบาลที่ปิดรอบแล้ว",
      "ข อบต.ที่ยังเปิดรอบ",
      "ค อบต.ที่ยังไม่เริ่ม",
      "ง หน่วยงานที่ไม่มีรอบ",
    ]);
    const [released, open] = json.agencies;
    expect(released).toMatchObject({ position: 1, responseCounts: { iit: 6, eit: 8 }, iitState: "released" });
    expect(typeof released.total).toBe("number");
    expect(released.rating.label).toMatch(/^[A-F]+$/);
    expect(open).toMatchObject({ position: null, total: null, rating: null, responseCounts: { iit: 6, eit: 7 } });
    expect(Object.keys(open.indicators)).toEqual(["6", "7", "8", "9", "10"]);

    await expect(cli(database.url, "league", "--group", "no-such-group")).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no agency group with id "no-such-group"'),
    });
    await expect(cli(database.url, "league")).rejects.toMatchObject({ code: 2 });
  });

  it("lets a super-administrator create a group, place an agency and add a supervisor, each audited", async () => {
    const created = await post(server, "/admin/groups", cookies.super, { name_th: "จังหวัดซี", kind: "province" });
    expect(created.status).toBe(302);
    const groupPath = created.headers.get("location")!;
    expect(groupPath).toMatch(/^\/admin\/groups\/.+/);
    const add = await post(server, groupPath, cookies.super, {
      intent: "add-member",
      agency_id: nation.agencies.sibling,
    });
    expect(add.status).toBe(200);
    const sup = await post(server, groupPath, cookies.super, {
      intent: "supervisor",
      email: `c-${flavour}@province.go.th`,
    });
    expect(sup.status).toBe(200);
    expect(await sup.text()).toContain("/password/");
    const bad = await post(server, groupPath, cookies.super, { intent: "supervisor", email: "not-an-email" });
    expect(bad.status).toBe(422);
    const page = await (await get(server, groupPath, cookies.super)).text();
    expect(page).toContain("จ เทศบาลจังหวัดบี");
    expect(page).toContain(`c-${flavour}@province.go.th`);
    const groupId = groupPath.split("/").pop()!;
    const audit = await db
      .selectFrom("audit_log")
      .select(["action", "entity_id"])
      .where("action", "in", ["group.create", "group.member-add", "user.create"])
      .orderBy("id")
      .execute();
    expect(audit.slice(-3).map((a) => a.action)).toEqual(["group.create", "group.member-add", "user.create"]);
    expect(audit.slice(-3, -1).map((a) => a.entity_id)).toEqual([groupId, groupId]);
  });
});
