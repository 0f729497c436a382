import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkOitLinks,
  getOitPage,
  getOitWorkbook,
  getPublicOitTable,
  saveOitAnswers,
  setOitPublication,
} from "../../app/services/oit.server";
import { listOitAnswers } from "../../db/repositories/oit";
import { FLAVOURS } from "../support/databases";
import { startEvidenceSite } from "../support/evidence-site";
import { actorOf, createAgencySetup, createUser } from "../support/factories";
import { expectRolledBackWhenAuditFails, useServiceDb } from "../support/service-db";

let site: Awaited<ReturnType<typeof startEvidenceSite>>;
beforeAll(async () => {
  site = await startEvidenceSite();
});
afterAll(() => site.close());

describe.each(FLAVOURS)("OIT service on %s", (flavour) => {
  const t = useServiceDb(flavour);
  const auditOf = (roundId: string, action: string) =>
    t.db.selectFrom("audit_log").selectAll().where("entity_id", "=", roundId).where("action", "=", action).execute();

  it("saves checklist answers with one audit entry and shows them, scored, on the page in camelCase", async () => {
    const { round, admin, agency } = await createAgencySetup(t.db);
    const saved = await saveOitAnswers(t.db, admin, round.id, {
      intent: "save",
      has_o1: "1",
      urls_o1: `${site.url}/ita/structure.html\n${site.url}/ita/structure.html ${site.url}/gone.html`,
      note_o1: "  หน้าเว็บหลัก  ",
      resp_o1: "สำนักปลัด",
      has_o2: "1",
      urls_o2: "",
      has_o3: "0",
      has_o4: "",
      urls_o4: "",
    });
    expect(saved).toEqual({ ok: true, changed: 3, saved: ["o1", "o2", "o3", "o4"], errors: [], assumed: [] });

    const page = await getOitPage(t.db, admin, round.id);
    expect(page.round).toEqual({ id: round.id, slug: round.slug, fiscalYear: 2569 });
    expect(page.isPublic).toBe(false);
    expect(page.canEdit).toBe(true);
    expect(page.groups.map((g) => g.id)).toEqual(["9.1", "9.2", "9.3", "9.4", "9.5", "10.1", "10.2"]);
    const o1 = page.groups[0]!.items.find((i) => i.id === "o1")!;
    expect(o1.answer).toMatchObject({
      item: "o1",
      has: true,
      urls: [`${site.url}/ita/structure.html`, `${site.url}/gone.html`],
      note: "หน้าเว็บหลัก",
      responsible: "สำนักปลัด",
      updatedBy: admin.id,
      linkStatus: {},
      checkedAt: null,
    });
    expect(page.groups[0]!.items.find((i) => i.id === "o4")!.answer).toBeNull();
    const nine = page.scores.indicators.find((i) => i.indicator === 9)!;
    expect(nine.score).toBeCloseTo(100 / 3, 10);
    expect(nine.nameTh).not.toBe("");
    expect(page.scores.indicators.find((i) => i.indicator === 10)!.score).toBeNull();
    expect(page.scores.needsEvidence).toEqual(["o2"]);
    expect(page.scores.unanswered).toBe(40);

    const entries = await auditOf(round.id, "oit.answer");
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ agency_id: agency.id, user_id: admin.id, entity: "round" });
    expect(JSON.parse(entries[0]!.detail!)).toEqual({ items: ["o1", "o2", "o3"] });

    // The same form again changes nothing and writes no audit entry.
    const again = await saveOitAnswers(t.db, admin, round.id, { has_o3: "0" });
    expect(again).toEqual({ ok: true, changed: 0, saved: ["o3"], errors: [], assumed: [] });
    expect(await auditOf(round.id, "oit.answer")).toHaveLength(1);
  });

  it("refuses an item with a non-web link or too many links, in Thai and English, and still saves the form's good item", async () => {
    const { round, admin } = await createAgencySetup(t.db);
    const many = Array.from({ length: 11 }, (_, i) => `https://example.go.th/${i}`).join("\n");
    const refused = await saveOitAnswers(t.db, admin, round.id, {
      has_o1: "1",
      urls_o1: "https://example.go.th/ok",
      has_o5: "1",
      urls_o5: "javascript:alert(1)",
      has_o6: "1",
      urls_o6: many,
    });
    expect(refused.ok).toBe(false);
    expect(refused.errors).toEqual([
      {
        field: "urls_o5",
        message: "Not a web link (http:// or https://): javascript:alert(1)",
        messageTh: "ลิงก์ไม่ถูกต้อง ต้องขึ้นต้นด้วย http:// หรือ https:// : javascript:alert(1)",
      },
      { field: "urls_o6", message: "At most 10 links per item.", messageTh: "ใส่ลิงก์ได้ไม่เกิน 10 ลิงก์ต่อข้อ" },
    ]);
    expect([...(await listOitAnswers(t.db, round.id)).keys()]).toEqual(["o1"]);
    expect(refused.saved).toEqual(["o1"]);
    const entries = await auditOf(round.id, "oit.answer");
    expect(entries.map((e) => JSON.parse(e.detail!))).toEqual([{ items: ["o1"] }]);
  });

  it("reads a link typed without its scheme (www.x.go.th) as https:// and says so", async () => {
    const { round, admin } = await createAgencySetup(t.db);
    const saved = await saveOitAnswers(t.db, admin, round.id, {
      has_o7: "1",
      urls_o7: "www.x.go.th\nx.go.th/ita/o7.pdf https://ok.go.th/a",
    });
    expect(saved).toMatchObject({ ok: true, changed: 1, errors: [] });
    expect(saved.assumed).toEqual([
      { item: "o7", from: "www.x.go.th", to: "https://www.x.go.th" },
      { item: "o7", from: "x.go.th/ita/o7.pdf", to: "https://x.go.th/ita/o7.pdf" },
    ]);
    expect((await listOitAnswers(t.db, round.id)).get("o7")!.urls).toEqual([
      "https://www.x.go.th",
      "https://x.go.th/ita/o7.pdf",
      "https://ok.go.th/a",
    ]);
  });

  it("lets a viewer read but not write, refuses a clerk (403) and hides another agency's round (404)", async () => {
    const { round, viewer, clerk } = await createAgencySetup(t.db);
    const other = await createAgencySetup(t.db);
    expect((await getOitPage(t.db, viewer, round.id)).canEdit).toBe(false);
    await expect(getOitPage(t.db, clerk, round.id)).rejects.toMatchObject({ status: 403 });
    await expect(saveOitAnswers(t.db, viewer, round.id, { has_o1: "0" })).rejects.toMatchObject({ status: 403 });
    await expect(setOitPublication(t.db, viewer, round.id, { public: "1" })).rejects.toMatchObject({ status: 403 });
    await expect(checkOitLinks(t.db, viewer, round.id)).rejects.toMatchObject({ status: 403 });
    await expect(getOitPage(t.db, other.admin, round.id)).rejects.toMatchObject({ status: 404 });
    await expect(saveOitAnswers(t.db, other.admin, round.id, { has_o1: "0" })).rejects.toMatchObject({
      status: 404,
    });
    await expect(getOitWorkbook(t.db, other.viewer, round.id)).rejects.toMatchObject({ status: 404 });
    await expect(getOitPage(t.db, other.admin, "no-such-round")).rejects.toMatchObject({ status: 404 });
    expect((await listOitAnswers(t.db, round.id)).size).toBe(0);
    // A super-administrator reaches every agency's round.
    const root = actorOf(await createUser(t.db, "super", null));
    expect((await getOitPage(t.db, root, round.id)).canEdit).toBe(true);
  });

  it("serves the public link table only while it is published and the round is out of draft", async () => {
    const { round, admin } = await createAgencySetup(t.db);
    await saveOitAnswers(t.db, admin, round.id, { has_o1: "1", urls_o1: "https://example.go.th/structure" });
    await expect(getPublicOitTable(t.db, round.slug)).rejects.toMatchObject({ status: 404 });
    expect(await setOitPublication(t.db, admin, round.id, { public: "1" })).toEqual({ ok: true, isPublic: true });
    const table = await getPublicOitTable(t.db, round.slug);
    expect(table.fiscalYear).toBe(2569);
    expect(table.rows).toHaveLength(43);
    expect(table.rows[0]).toMatchObject({ id: "o1", sub: "9.1", has: true, urls: ["https://example.go.th/structure"] });
    expect(table.rows[1]).toMatchObject({ id: "o2", has: null, urls: [], note: "" });

    const draft = await createAgencySetup(t.db, { status: "draft" });
    await setOitPublication(t.db, draft.admin, draft.round.id, { public: "1" });
    await expect(getPublicOitTable(t.db, draft.round.slug)).rejects.toMatchObject({ status: 404 });
    await expect(getPublicOitTable(t.db, "no-such-slug")).rejects.toMatchObject({ status: 404 });

    expect(await setOitPublication(t.db, admin, round.id, { public: "0" })).toEqual({ ok: true, isPublic: false });
    await expect(getPublicOitTable(t.db, round.slug)).rejects.toMatchObject({ status: 404 });
    const entries = await auditOf(round.id, "oit.public");
    expect(entries.map((e) => JSON.parse(e.detail!))).toEqual(
      expect.arrayContaining([{ public: true }, { public: false }]),
    );
    expect(entries).toHaveLength(2);
  });

  it("checks the evidence links, stores one good and one broken, and audits the check", async () => {
    const { round, admin } = await createAgencySetup(t.db);
    await saveOitAnswers(t.db, admin, round.id, {
      has_o1: "1",
      urls_o1: `${site.url}/ita/structure.html\n${site.url}/gone.html`,
    });
    const result = await checkOitLinks(t.db, admin, round.id, { allowPrivate: true });
    expect(result).toEqual({ ok: true, checked: 2, broken: 1 });
    const o1 = (await listOitAnswers(t.db, round.id)).get("o1")!;
    expect(o1.linkStatus).toEqual({
      [`${site.url}/ita/structure.html`]: { ok: true, status: 200 },
      [`${site.url}/gone.html`]: { ok: false, status: 404 },
    });
    expect(o1.checkedAt).not.toBeNull();
    const entries = await auditOf(round.id, "oit.check-links");
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.detail!)).toEqual({ checked: 2, broken: 1 });

    // Without the private-address allowance the local site is refused, not fetched.
    expect(await checkOitLinks(t.db, admin, round.id, { allowPrivate: false })).toEqual({
      ok: true,
      checked: 2,
      broken: 2,
    });
    const refused = (await listOitAnswers(t.db, round.id)).get("o1")!;
    expect(Object.values(refused.linkStatus)).toEqual([
      { ok: false, error: "private-address" },
      { ok: false, error: "private-address" },
    ]);
  });

  it("writes the link table workbook with the agency, the year and all 43 items", async () => {
    const { round, admin, viewer, agency } = await createAgencySetup(t.db);
    await saveOitAnswers(t.db, admin, round.id, { has_o1: "1", urls_o1: "https://example.go.th/a", note_o1: "ดู" });
    const file = await getOitWorkbook(t.db, viewer, round.id);
    expect(file.filename).toBe(`oit-2569-${round.slug}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.body as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("OIT")!;
    expect(String(sheet.getRow(1).getCell(1).value)).toContain(agency.name_th);
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows.filter((r) => /^O\d+$/.test(String(r[1])))).toHaveLength(43);
    expect(rows.find((r) => r[1] === "O1")!.slice(1, 7)).toEqual([
      "O1",
      "9.1",
      "โครงสร้าง",
      "มี",
      "https://example.go.th/a",
      "ดู",
    ]);
  });

  it("rolls back every write when its audit entry cannot be written", async () => {
    const { round, admin } = await createAgencySetup(t.db);
    await saveOitAnswers(t.db, admin, round.id, { has_o1: "1", urls_o1: "http://127.0.0.1:9/x" });
    await expectRolledBackWhenAuditFails(t.db, ["oit_answers"], () =>
      saveOitAnswers(t.db, admin, round.id, { has_o1: "0", urls_o1: "", has_o2: "1" }),
    );
    await expectRolledBackWhenAuditFails(t.db, ["oit_publication"], () =>
      setOitPublication(t.db, admin, round.id, { public: "1" }),
    );
    await expectRolledBackWhenAuditFails(t.db, ["oit_answers"], () =>
      checkOitLinks(t.db, admin, round.id, { allowPrivate: false }),
    );
  });
});
