import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  createReport,
  deleteReport,
  getReport,
  getReportDocument,
  getReportDocx,
  listBasisChoices,
  listReports,
  saveMeasures,
  saveOptions,
  saveSections,
} from "../../app/services/reports/reports.server";
import type { SessionUser } from "../../app/server/auth.server";
import type { Db } from "../../db/client";
import { FLAVOURS } from "../support/databases";
import { actorOf, createAgencySetup, createOfficialResult, createUser, type AgencySetup } from "../support/factories";
import { expectRolledBackWhenAuditFails, useServiceDb } from "../support/service-db";

const texts = JSON.parse(fs.readFileSync(path.resolve("surveys/ita-2565/report-texts.json"), "utf8"));
const MY_RATIONALE = "หลักการและเหตุผลที่เจ้าหน้าที่เขียนเอง";
const UNKNOWN = "00000000-0000-4000-8000-000000000009";
const REPORT_TABLES = ["reports", "measures"] as const;

/** An agency with official 2565 results and a report drafted from them by its administrator. */
async function agencyWithReport(db: Db): Promise<AgencySetup & { officialId: string; reportId: string }> {
  const setup = await createAgencySetup(db);
  const official = await createOfficialResult(db, setup.agency.id);
  const created = await createReport(db, setup.admin, { basis: `official:${official.id}` });
  if (!created.ok) throw new Error(`createReport refused: ${JSON.stringify(created.errors)}`);
  return { ...setup, officialId: official.id, reportId: created.id };
}

/** The measures form as the page posts it, from the report's current rows. */
async function measuresForm(db: Db, actor: SessionUser, reportId: string): Promise<Record<string, string>> {
  const { measures } = await getReport(db, actor, reportId);
  const form: Record<string, string> = { intent: "measures", count: String(measures.length) };
  measures.forEach((m, i) => {
    for (const [k, v] of Object.entries({
      id: m.id ?? "",
      indicator: m.indicator === null ? "" : String(m.indicator),
      measure: m.measure,
      steps: m.steps,
      responsible: m.responsible,
      monitoring: m.monitoring,
      dueDate: m.dueDate ?? "",
      status: m.status,
      progressNote: m.progressNote ?? "",
    }))
      form[`m${i}.${k}`] = v;
  });
  return form;
}

async function auditOf(db: Db, reportId: string) {
  return db
    .selectFrom("audit_log")
    .select(["action", "detail"])
    .where("entity_id", "=", reportId)
    .orderBy("id")
    .execute();
}

describe.each(FLAVOURS)("reports service on %s", (flavour) => {
  const t = useServiceDb(flavour);

  it("offers the agency's official results and rounds, and drafts the 2566 report from the 2565 results", async () => {
    const setup = await createAgencySetup(t.db);
    const official = await createOfficialResult(t.db, setup.agency.id);
    expect(await listBasisChoices(t.db, setup.viewer)).toEqual([
      {
        kind: "official",
        id: official.id,
        fiscalYear: 2565,
        labelTh: "ผลอย่างเป็นทางการ ปีงบประมาณ พ.ศ. 2565",
        labelEn: "Official results, fiscal year 2565",
      },
      {
        kind: "round",
        id: setup.round.id,
        fiscalYear: 2569,
        labelTh: "ผลการประเมินตนเอง · ปีงบประมาณ พ.ศ. 2569",
        labelEn: "Self-assessment · Fiscal year 2569",
      },
    ]);

    const created = await createReport(t.db, setup.admin, { basis: `official:${official.id}` });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const [listed] = await listReports(t.db, setup.viewer);
    expect(listed).toEqual({
      id: created.id,
      title: "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2566",
      measuresYear: 2566,
      basisKind: "official",
      updatedAt: expect.any(String),
    });

    const view = await getReport(t.db, setup.viewer, created.id);
    expect(view.figures).toEqual({
      overall: "79.64",
      recomputed: "79.65",
      grade: "B",
      ratingWhy: "ยังไม่ถึงระดับ A เพราะ คะแนนรวม 79.65 < 85",
      ratingWhyEn: "Not A because total 79.65 < 85",
      ratingUncertainNote: null,
      basisYear: 2565,
      belowTarget: [9, 10],
    });
    expect(view.sections.map((s) => s.id)).toEqual([
      "rationale",
      "analysisIntro",
      ...[3, 4, 5, 2, 1, 6, 7, 8, 9, 10].map((n) => `indicator-${n}`),
      "recommendations",
      "focus",
    ]);
    expect(view.sections.every((s) => !s.edited && s.text.length > 0)).toBe(true);
    expect(view.sections.find((s) => s.id === "indicator-10")?.indicator).toEqual({
      number: 10,
      nameTh: "การป้องกันการทุจริต",
      nameEn: "Corruption prevention",
    });
    expect(view.measures.map((m) => [m.indicator, m.measure, m.status, m.dueDate, m.progressNote])).toEqual([
      [10, texts.indicators["10"].measure, "planned", "2023-03-31", null],
      [9, texts.indicators["9"].measure, "planned", "2023-03-31", null],
    ]);
    expect(view.options).toEqual({
      thaiDigits: false,
      reporterName: "",
      reporterPosition: "",
      approverName: "",
      approverPosition: "",
    });
    expect(await auditOf(t.db, created.id)).toEqual([
      { action: "report.create", detail: JSON.stringify({ basis: "official", measuresYear: 2566 }) },
    ]);
  });

  it("drafts from a round's self-assessment for the fiscal year after the round's", async () => {
    const setup = await createAgencySetup(t.db);
    const created = await createReport(t.db, setup.admin, { basis: `round:${setup.round.id}` });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const view = await getReport(t.db, setup.admin, created.id);
    expect(view.report.measuresYear).toBe(2570);
    expect(view.report.basisKind).toBe("round");
    expect(view.figures?.overall).toBeNull();
  });

  it("refuses a missing, malformed or another agency's basis in Thai and English and writes nothing", async () => {
    const setup = await createAgencySetup(t.db);
    const other = await createAgencySetup(t.db);
    const theirs = await createOfficialResult(t.db, other.agency.id);
    const count = async () => (await t.db.selectFrom("reports").select("id").execute()).length;
    const before = await count();
    for (const basis of [undefined, "", "x", "official:", `official:${theirs.id}`, `round:${other.round.id}`]) {
      const refused = await createReport(t.db, setup.admin, { basis });
      expect(refused).toEqual({
        ok: false,
        errors: [
          {
            field: "basis",
            message: "Choose the results to build the report on.",
            messageTh: "กรุณาเลือกผลการประเมินที่ใช้จัดทำรายงาน",
          },
        ],
      });
    }
    expect(await count()).toBe(before);
  });

  it("saves edited texts, keeps a text equal to the draft as drafted, and restores a drafted text", async () => {
    const { admin, reportId } = await agencyWithReport(t.db);
    const drafted = (await getReport(t.db, admin, reportId)).sections;
    const indicator9 = drafted.find((s) => s.id === "indicator-9")!.text;
    const saved = await saveSections(t.db, admin, reportId, {
      intent: "sections",
      "section:rationale": `  ${MY_RATIONALE}\r\n`,
      "section:indicator-10": "คำอธิบายตัวชี้วัดที่ 10 ที่แก้ไข",
      "section:indicator-9": indicator9,
    });
    expect(saved).toEqual({ ok: true });
    const edited = (await getReport(t.db, admin, reportId)).sections.filter((s) => s.edited);
    expect(edited.map((s) => [s.id, s.text])).toEqual([
      ["rationale", MY_RATIONALE],
      ["indicator-10", "คำอธิบายตัวชี้วัดที่ 10 ที่แก้ไข"],
    ]);

    expect(await saveSections(t.db, admin, reportId, { reset: "indicator-10" })).toEqual({ ok: true });
    const after = (await getReport(t.db, admin, reportId)).sections;
    expect(after.filter((s) => s.edited).map((s) => s.id)).toEqual(["rationale"]);
    expect(after.find((s) => s.id === "indicator-10")?.text).toBe(drafted.find((s) => s.id === "indicator-10")?.text);
    // Saving the same texts again changes nothing and writes no entry.
    expect(await saveSections(t.db, admin, reportId, { "section:rationale": MY_RATIONALE })).toEqual({ ok: true });
    expect((await auditOf(t.db, reportId)).map((e) => [e.action, e.detail])).toEqual([
      ["report.create", expect.any(String)],
      ["report.edit", JSON.stringify({ sections: ["rationale", "indicator-10"] })],
      ["report.reset", JSON.stringify({ sections: ["indicator-10"] })],
    ]);
  });

  it("refuses a text over 20,000 characters, naming its section, and writes nothing", async () => {
    const { admin, reportId } = await agencyWithReport(t.db);
    const refused = await saveSections(t.db, admin, reportId, {
      "section:rationale": MY_RATIONALE,
      "section:focus": "ก".repeat(20_001),
    });
    expect(refused).toEqual({
      ok: false,
      errors: [{ field: "section:focus", message: "The text is too long.", messageTh: "ข้อความยาวเกินไป" }],
    });
    expect((await getReport(t.db, admin, reportId)).sections.some((s) => s.edited)).toBe(false);
    expect(await auditOf(t.db, reportId)).toHaveLength(1);
  });

  it("saves the measures' follow-up, removes and adds rows, and refuses a bad row", async () => {
    const { admin, reportId } = await agencyWithReport(t.db);
    const form = await measuresForm(t.db, admin, reportId);
    const firstId = form["m0.id"];
    form["m0.status"] = "done";
    form["m0.progressNote"] = "เผยแพร่แผนแล้ว";
    form["m1.remove"] = "on";
    expect(await saveMeasures(t.db, admin, reportId, form)).toEqual({ ok: true, added: 0, changed: 1, removed: 1 });
    const added = await saveMeasures(t.db, admin, reportId, { ...form, intent: "add-measure", count: "1" });
    expect(added).toEqual({ ok: true, added: 1, changed: 0, removed: 0 });
    const { measures } = await getReport(t.db, admin, reportId);
    expect(measures.map((m) => [m.id === firstId, m.measure, m.status, m.progressNote])).toEqual([
      [true, texts.indicators["10"].measure, "done", "เผยแพร่แผนแล้ว"],
      [false, "มาตรการใหม่", "planned", null],
    ]);

    const refused = await saveMeasures(t.db, admin, reportId, {
      intent: "measures",
      count: "1",
      "m0.measure": "x",
      "m0.status": "finished",
      // Typed in พ.ศ. as the Thai page shows it (31/03/2566 would be read as 31 March 2023): April has 30 days.
      "m0.dueDate": "31/04/2566",
    });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.errors.map((e) => [e.field, e.messageTh])).toEqual([
      ["m0.dueDate", "แถวที่ 1 กำหนดแล้วเสร็จ: เดือนเมษายน พ.ศ. 2566 มี 30 วัน — ไม่มีวันที่ 31"],
      ["m0.status", "แถวที่ 1: สถานะไม่ถูกต้อง"],
    ]);
    expect((await getReport(t.db, admin, reportId)).measures).toHaveLength(2);
    expect((await auditOf(t.db, reportId)).map((e) => e.action)).toEqual([
      "report.create",
      "report.measures",
      "report.measures",
    ]);
  });

  it("refuses a measure due on a day that does not exist, and prints only a real date", async () => {
    const { admin, viewer, reportId } = await agencyWithReport(t.db);
    const form = await measuresForm(t.db, admin, reportId);
    // Each refusal says what is wrong with the day (issue 16: a clear Thai error for a bad date).
    for (const [due, th] of [
      ["2026-99-99", "ไม่มีเดือนที่ 99 — เดือนต้องเป็น 1–12 (วัน/เดือน/ปี)"],
      ["2026-02-29", "เดือนกุมภาพันธ์ พ.ศ. 2569 มี 28 วัน — ไม่มีวันที่ 29"],
      ["2026-04-31", "เดือนเมษายน พ.ศ. 2569 มี 30 วัน — ไม่มีวันที่ 31"],
      ["2026-13-01", "ไม่มีเดือนที่ 13 — เดือนต้องเป็น 1–12 (วัน/เดือน/ปี)"],
      ["2026-00-10", "ไม่มีเดือนที่ 0 — เดือนต้องเป็น 1–12 (วัน/เดือน/ปี)"],
    ] as const) {
      const refused = await saveMeasures(t.db, admin, reportId, { ...form, "m1.dueDate": due });
      expect(refused.ok ? [] : refused.errors.map((e) => [e.field, e.messageTh]), due).toEqual([
        ["m1.dueDate", `แถวที่ 2 กำหนดแล้วเสร็จ: ${th}`],
      ]);
    }
    expect((await getReport(t.db, admin, reportId)).measures.map((m) => m.dueDate)).toEqual([
      "2023-03-31",
      "2023-03-31",
    ]);
    expect((await auditOf(t.db, reportId)).map((e) => e.action)).toEqual(["report.create"]);

    const saved = await saveMeasures(t.db, admin, reportId, { ...form, "m1.dueDate": "2028-02-29" });
    expect(saved).toEqual({ ok: true, added: 0, changed: 1, removed: 0 });
    expect((await getReport(t.db, admin, reportId)).measures.map((m) => m.dueDate)).toEqual([
      "2023-03-31",
      "2028-02-29",
    ]);

    // The print view's signing date: an impossible one is ignored (today is used), a real one is kept.
    const printed = await getReportDocument(t.db, viewer, reportId, { progress: true, date: "2026-02-30" });
    expect(printed.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(printed.date).not.toBe("2026-02-30");
    expect((await getReportDocument(t.db, viewer, reportId, { progress: true, date: "2024-02-29" })).date).toBe(
      "2024-02-29",
    );
  });

  it("saves print options and composes the print view, the progress report and the Word file", async () => {
    const { admin, viewer, reportId } = await agencyWithReport(t.db);
    const options = {
      intent: "options",
      thaiDigits: "on",
      reporterName: "นางสาวทดสอบ รายงาน",
      reporterPosition: "นักวิเคราะห์นโยบายและแผน",
      approverName: "นายทดสอบ อนุมัติ",
      approverPosition: "นายกองค์การบริหารส่วนตำบล",
    };
    expect(await saveOptions(t.db, admin, reportId, options)).toEqual({ ok: true });
    expect(await saveOptions(t.db, admin, reportId, options)).toEqual({ ok: true });
    expect((await auditOf(t.db, reportId)).map((e) => [e.action, e.detail])).toEqual([
      ["report.create", expect.any(String)],
      ["report.options", JSON.stringify({ thaiDigits: true })],
    ]);

    const doc = await getReportDocument(t.db, viewer, reportId, { progress: false, date: "2023-01-15" });
    expect(doc).toMatchObject({
      id: reportId,
      measuresYear: 2566,
      progress: false,
      thaiDigits: true,
      date: "2023-01-15",
    });
    expect(doc.blocks[0]).toMatchObject({ kind: "title" });
    expect(JSON.stringify(doc.blocks)).toContain("นายกองค์การบริหารส่วนตำบล");
    const arabic = await getReportDocument(t.db, viewer, reportId, { progress: true, date: "15/01", digits: "arabic" });
    expect(arabic.thaiDigits).toBe(false);
    expect(arabic.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(arabic.date).not.toBe("15/01");
    expect(JSON.stringify(arabic.blocks)).toContain("รายงานความก้าวหน้าและสรุปผลการดำเนินการ");

    const docx = await getReportDocx(t.db, viewer, reportId, { progress: true });
    expect(docx.fileName).toBe("progress-2566.docx");
    expect(docx.body.subarray(0, 2).toString()).toBe("PK");
  });

  it("shows a report whose basis was deleted without figures, and refuses its texts and print view (404)", async () => {
    const { admin, officialId, reportId } = await agencyWithReport(t.db);
    await t.db.deleteFrom("official_results").where("id", "=", officialId).execute();
    const view = await getReport(t.db, admin, reportId);
    expect(view.figures).toBeNull();
    expect(view.sections).toEqual([]);
    expect(view.measures).toHaveLength(2);
    await expect(saveSections(t.db, admin, reportId, { "section:rationale": "x" })).rejects.toMatchObject({
      status: 404,
    });
    await expect(getReportDocument(t.db, admin, reportId, { progress: false })).rejects.toMatchObject({ status: 404 });
  });

  it("deletes a report with its measures", async () => {
    const { admin, reportId } = await agencyWithReport(t.db);
    await deleteReport(t.db, admin, reportId);
    expect(await t.db.selectFrom("reports").select("id").where("id", "=", reportId).execute()).toEqual([]);
    expect(await t.db.selectFrom("measures").select("id").where("report_id", "=", reportId).execute()).toEqual([]);
    expect((await auditOf(t.db, reportId)).map((e) => [e.action, e.detail])).toEqual([
      ["report.create", expect.any(String)],
      [
        "report.delete",
        JSON.stringify({ title: "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2566" }),
      ],
    ]);
  });

  it("lets a viewer read but not write (403), and hides a report from another agency (404)", async () => {
    const { viewer, clerk, officialId, reportId } = await agencyWithReport(t.db);
    const stranger = (await createAgencySetup(t.db)).admin;
    expect((await getReport(t.db, viewer, reportId)).report.id).toBe(reportId);
    await expect(listReports(t.db, clerk)).rejects.toMatchObject({ status: 403 });
    for (const write of [
      () => createReport(t.db, viewer, { basis: `official:${officialId}` }),
      () => saveSections(t.db, viewer, reportId, { "section:rationale": "x" }),
      () => saveMeasures(t.db, viewer, reportId, { count: "0" }),
      () => saveOptions(t.db, viewer, reportId, {}),
      () => deleteReport(t.db, viewer, reportId),
    ])
      await expect(write()).rejects.toMatchObject({ status: 403 });
    for (const act of [
      () => getReport(t.db, stranger, reportId),
      () => getReport(t.db, viewer, UNKNOWN),
      () => getReportDocument(t.db, stranger, reportId, { progress: true }),
      () => getReportDocx(t.db, stranger, reportId, { progress: false }),
      () => saveSections(t.db, stranger, reportId, { "section:rationale": "x" }),
      () => saveMeasures(t.db, stranger, reportId, { count: "0" }),
      () => saveOptions(t.db, stranger, reportId, {}),
      () => deleteReport(t.db, stranger, reportId),
    ])
      await expect(act()).rejects.toMatchObject({ status: 404 });
    expect(await listReports(t.db, stranger)).toEqual([]);
  });

  it("serves a super-administrator only the agency they work in (403 without one)", async () => {
    const { agency, reportId } = await agencyWithReport(t.db);
    const user = await createUser(t.db, "super", null);
    await expect(listReports(t.db, actorOf(user))).rejects.toMatchObject({ status: 403 });
    await expect(getReport(t.db, actorOf(user), reportId)).rejects.toMatchObject({ status: 403 });
    const acting = actorOf(user, agency);
    expect((await listReports(t.db, acting)).map((r) => r.id)).toEqual([reportId]);
    expect(await saveOptions(t.db, acting, reportId, { reporterName: "ผู้ดูแลระบบกลาง" })).toEqual({ ok: true });
  });

  it("rolls back every write when its audit entry cannot be written", async () => {
    const { admin, officialId, reportId } = await agencyWithReport(t.db);
    await expectRolledBackWhenAuditFails(t.db, REPORT_TABLES, () =>
      createReport(t.db, admin, { basis: `official:${officialId}` }),
    );
    await expectRolledBackWhenAuditFails(t.db, REPORT_TABLES, () =>
      saveSections(t.db, admin, reportId, { "section:rationale": MY_RATIONALE }),
    );
    expect(await saveSections(t.db, admin, reportId, { "section:rationale": MY_RATIONALE })).toEqual({ ok: true });
    await expectRolledBackWhenAuditFails(t.db, REPORT_TABLES, () =>
      saveSections(t.db, admin, reportId, { reset: "rationale" }),
    );
    const form = await measuresForm(t.db, admin, reportId);
    await expectRolledBackWhenAuditFails(t.db, REPORT_TABLES, () =>
      saveMeasures(t.db, admin, reportId, { ...form, "m0.status": "in_progress", "m1.remove": "on" }),
    );
    await expectRolledBackWhenAuditFails(t.db, REPORT_TABLES, () =>
      saveMeasures(t.db, admin, reportId, { ...form, intent: "add-measure" }),
    );
    await expectRolledBackWhenAuditFails(t.db, REPORT_TABLES, () =>
      saveOptions(t.db, admin, reportId, { thaiDigits: "on", approverName: "นายทดสอบ อนุมัติ" }),
    );
    await expectRolledBackWhenAuditFails(t.db, REPORT_TABLES, () => deleteReport(t.db, admin, reportId));
  });
});
