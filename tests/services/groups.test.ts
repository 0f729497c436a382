import { describe, expect, it } from "vitest";
import {
  changeMembership,
  createGroup,
  createSupervisor,
  deleteGroup,
  getGroupPage,
  getGroupsPage,
  updateGroup,
} from "../../app/services/groups/groups.server";
import { getLeague } from "../../app/services/groups/league.server";
import { FLAVOURS } from "../support/databases";
import { actorOf, createAgency, createUser } from "../support/factories";
import { expectRolledBackWhenAuditFails, useServiceDb } from "../support/service-db";

const GROUP_TABLES = ["agency_groups", "agency_group_members", "group_supervisors", "users"] as const;

describe.each(FLAVOURS)("agency groups service on %s", (flavour) => {
  const t = useServiceDb(flavour);

  async function superAdmin() {
    return actorOf(await createUser(t.db, "super", null));
  }

  async function made(result: { ok: true; id: string } | { ok: false }): Promise<string> {
    if (!result.ok) throw new Error("not created");
    return result.id;
  }

  it("builds a tree of groups, lists it in tree order, and audits each change", async () => {
    const actor = await superAdmin();
    const country = await made(await createGroup(t.db, actor, { name_th: "ประเทศไทย", kind: "country" }));
    const province = await made(
      await createGroup(t.db, actor, {
        name_th: "จังหวัดเชียงใหม่",
        name_en: "Chiang Mai",
        kind: "province",
        parent_id: country,
      }),
    );
    await made(await createGroup(t.db, actor, { name_th: "อำเภอเมือง", kind: "district", parent_id: province }));
    const ours = (await getGroupsPage(t.db, actor)).groups.filter((g) => g.id === country || g.parentId !== null);
    expect(ours.map((g) => [g.nameTh, g.depth])).toEqual([
      ["ประเทศไทย", 0],
      ["จังหวัดเชียงใหม่", 1],
      ["อำเภอเมือง", 2],
    ]);
    expect(
      await updateGroup(t.db, actor, province, { name_th: "จังหวัดเชียงใหม่ ๑", kind: "province", parent_id: country }),
    ).toEqual({
      ok: true,
    });
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "agency_id"])
      .where("user_id", "=", actor.id)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["group.create", "group.create", "group.create", "group.update"]);
    expect(audit.every((a) => a.agency_id === null)).toBe(true);
  });

  it("refuses a bad form, an unknown parent and a parent below the group, writing nothing", async () => {
    const actor = await superAdmin();
    const country = await made(await createGroup(t.db, actor, { name_th: "ประเทศไทย", kind: "country" }));
    const province = await made(
      await createGroup(t.db, actor, { name_th: "จังหวัดเอ", kind: "province", parent_id: country }),
    );
    const before = (await t.db.selectFrom("agency_groups").selectAll().execute()).length;
    const bad = await createGroup(t.db, actor, { name_th: "ก", kind: "planet" });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors.map((e) => [e.field, e.messageTh])).toEqual([
      ["name_th", "โปรดระบุชื่อกลุ่มภาษาไทย (2–200 ตัวอักษร)"],
      ["kind", "โปรดเลือกประเภทของกลุ่ม"],
    ]);
    const unknown = await createGroup(t.db, actor, { name_th: "จังหวัดบี", kind: "province", parent_id: "nope" });
    expect(!unknown.ok && unknown.errors[0]!.field).toBe("parent_id");
    const cycle = await updateGroup(t.db, actor, country, {
      name_th: "ประเทศไทย",
      kind: "country",
      parent_id: province,
    });
    expect(!cycle.ok && cycle.errors[0]!.messageTh).toBe("ไม่สามารถย้ายกลุ่มไปอยู่ใต้ตัวเองหรือกลุ่มย่อยของตัวเองได้");
    expect((await t.db.selectFrom("agency_groups").selectAll().execute()).length).toBe(before);
    const parents = (await getGroupPage(t.db, actor, country)).parents.map((g) => g.id);
    expect(parents).not.toContain(country);
    expect(parents).not.toContain(province);
  });

  it("places agencies, creates a supervisor who then reads the group, and refuses to delete a group in use", async () => {
    const actor = await superAdmin();
    const province = await made(await createGroup(t.db, actor, { name_th: "จังหวัดเอ", kind: "province" }));
    const agency = await createAgency(t.db, { name_th: "เทศบาลเอ" });
    expect(await changeMembership(t.db, actor, province, { agency_id: agency.id }, "add")).toEqual({
      ok: true,
      changed: true,
    });
    expect(await changeMembership(t.db, actor, province, { agency_id: agency.id }, "add")).toEqual({
      ok: true,
      changed: false,
    });
    const created = await createSupervisor(t.db, actor, province, {
      email: " Khun.Sup@Province.go.th ",
      name: "คุณกำกับ",
    });
    expect(created.ok && created.email).toBe("khun.sup@province.go.th");
    expect(created.ok && created.link).toMatch(/\/password\//);
    const taken = await createSupervisor(t.db, actor, province, { email: "khun.sup@province.go.th" });
    expect(!taken.ok && taken.errors[0]!.field).toBe("email");

    const page = await getGroupPage(t.db, actor, province);
    expect(page.members.map((m) => m.nameTh)).toEqual(["เทศบาลเอ"]);
    expect(page.supervisors.map((s) => s.email)).toEqual(["khun.sup@province.go.th"]);
    const user = await t.db
      .selectFrom("users")
      .selectAll()
      .where("email", "=", "khun.sup@province.go.th")
      .executeTakeFirstOrThrow();
    expect(user.role).toBe("supervisor");
    expect(user.agency_id).toBeNull();
    const league = await getLeague(t.db, actorOf({ ...user, failed_logins: 0, disabled: 0 }), province);
    expect(league.all.map((r) => r.nameTh)).toEqual(["เทศบาลเอ"]);

    const refused = await deleteGroup(t.db, actor, province);
    expect(!refused.ok && refused.errors[0]!.messageTh).toBe(
      "กลุ่มนี้ยังมีกลุ่มย่อย 0 กลุ่ม หน่วยงาน 1 แห่ง และผู้กำกับดูแล 1 คน จึงลบไม่ได้",
    );
    const empty = await made(await createGroup(t.db, actor, { name_th: "กลุ่มว่าง", kind: "other" }));
    expect(await deleteGroup(t.db, actor, empty)).toEqual({ ok: true });
    expect(await changeMembership(t.db, actor, province, { agency_id: agency.id }, "remove")).toEqual({
      ok: true,
      changed: true,
    });
    const actions = (
      await t.db.selectFrom("audit_log").select("action").where("user_id", "=", actor.id).orderBy("id").execute()
    ).map((a) => a.action);
    expect(actions).toEqual([
      "group.create",
      "group.member-add",
      "user.create",
      "group.create",
      "group.delete",
      "group.member-remove",
    ]);
  });

  it("lets only super-administrators manage groups: an agency admin and a supervisor get 403", async () => {
    const actor = await superAdmin();
    const province = await made(await createGroup(t.db, actor, { name_th: "จังหวัดเอ", kind: "province" }));
    const agency = await createAgency(t.db);
    const admin = actorOf(await createUser(t.db, "admin", agency.id));
    const supervisor = actorOf(await createUser(t.db, "supervisor", null));
    for (const who of [admin, supervisor]) {
      await expect(getGroupsPage(t.db, who)).rejects.toMatchObject({ status: 403 });
      await expect(createGroup(t.db, who, { name_th: "จังหวัดบี", kind: "province" })).rejects.toMatchObject({
        status: 403,
      });
      await expect(createSupervisor(t.db, who, province, { email: "x@y.go.th" })).rejects.toMatchObject({
        status: 403,
      });
      await expect(changeMembership(t.db, who, province, { agency_id: agency.id }, "add")).rejects.toMatchObject({
        status: 403,
      });
    }
    await expect(getGroupPage(t.db, actor, "no-such-group")).rejects.toMatchObject({ status: 404 });
  });

  it("rolls back every group write when its audit entry cannot be written", async () => {
    const actor = await superAdmin();
    const province = await made(await createGroup(t.db, actor, { name_th: "จังหวัดเอ", kind: "province" }));
    const agency = await createAgency(t.db);
    await expectRolledBackWhenAuditFails(t.db, GROUP_TABLES, () =>
      createGroup(t.db, actor, { name_th: "จังหวัดบี", kind: "province" }),
    );
    await expectRolledBackWhenAuditFails(t.db, GROUP_TABLES, () =>
      updateGroup(t.db, actor, province, { name_th: "จังหวัดซี", kind: "province" }),
    );
    await expectRolledBackWhenAuditFails(t.db, GROUP_TABLES, () =>
      changeMembership(t.db, actor, province, { agency_id: agency.id }, "add"),
    );
    await expectRolledBackWhenAuditFails(t.db, [...GROUP_TABLES, "password_tokens"], () =>
      createSupervisor(t.db, actor, province, { email: "sup@province.go.th" }),
    );
    const empty = await made(await createGroup(t.db, actor, { name_th: "กลุ่มว่าง", kind: "other" }));
    await expectRolledBackWhenAuditFails(t.db, GROUP_TABLES, () => deleteGroup(t.db, actor, empty));
  });
});
