import { describe, expect, it } from "vitest";
import {
  createAgency,
  getAgency,
  listAgencies,
  setActingAgency,
  updateAgency,
} from "../../app/services/agencies.server";
import { FLAVOURS } from "../support/databases";
import { actorOf, createAgencySetup, createUser } from "../support/factories";
import { expectRolledBackWhenAuditFails, useServiceDb } from "../support/service-db";

const fields = {
  name_th: "องค์การบริหารส่วนตำบลทดลอง",
  name_en: "",
  type: "sao",
  size: "M",
  staff_count: "42",
  external_count: "",
};

describe.each(FLAVOURS)("agencies service on %s", (flavour) => {
  const t = useServiceDb(flavour);

  it("creates an agency with its audit entry and lists it in camelCase", async () => {
    const root = actorOf(await createUser(t.db, "super", null));
    const created = await createAgency(t.db, root, fields);
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const listed = (await listAgencies(t.db, root)).find((a) => a.id === created.id);
    expect(listed).toEqual({
      id: created.id,
      nameTh: fields.name_th,
      nameEn: null,
      type: "sao",
      size: "M",
      staffCount: 42,
      externalCount: null,
    });
    const entry = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity_id", "=", created.id)
      .executeTakeFirstOrThrow();
    expect(entry.action).toBe("agency.create");
  });

  it("refuses a bad form with Thai and English messages and writes nothing", async () => {
    const root = actorOf(await createUser(t.db, "super", null));
    const before = (await listAgencies(t.db, root)).length;
    const refused = await createAgency(t.db, root, { ...fields, name_th: "x", staff_count: "-3" });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.errors.map((e) => e.field).sort()).toEqual(["name_th", "staff_count"]);
    expect(refused.errors.find((e) => e.field === "name_th")?.messageTh).toBe("โปรดระบุชื่อหน่วยงานภาษาไทย (2–200 ตัวอักษร)");
    expect(refused.errors.find((e) => e.field === "staff_count")?.message).toBe("A whole number, or empty.");
    expect((await listAgencies(t.db, root)).length).toBe(before);
  });

  it("refuses an agency administrator (403) and hides unknown agencies (404)", async () => {
    const { admin } = await createAgencySetup(t.db);
    await expect(listAgencies(t.db, admin)).rejects.toMatchObject({ status: 403 });
    const root = actorOf(await createUser(t.db, "super", null));
    await expect(getAgency(t.db, root, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ status: 404 });
  });

  it("rolls back every write when its audit entry cannot be written", async () => {
    const root = actorOf(await createUser(t.db, "super", null));
    const { agency } = await createAgencySetup(t.db);
    await expectRolledBackWhenAuditFails(t.db, ["agencies"], () => createAgency(t.db, root, fields));
    await expectRolledBackWhenAuditFails(t.db, ["agencies"], () =>
      updateAgency(t.db, root, agency.id, { ...fields, name_th: "ชื่อใหม่ของหน่วยงาน" }),
    );
    const sessionId = "a".repeat(64);
    await t.db
      .insertInto("sessions")
      .values({
        id: sessionId,
        user_id: root.id,
        created_at: new Date().toISOString(),
        expires_at: new Date(Date.now() + 3600_000).toISOString(),
      })
      .execute();
    await expectRolledBackWhenAuditFails(t.db, ["sessions"], () =>
      setActingAgency(t.db, root, { sessionId, agencyId: agency.id }),
    );
  });
});
