import { describe, expect, it } from "vitest";
import { listAuditLog } from "../../app/services/audit-log.server";
import {
  createRound,
  deleteRound,
  getRound,
  getRoundSettings,
  listPublicRounds,
  listRounds,
  newRoundForm,
  updateRoundSettings,
} from "../../app/services/rounds/rounds.server";
import { FLAVOURS } from "../support/databases";
import { actorOf, createAgency, createAgencySetup, createRound as seedRound, createUser } from "../support/factories";
import { expectRolledBackWhenAuditFails, useServiceDb } from "../support/service-db";

/** The round form as a browser posts it. */
const fields = (patch: Record<string, string> = {}) => ({
  fiscal_year: "2570",
  title: "",
  framework: "ita-2565",
  status: "draft",
  opens_on: "",
  closes_on: "",
  iit_access: "pin",
  pin: "",
  strength_line: "70",
  target_line: "85",
  min_iit: "25",
  min_eit: "30",
  ...patch,
});

describe.each(FLAVOURS)("rounds service on %s", (flavour) => {
  const t = useServiceDb(flavour);

  const roundRow = (id: string) => t.db.selectFrom("rounds").selectAll().where("id", "=", id).executeTakeFirst();
  const auditOf = (entityId: string) =>
    t.db
      .selectFrom("audit_log")
      .select(["action", "detail", "agency_id", "user_id"])
      .where("entity_id", "=", entityId)
      .orderBy("id")
      .execute();

  it("creates a round in the administrator's agency with a generated PIN, audits it and shows it in camelCase", async () => {
    const { agency, admin, viewer } = await createAgencySetup(t.db);
    const created = await createRound(t.db, admin, fields({ title: "รอบทดสอบ" }));
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const row = await roundRow(created.id);
    expect(row).toMatchObject({ agency_id: agency.id, fiscal_year: 2570, status: "draft", min_iit: 25, min_eit: 30 });
    expect(row?.pin).toMatch(/^\d{6}$/);
    expect(row?.slug).toMatch(/^[a-z2-9]{14}$/);

    const audit = await auditOf(created.id);
    expect(audit.map((a) => a.action)).toEqual(["round.create"]);
    expect(audit[0]).toMatchObject({ agency_id: agency.id, user_id: admin.id });
    expect(JSON.parse(audit[0]!.detail!)).toEqual({
      slug: row!.slug,
      fiscal_year: 2570,
      framework: "ita-2565",
      status: "draft",
    });

    const listed = (await listRounds(t.db, viewer)).find((r) => r.id === created.id);
    expect(listed).toEqual({
      id: created.id,
      slug: row!.slug,
      title: "รอบทดสอบ",
      fiscalYear: 2570,
      status: "draft",
      framework: "ita-2565",
      agencyName: agency.name_th,
      nth: null,
    });
    const forAdmin = await getRound(t.db, admin, created.id);
    expect(forAdmin.agencyName).toBe(agency.name_th);
    expect(forAdmin.round).toMatchObject({ fiscalYear: 2570, strengthLine: 70, targetLine: 85, minEit: 30 });
    expect(forAdmin.round.pin).toBe(row!.pin);
    // A viewer sees the round but not its PIN.
    expect((await getRound(t.db, viewer, created.id)).round.pin).toBeNull();
  });

  it("offers the framework's minimum samples for the agency on the new-round form", async () => {
    const agency = await createAgency(t.db, { type: "sao", size: "M", staff_count: 40 });
    const admin = actorOf(await createUser(t.db, "admin", agency.id));
    const form = await newRoundForm(t.db, admin);
    expect(form.values).toMatchObject({ framework: "ita-2565", status: "draft", minIit: 25, minEit: 40, pin: null });
    // One-time codes by default: a PIN lets whoever holds it add IIT responses (issue 13).
    expect(form.values.iitAccess).toBe("codes");
    // Listed by year and title, not by raw id (issue 17).
    expect(form.frameworks.find((f) => f.id === "ita-2565")).toMatchObject({ year: 2565, imported: false });
    expect(form.frameworks.find((f) => f.id === "ita-2565")?.titleTh).toContain("พ.ศ. 2565");
    expect(form.agencies).toBeUndefined();
  });

  it("gives the new-round form each framework's minimum samples for the agency", async () => {
    // A ministry's policy unit: EIT minimum 30 under the 2565 and 2566 frameworks, 100 under 2568.
    const agency = await createAgency(t.db, { type: "ministry-policy", size: "M", staff_count: 40 });
    const admin = actorOf(await createUser(t.db, "admin", agency.id));
    const form = await newRoundForm(t.db, admin);
    expect(form.samples?.["ita-2565"]).toEqual({ iit: 25, eit: 30 });
    expect(form.samples?.["ita-2568"]).toEqual({ iit: 25, eit: 100 });
    expect(Object.keys(form.samples ?? {}).sort()).toEqual(form.frameworks.map((f) => f.id).sort());
  });

  it("refuses a bad round form with Thai and English messages and writes nothing", async () => {
    const { agency, admin } = await createAgencySetup(t.db);
    const before = (await listRounds(t.db, admin)).length;
    const refused = await createRound(
      t.db,
      admin,
      fields({ fiscal_year: "70", strength_line: "90", target_line: "80" }),
    );
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.errors).toEqual([
      {
        field: "fiscal_year",
        message: "A Buddhist-era year such as 2569.",
        messageTh: "ระบุปีงบประมาณเป็น พ.ศ. เช่น 2569",
      },
    ]);
    const lines = await createRound(t.db, admin, fields({ strength_line: "90", target_line: "80" }));
    expect(lines.ok ? [] : lines.errors.map((e) => e.field)).toEqual(["target_line"]);
    expect((await listRounds(t.db, admin)).length).toBe(before);
    const audit = await t.db.selectFrom("audit_log").select("id").where("agency_id", "=", agency.id).execute();
    expect(audit).toEqual([]);
  });

  it("refuses dates that do not exist and a closing date before the opening date, and writes nothing", async () => {
    const { agency, admin, round } = await createAgencySetup(t.db, { status: "draft", pin: "135790" });
    const before = (await listRounds(t.db, admin)).length;
    const impossible = await createRound(t.db, admin, fields({ opens_on: "2026-02-30", closes_on: "2026-13-45" }));
    expect(impossible.ok ? [] : impossible.errors).toEqual([
      {
        field: "opens_on",
        message: "February 2026 has 28 days; there is no day 30.",
        messageTh: "เดือนกุมภาพันธ์ พ.ศ. 2569 มี 28 วัน — ไม่มีวันที่ 30",
      },
      {
        field: "closes_on",
        message: "There is no month 13; the month is 1 to 12 (day/month/year).",
        messageTh: "ไม่มีเดือนที่ 13 — เดือนต้องเป็น 1–12 (วัน/เดือน/ปี)",
      },
    ]);
    for (const [opens_on, closes_on, refused] of [
      ["2026-02-29", "", ["opens_on"]],
      ["", "2026-04-31", ["closes_on"]],
      ["2026-99-99", "2026-00-10", ["opens_on", "closes_on"]],
      ["2026-3-01", "", ["opens_on"]],
      ["2026-06-01", "2026-05-31", ["closes_on"]],
    ] as const) {
      const result = await createRound(t.db, admin, fields({ opens_on, closes_on }));
      expect(result.ok ? [] : result.errors.map((e) => e.field), `${opens_on}..${closes_on}`).toEqual(refused);
      const update = await updateRoundSettings(t.db, admin, round.id, fields({ opens_on, closes_on, pin: "135790" }));
      expect(update.ok ? [] : update.errors.map((e) => e.field), `${opens_on}..${closes_on}`).toEqual(refused);
    }
    expect((await listRounds(t.db, admin)).length).toBe(before);
    expect(await roundRow(round.id)).toMatchObject({ opens_on: null, closes_on: null });
    expect(await t.db.selectFrom("audit_log").select("id").where("agency_id", "=", agency.id).execute()).toEqual([]);

    // A leap day and a one-day round are real.
    const leap = await createRound(t.db, admin, fields({ opens_on: "2028-02-29", closes_on: "2028-02-29" }));
    expect(leap.ok && (await roundRow(leap.id))).toMatchObject({ opens_on: "2028-02-29", closes_on: "2028-02-29" });
  });

  it("reads dates typed in พ.ศ. on the Thai form and refuses a Gregorian year there with the year to type", async () => {
    const { agency, admin } = await createAgencySetup(t.db, { status: "draft", pin: "135790" });
    const thai = { date_calendar: "be" };
    const made = await createRound(t.db, admin, fields({ ...thai, opens_on: "1/10/2569", closes_on: "๓๐/๙/๒๕๗๐" }));
    expect(made.ok && (await roundRow(made.id))).toMatchObject({ opens_on: "2026-10-01", closes_on: "2027-09-30" });
    const english = await createRound(t.db, admin, fields({ date_calendar: "ce", opens_on: "29/2/2028" }));
    expect(english.ok && (await roundRow(english.id))).toMatchObject({ opens_on: "2028-02-29" });

    const before = (await listRounds(t.db, admin)).length;
    const audits = async () =>
      (await t.db.selectFrom("audit_log").select("id").where("agency_id", "=", agency.id).execute()).length;
    const auditBefore = await audits();
    const wrong = await createRound(t.db, admin, fields({ ...thai, opens_on: "1/10/2026", closes_on: "31/4/2570" }));
    expect(wrong.ok ? [] : wrong.errors.map((e) => [e.field, e.messageTh])).toEqual([
      ["opens_on", "ปี 2026 เป็นปี ค.ศ. — ช่องนี้ใช้ปี พ.ศ. โปรดพิมพ์ 2569"],
      ["closes_on", "เดือนเมษายน พ.ศ. 2570 มี 30 วัน — ไม่มีวันที่ 31"],
    ]);
    const short = await createRound(t.db, admin, fields({ ...thai, opens_on: "1/10/69", min_iit: "0" }));
    expect(short.ok ? [] : short.errors.map((e) => [e.field, e.messageTh])).toEqual([
      ["opens_on", "พิมพ์ปี พ.ศ. ให้ครบ 4 หลัก เช่น 2569 (ไม่ใช่ 69)"],
      ["min_iit", "ระบุจำนวนเต็มอย่างน้อย 1"],
    ]);
    expect((await listRounds(t.db, admin)).length).toBe(before);
    expect(await audits()).toBe(auditBefore);
  });

  it("puts a super-administrator's round in the acting agency and refuses a form naming another", async () => {
    const a = await createAgency(t.db);
    const b = await createAgency(t.db);
    const root = await createUser(t.db, "super", null);
    const acting = actorOf(root, a);
    const refused = await createRound(t.db, acting, fields({ title: "ไม่ควรเกิดขึ้น", agency_id: b.id }));
    expect(refused.ok ? "" : refused.errors[0]?.messageTh).toContain("ท่านกำลังทำงานในนามหน่วยงานอื่นอยู่");
    const made = await createRound(t.db, acting, fields());
    expect(made.ok && (await roundRow(made.id))?.agency_id).toBe(a.id);
    // Working in no agency, the super-administrator must name one.
    const unnamed = await createRound(t.db, actorOf(root), fields({ title: "ไม่ควรเกิดขึ้น" }));
    expect(unnamed.ok ? [] : unnamed.errors).toEqual([
      { field: "agency_id", message: "Choose an agency.", messageTh: "โปรดเลือกหน่วยงาน" },
    ]);
    const named = await createRound(t.db, actorOf(root), fields({ agency_id: b.id }));
    expect(named.ok && (await roundRow(named.id))?.agency_id).toBe(b.id);
    const titled = await t.db.selectFrom("rounds").select("id").where("title", "=", "ไม่ควรเกิดขึ้น").execute();
    expect(titled).toEqual([]);
  });

  it("refuses a viewer (403) and hides another agency's round (404)", async () => {
    const a = await createAgencySetup(t.db);
    const b = await createAgencySetup(t.db);
    await expect(createRound(t.db, a.viewer, fields())).rejects.toMatchObject({ status: 403 });
    await expect(updateRoundSettings(t.db, a.clerk, a.round.id, fields())).rejects.toMatchObject({ status: 403 });
    await expect(getRound(t.db, b.admin, a.round.id)).rejects.toMatchObject({ status: 404 });
    await expect(getRoundSettings(t.db, b.admin, a.round.id)).rejects.toMatchObject({ status: 404 });
    await expect(updateRoundSettings(t.db, b.admin, a.round.id, fields({ status: "closed" }))).rejects.toMatchObject({
      status: 404,
    });
    await expect(deleteRound(t.db, b.admin, a.round.id, { confirm: a.round.slug })).rejects.toMatchObject({
      status: 404,
    });
    expect((await roundRow(a.round.id))?.status).toBe("open");
    expect((await listRounds(t.db, b.admin)).map((r) => r.id)).not.toContain(a.round.id);
  });

  it("saves changed settings with an audit entry naming each change, and writes nothing when nothing changed", async () => {
    const { round, admin } = await createAgencySetup(t.db, { status: "draft", pin: "135790", min_eit: 30 });
    const same = fields({ fiscal_year: "2569", pin: "135790", min_iit: "5", min_eit: "30" });
    expect(await updateRoundSettings(t.db, admin, round.id, same)).toEqual({ ok: true, changed: [] });
    expect(await auditOf(round.id)).toEqual([]);

    const saved = await updateRoundSettings(t.db, admin, round.id, {
      ...same,
      status: "open",
      pin: "246802",
      min_eit: "45",
    });
    expect(saved).toEqual({ ok: true, changed: ["status", "pin", "min_eit"] });
    expect(await roundRow(round.id)).toMatchObject({ status: "open", pin: "246802", min_eit: 45 });
    const audit = await auditOf(round.id);
    expect(audit.map((a) => a.action)).toEqual(["round.update"]);
    expect(JSON.parse(audit[0]!.detail!)).toEqual({
      status: { from: "draft", to: "open" },
      pin: "(changed)",
      min_eit: { from: 30, to: 45 },
    });

    const back = await updateRoundSettings(t.db, admin, round.id, { ...same, status: "draft", pin: "246802" });
    expect(back.ok ? [] : back.errors).toEqual([
      { field: "status", message: "A round cannot go back to draft.", messageTh: "รอบที่เปิดแล้วกลับไปเป็นร่างไม่ได้" },
    ]);
    expect((await roundRow(round.id))?.status).toBe("open");
  });

  it("deletes only a closed round, confirmed by its slug or the Thai words, with its audit entry", async () => {
    const { agency, round, admin } = await createAgencySetup(t.db);
    const open = await deleteRound(t.db, admin, round.id, { confirm: round.slug });
    expect(open).toMatchObject({ ok: false, notClosed: true });
    await t.db.updateTable("rounds").set({ status: "closed" }).where("id", "=", round.id).execute();
    const wrong = await deleteRound(t.db, admin, round.id, { confirm: "ลบ" });
    expect(wrong.ok ? [] : wrong.errors.map((e) => e.messageTh)).toEqual(["โปรดพิมพ์รหัสรอบ หรือคำว่า “ยืนยันการลบ” ให้ถูกต้อง"]);
    expect(await roundRow(round.id)).toBeDefined();
    expect(await deleteRound(t.db, admin, round.id, { confirm: "ยืนยันการลบ" })).toEqual({ ok: true });
    expect(await roundRow(round.id)).toBeUndefined();
    const audit = await auditOf(round.id);
    expect(audit).toMatchObject([{ action: "round.delete", agency_id: agency.id }]);
    expect(JSON.parse(audit[0]!.detail!)).toEqual({ slug: round.slug, fiscal_year: 2569, framework: "ita-2565" });
  });

  it("lists open rounds for the home page only, in camelCase", async () => {
    const agency = await createAgency(t.db, { name_en: "Open Test SAO" });
    const open = await seedRound(t.db, agency.id, { status: "open", title: "เปิดอยู่" });
    const closed = await seedRound(t.db, agency.id, { status: "closed" });
    const listed = await listPublicRounds(t.db);
    expect(listed.find((r) => r.slug === open.slug)).toEqual({
      slug: open.slug,
      fiscalYear: 2569,
      title: "เปิดอยู่",
      agencyNameTh: agency.name_th,
      agencyNameEn: "Open Test SAO",
      closesOn: null,
      nth: null,
    });
    expect(listed.map((r) => r.slug)).not.toContain(closed.slug);
  });

  it("tells apart two untitled open rounds of one agency and year on the home page (รอบที่ 1, 2) and gives the closing day", async () => {
    const agency = await createAgency(t.db);
    const first = await seedRound(t.db, agency.id, {
      status: "open",
      closes_on: "2027-01-31",
      created_at: "2026-10-01T00:00:00.000Z",
    });
    const second = await seedRound(t.db, agency.id, { status: "open", created_at: "2026-11-01T00:00:00.000Z" });
    const listed = await listPublicRounds(t.db);
    const mine = [first, second].map((r) => listed.find((l) => l.slug === r.slug)!);
    expect(mine.map((r) => [r.title, r.nth, r.closesOn])).toEqual([
      [null, 1, "2027-01-31"],
      [null, 2, null],
    ]);
  });

  it("reads the audit log of the actor's agency only, and refuses a clerk", async () => {
    const a = await createAgencySetup(t.db, { status: "draft" });
    const b = await createAgencySetup(t.db, { status: "draft" });
    await updateRoundSettings(
      t.db,
      a.admin,
      a.round.id,
      fields({ fiscal_year: "2569", status: "open", pin: "246810" }),
    );
    await updateRoundSettings(
      t.db,
      b.admin,
      b.round.id,
      fields({ fiscal_year: "2569", status: "open", pin: "246810" }),
    );
    const entries = await listAuditLog(t.db, a.admin);
    expect(entries[0]).toMatchObject({ userEmail: a.admin.email, action: "round.update" });
    expect(entries[0]!.detail).toContain('"status":{"from":"draft","to":"open"}');
    expect(Date.parse(entries[0]!.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(entries.every((e) => e.userEmail !== b.admin.email)).toBe(true);
    const root = actorOf(await createUser(t.db, "super", null));
    const all = (await listAuditLog(t.db, root)).map((e) => e.userEmail);
    expect(all).toEqual(expect.arrayContaining([a.admin.email, b.admin.email]));
    await expect(listAuditLog(t.db, a.clerk)).rejects.toMatchObject({ status: 403 });
  });

  it("rolls back every write when its audit entry cannot be written", async () => {
    const { round, admin } = await createAgencySetup(t.db, { status: "draft" });
    await expectRolledBackWhenAuditFails(t.db, ["rounds"], () => createRound(t.db, admin, fields()));
    await expectRolledBackWhenAuditFails(t.db, ["rounds"], () =>
      updateRoundSettings(t.db, admin, round.id, fields({ fiscal_year: "2569", min_eit: "77" })),
    );
    // A status change is a settings write like any other.
    await expectRolledBackWhenAuditFails(t.db, ["rounds"], () =>
      updateRoundSettings(t.db, admin, round.id, fields({ fiscal_year: "2569", status: "open", pin: "246810" })),
    );
    await t.db.updateTable("rounds").set({ status: "closed" }).where("id", "=", round.id).execute();
    await expectRolledBackWhenAuditFails(t.db, ["rounds"], () =>
      deleteRound(t.db, admin, round.id, { confirm: round.slug }),
    );
    expect(await roundRow(round.id)).toMatchObject({ status: "closed", min_eit: 5 });
  });
});
