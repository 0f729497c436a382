import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import type { SurveyKind } from "../../app/lib/instruments";
import { config } from "../../app/server/config.server";
import { hashCode } from "../../db/repositories/round-access";
import {
  changePin,
  getBlankQuestionnaire,
  getEntryPage,
  getPoster,
  getRoundAccess,
  issueIitCodes,
  listChannels,
  saveChannel,
  submitEntry,
} from "../../app/services/round-access.server";
import { randomAnswers, readFramework } from "../support/answers";
import { FLAVOURS } from "../support/databases";
import { actorOf, createAgencySetup, createUser } from "../support/factories";
import { expectRolledBackWhenAuditFails, useServiceDb } from "../support/service-db";

const fw = readFramework();
const publicUrl = () => config().PUBLIC_URL;
const CODE = /^[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}$/;

describe.each(FLAVOURS)("round access service on %s", (flavour) => {
  const t = useServiceDb(flavour);

  const auditOf = (roundId: string) =>
    t.db
      .selectFrom("audit_log")
      .select(["action", "user_id", "detail"])
      .where("entity_id", "=", roundId)
      .orderBy("id")
      .execute();

  it("adds a channel with its link and QR code, renames it under the same key, and audits both", async () => {
    const { round, admin } = await createAgencySetup(t.db);
    const added = await saveChannel(t.db, admin, round.id, { key: " Counter-1 ", name: "เคาน์เตอร์งานทะเบียน" });
    expect(added).toEqual({ ok: true, created: true });
    const renamed = await saveChannel(t.db, admin, round.id, {
      key: "counter-1",
      name: "เคาน์เตอร์ 1",
      kiosk: "1",
      intent: "update",
    });
    expect(renamed).toEqual({ ok: true, created: false });

    const view = await listChannels(t.db, admin, round.id);
    expect(view.round).toEqual({ id: round.id, fiscalYear: 2569 });
    expect(view.channels).toHaveLength(1);
    const [channel] = view.channels;
    expect(channel).toMatchObject({ key: "counter-1", name: "เคาน์เตอร์ 1", kiosk: true });
    expect(channel!.link).toBe(`${publicUrl()}/s/${round.slug}?c=counter-1`);
    expect(channel!.qr).toContain("<svg");
    expect((await auditOf(round.id)).map((e) => [e.action, e.user_id])).toEqual([
      ["channel.create", admin.id],
      ["channel.update", admin.id],
    ]);

    const poster = await getPoster(t.db, admin, round.id, "counter-1");
    expect(poster).toMatchObject({ channel: "เคาน์เตอร์ 1", link: channel!.link, roundId: round.id, fiscalYear: 2569 });
    expect(poster.agency).toMatch(/^หน่วยงานทดสอบ-/);
    expect(poster.address).toBe(channel!.link.replace(/^https?:\/\//, ""));
    expect(poster.closesOn).toBeNull();
    await expect(getPoster(t.db, admin, round.id, "counter-9")).rejects.toMatchObject({ status: 404 });
  });

  it("refuses to add a key the round already has, in Thai and English, and changes nothing; renaming an unknown key is 404", async () => {
    const { round, admin } = await createAgencySetup(t.db);
    await saveChannel(t.db, admin, round.id, { key: "counter-1", name: "เคาน์เตอร์งานทะเบียน" });
    const again = await saveChannel(t.db, admin, round.id, { key: "Counter-1", name: "ชื่ออื่น", kiosk: "1" });
    expect(again.ok).toBe(false);
    expect(!again.ok && again.errors.map((e) => [e.field, e.messageTh])).toEqual([
      ["key", "รอบนี้มีช่องทางรหัส “counter-1” (เคาน์เตอร์งานทะเบียน) อยู่แล้ว กรุณาใช้รหัสอื่น หรือแก้ชื่อช่องทางเดิมในรายการด้านบน"],
    ]);
    const [channel] = (await listChannels(t.db, admin, round.id)).channels;
    expect(channel).toMatchObject({ key: "counter-1", name: "เคาน์เตอร์งานทะเบียน", kiosk: false });
    expect((await auditOf(round.id)).map((e) => e.action)).toEqual(["channel.create"]);
    await expect(
      saveChannel(t.db, admin, round.id, { key: "counter-9", name: "x", intent: "update" }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it("refuses a bad channel form with Thai and English messages and writes nothing", async () => {
    const { round, admin } = await createAgencySetup(t.db);
    const refused = await saveChannel(t.db, admin, round.id, { key: "Counter 1!", name: "   " });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.errors).toEqual([
      {
        field: "key",
        message: "Key: lower-case letters, digits and dashes (up to 32)",
        messageTh: "รหัสช่องทางใช้ได้เฉพาะอักษรภาษาอังกฤษตัวเล็ก ตัวเลข และขีด (ไม่เกิน 32 ตัว)",
      },
      { field: "name", message: "Give the channel a name", messageTh: "กรุณาตั้งชื่อช่องทาง" },
    ]);
    const missing = await saveChannel(t.db, admin, round.id, {});
    expect(missing.ok ? [] : missing.errors.map((e) => e.field)).toEqual(["key", "name"]);
    expect((await listChannels(t.db, admin, round.id)).channels).toEqual([]);
    expect(await auditOf(round.id)).toEqual([]);
  });

  it("changes the PIN with its audit entry, and refuses one that is not 4–8 digits", async () => {
    const { round, admin } = await createAgencySetup(t.db);
    expect(await changePin(t.db, admin, round.id, { pin: " 13579 " })).toEqual({ ok: true });
    expect((await getRoundAccess(t.db, admin, round.id)).round).toEqual({
      id: round.id,
      mode: "pin",
      pin: "13579",
      fiscalYear: 2569,
    });
    expect(await auditOf(round.id)).toEqual([{ action: "round.pin", user_id: admin.id, detail: "PIN changed" }]);

    for (const pin of ["123", "123456789", "12a4", ""]) {
      const refused = await changePin(t.db, admin, round.id, { pin });
      expect(refused).toEqual({
        ok: false,
        errors: [{ field: "pin", message: "The PIN is 4–8 digits", messageTh: "รหัส PIN ต้องเป็นตัวเลข 4–8 หลัก" }],
      });
    }
    expect((await getRoundAccess(t.db, admin, round.id)).round.pin).toBe("13579");
    expect(await auditOf(round.id)).toHaveLength(1);
  });

  it("issues one-time codes as printable slips, stores only their hashes and counts them", async () => {
    const { agency, round, admin } = await createAgencySetup(t.db, { iit_access: "codes", pin: null });
    const before = await getRoundAccess(t.db, admin, round.id);
    expect(before.defaultCount).toBe(agency.staff_count);
    expect(before.codes).toEqual({ total: 0, used: 0 });

    const issued = await issueIitCodes(t.db, admin, round.id, { count: "12" });
    expect(issued.ok).toBe(true);
    if (!issued.ok) return;
    expect(issued.slips).toHaveLength(12);
    const slip = issued.slips[0]!;
    expect(slip.code).toMatch(CODE);
    expect(slip.link).toBe(`${publicUrl()}/s/${round.slug}/iit#${slip.code}`);
    expect(slip.qr).toContain("<svg");
    // The short address for staff who cannot scan: no scheme, no code (the code is typed on the page).
    expect(issued.address).toBe(`${publicUrl().replace(/^https?:\/\//, "")}/s/${round.slug}/iit`);
    const stored = await t.db.selectFrom("iit_codes").select("code_hash").where("round_id", "=", round.id).execute();
    expect(stored.map((r) => r.code_hash).sort()).toEqual(issued.slips.map((s) => hashCode(s.code)).sort());
    expect((await getRoundAccess(t.db, admin, round.id)).codes).toEqual({ total: 12, used: 0 });
    expect(await auditOf(round.id)).toEqual([{ action: "codes.create", user_id: admin.id, detail: '{"count":12}' }]);

    for (const count of ["0", "2001", "1.5", "many", undefined]) {
      const refused = await issueIitCodes(t.db, admin, round.id, count === undefined ? {} : { count });
      expect(refused).toEqual({
        ok: false,
        errors: [{ field: "count", message: "Between 1 and 2000 codes", messageTh: "สร้างได้ครั้งละ 1–2000 รหัส" }],
      });
    }
    expect((await getRoundAccess(t.db, admin, round.id)).codes.total).toBe(12);
  });

  it("refuses a clerk or viewer (403) and another agency's administrator (404); a super-administrator may act", async () => {
    const { round, admin, clerk, viewer } = await createAgencySetup(t.db);
    const other = await createAgencySetup(t.db);
    for (const actor of [clerk, viewer]) {
      await expect(getRoundAccess(t.db, actor, round.id)).rejects.toMatchObject({ status: 403 });
      await expect(saveChannel(t.db, actor, round.id, { key: "web", name: "เว็บไซต์" })).rejects.toMatchObject({
        status: 403,
      });
      await expect(changePin(t.db, actor, round.id, { pin: "1234" })).rejects.toMatchObject({ status: 403 });
      await expect(issueIitCodes(t.db, actor, round.id, { count: "1" })).rejects.toMatchObject({ status: 403 });
    }
    await expect(getBlankQuestionnaire(t.db, viewer, round.id, "eit")).rejects.toMatchObject({ status: 403 });
    const stranger = other.admin;
    await expect(listChannels(t.db, stranger, round.id)).rejects.toMatchObject({ status: 404 });
    await expect(changePin(t.db, stranger, round.id, { pin: "1234" })).rejects.toMatchObject({ status: 404 });
    await expect(issueIitCodes(t.db, stranger, round.id, { count: "1" })).rejects.toMatchObject({ status: 404 });
    await expect(saveChannel(t.db, stranger, round.id, { key: "web", name: "x" })).rejects.toMatchObject({
      status: 404,
    });
    await expect(getEntryPage(t.db, other.clerk, round.id, entryChoice("eit"))).rejects.toMatchObject({ status: 404 });
    await expect(getRoundAccess(t.db, admin, crypto.randomUUID())).rejects.toMatchObject({ status: 404 });
    expect(await auditOf(round.id)).toEqual([]);

    const root = actorOf(await createUser(t.db, "super", null));
    expect(await saveChannel(t.db, root, round.id, { key: "web", name: "เว็บไซต์" })).toEqual({
      ok: true,
      created: true,
    });
  });

  it("rolls back every write when its audit entry cannot be written", async () => {
    const { round, admin } = await createAgencySetup(t.db);
    await expectRolledBackWhenAuditFails(t.db, ["eit_channels"], () =>
      saveChannel(t.db, admin, round.id, { key: "counter-1", name: "เคาน์เตอร์" }),
    );
    expect(await saveChannel(t.db, admin, round.id, { key: "counter-1", name: "เคาน์เตอร์" })).toMatchObject({
      ok: true,
    });
    await expectRolledBackWhenAuditFails(t.db, ["eit_channels"], () =>
      saveChannel(t.db, admin, round.id, { key: "counter-1", name: "ชื่อใหม่", kiosk: "1", intent: "update" }),
    );
    await expectRolledBackWhenAuditFails(t.db, ["rounds"], () => changePin(t.db, admin, round.id, { pin: "97531" }));
    // More than one chunk of codes (500 a statement): none of them stays.
    await expectRolledBackWhenAuditFails(t.db, ["iit_codes"], () =>
      issueIitCodes(t.db, admin, round.id, { count: "1200" }),
    );
  });

  it("lays out a blank questionnaire for paper, and 404 for an unknown instrument", async () => {
    const { round, clerk } = await createAgencySetup(t.db);
    const blank = await getBlankQuestionnaire(t.db, clerk, round.id, "iit");
    expect(blank.instrument).toBe("iit");
    expect(blank.roundId).toBe(round.id);
    expect(blank.fiscalYear).toBe(2569);
    expect(blank.title).toMatch(/[ก-๙]/);
    expect(blank.questions.length).toBeGreaterThanOrEqual(fw.items.IIT.length);
    const matrix = blank.questions.find((q) => q.kind === "matrix");
    expect(matrix && matrix.kind === "matrix" && matrix.rows.length > 0 && matrix.columns.length > 0).toBe(true);
    await expect(getBlankQuestionnaire(t.db, clerk, round.id, "oit")).rejects.toMatchObject({ status: 404 });
  });

  it("stores a paper EIT sheet under the channel `paper`, made on first use, and a coded IIT sheet once", async () => {
    const { round, clerk } = await createAgencySetup(t.db);
    const page = await getEntryPage(t.db, clerk, round.id, entryChoice("eit"));
    expect(page.round).toEqual({ id: round.id, iitAccess: "pin", status: "open" });
    expect(JSON.stringify(page.survey)).toContain("ตัวชี้วัดที่ 6");
    expect((await getEntryPage(t.db, clerk, round.id, entryChoice(null))).survey).toBeNull();

    const sheet = { answers: randomAnswers(fw, "EIT"), submissionId: crypto.randomUUID(), serial: "P-0001" };
    const stored = await submitEntry(t.db, clerk, round.id, { ...entryChoice("eit"), body: sheet });
    expect(stored.status).toBe(201);
    const row = await t.db
      .selectFrom("eit_responses")
      .select(["channel"])
      .where("round_id", "=", round.id)
      .executeTakeFirstOrThrow();
    expect(row.channel).toBe("paper");
    const channel = await t.db.selectFrom("eit_channels").selectAll().where("round_id", "=", round.id).execute();
    expect(channel.map((c) => [c.key, c.name, Number(c.kiosk)])).toEqual([["paper", "แบบสอบถามกระดาษ", 0]]);
    const pinSheet = { answers: randomAnswers(fw, "IIT"), submissionId: crypto.randomUUID() };
    expect((await submitEntry(t.db, clerk, round.id, { ...entryChoice("iit"), body: pinSheet })).status).toBe(201);

    const coded = await createAgencySetup(t.db, { iit_access: "codes", pin: null });
    const issued = await issueIitCodes(t.db, coded.admin, coded.round.id, { count: "1" });
    const code = issued.ok ? issued.slips[0]!.code : "";
    const iitSheet = () => ({ answers: randomAnswers(fw, "IIT"), submissionId: crypto.randomUUID(), accessCode: code });
    const first = await submitEntry(t.db, coded.clerk, coded.round.id, { ...entryChoice("iit"), body: iitSheet() });
    expect(first.status).toBe(201);
    const again = await submitEntry(t.db, coded.clerk, coded.round.id, { ...entryChoice("iit"), body: iitSheet() });
    expect(again).toMatchObject({ status: 409, body: { reason: "code-used" } });

    await expect(submitEntry(t.db, clerk, round.id, { ...entryChoice(null), body: sheet })).rejects.toMatchObject({
      status: 400,
    });
    await expect(submitEntry(t.db, clerk, round.id, { ...entryChoice("eit"), body: null })).rejects.toMatchObject({
      status: 400,
    });
  });
});

function entryChoice(instrument: SurveyKind | null) {
  return { instrument, channel: "paper" as const, lang: "th" as const };
}
