import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  deleteOfficialResult,
  getOfficialForm,
  getOfficialPage,
  saveOfficialResult,
} from "../../app/services/official-results.server";
import type { Db } from "../../db/client";
import { FLAVOURS } from "../support/databases";
import { ROOT } from "../support/env";
import { actorOf, createAgencySetup, createUser } from "../support/factories";
import { expectRolledBackWhenAuditFails, useServiceDb } from "../support/service-db";

const example = JSON.parse(fs.readFileSync(path.join(ROOT, "tests/fixtures/example-2565.json"), "utf8")) as {
  indicator_scores: Record<string, number>;
};
const scoreFields = Object.fromEntries(Object.entries(example.indicator_scores).map(([n, s]) => [`s${n}`, String(s)]));

const form = (year: number, extra: Record<string, string> = {}) => ({
  fiscal_year: String(year),
  framework: "ita-2565",
  published_total: "79.64",
  published_grade: "B",
  note: "  รายงานผล ITA  ",
  ...scoreFields,
  ...extra,
});

describe.each(FLAVOURS)("official results service on %s", (flavour) => {
  const t = useServiceDb(flavour);
  const rowsOf = (agencyId: string) =>
    t.db.selectFrom("official_results").selectAll().where("agency_id", "=", agencyId).execute();
  const auditOf = (agencyId: string, action: string) =>
    t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("agency_id", "=", agencyId)
      .where("action", "=", action)
      .orderBy("id")
      .execute();

  it("saves a year's official results with its audit entry and shows them, compared, in camelCase", async () => {
    const { agency, admin, viewer, round } = await createAgencySetup(t.db);
    const saved = await saveOfficialResult(t.db, admin, form(2565));
    expect(saved).toEqual({ ok: true, id: expect.any(String), fiscalYear: 2565 });
    if (!saved.ok) return;

    const page = await getOfficialPage(t.db, viewer, {});
    expect(page.canEdit).toBe(false);
    expect(page.official).toEqual([
      { fiscalYear: 2565, publishedTotal: 79.64, publishedGrade: "B", overall: 79.65, grade: "B" },
    ]);
    expect(page.shown).toMatchObject({
      id: saved.id,
      fiscalYear: 2565,
      framework: "ita-2565",
      publishedTotal: 79.64,
      publishedGrade: "B",
      note: "รายงานผล ITA",
    });
    expect(page.shown!.scores[10]).toBe(43.75);
    expect(page.shown!.analysis.strengths).toHaveLength(8);
    expect(page.indicators).toHaveLength(10);
    expect(page.sources.map((s) => s.key)).toEqual([`round-${round.id}`, "official-2565"]);
    expect(page.a).toMatchObject({ key: "official-2565", overall: 79.64 });
    expect(page.b).toMatchObject({ key: `round-${round.id}`, overall: null });
    expect(page.changes).toHaveLength(10);
    expect(page.changes[0]).toEqual({ indicator: 1, a: 97.61, b: null, change: null, itemsDiffer: false });
    expect(page.difference).toBeNull();

    const entries = await auditOf(agency.id, "official.save");
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ user_id: admin.id, entity: "official_result", entity_id: saved.id });
    expect(JSON.parse(entries[0]!.detail!)).toEqual({ fiscalYear: 2565, framework: "ita-2565", publishedTotal: 79.64 });

    // Saving the year again replaces its row (the same id) and is audited again.
    const again = await saveOfficialResult(t.db, admin, form(2565, { published_total: "", s10: "50,5" }));
    expect(again).toEqual({ ok: true, id: saved.id, fiscalYear: 2565 });
    const rows = await rowsOf(agency.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.published_total).toBeNull();
    expect(JSON.parse(rows[0]!.scores)["10"]).toBe(50.5);
    expect(await auditOf(agency.id, "official.save")).toHaveLength(2);
  });

  it("refuses a bad year, total or score with Thai and English messages and writes nothing", async () => {
    const { agency, admin } = await createAgencySetup(t.db);
    const base = await saveOfficialResult(t.db, admin, form(65, { published_total: "120", framework: "ita-2599" }));
    expect(base.ok).toBe(false);
    if (base.ok) return;
    expect(base.errors).toEqual([
      {
        field: "fiscal_year",
        message: "fiscal_year: a Buddhist-era year such as 2565",
        messageTh: "ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2565",
      },
      { field: "framework", message: "framework: unknown framework", messageTh: "ไม่รู้จักกรอบการประเมินนี้" },
      {
        field: "published_total",
        message: "published_total: a number from 0 to 100",
        messageTh: "คะแนนรวมต้องเป็นตัวเลข 0–100",
      },
    ]);

    const scores = await saveOfficialResult(t.db, admin, form(2565, { s4: "", s9: "120", s10: "abc" }));
    expect(scores.ok).toBe(false);
    if (scores.ok) return;
    expect(scores.errors.map((e) => e.field)).toEqual(["s4", "s9", "s10"]);
    expect(scores.errors[0]).toEqual({
      field: "s4",
      message: "indicator 4: enter a score from 0 to 100",
      messageTh: "ตัวชี้วัดที่ 4: กรอกคะแนน 0–100",
    });
    expect(await rowsOf(agency.id)).toHaveLength(0);
    expect(await auditOf(agency.id, "official.save")).toHaveLength(0);
  });

  it('refuses a published grade that is not one of the framework\'s own (free text such as "b") and writes nothing', async () => {
    const { agency, admin } = await createAgencySetup(t.db);
    const lower = await saveOfficialResult(t.db, admin, form(2565, { published_grade: "b" }));
    expect(lower).toEqual({
      ok: false,
      errors: [
        {
          field: "published_grade",
          message: "published_grade: choose one of the grades or labels of ita-2565 (AA, A, B, C, D, E, F)",
          messageTh: "ระดับผลตามประกาศต้องเป็นระดับหนึ่งของกรอบ ita-2565 (AA, A, B, C, D, E, F)",
        },
      ],
    });
    const labelOn2565 = await saveOfficialResult(t.db, admin, form(2565, { published_grade: "ผ่านดี" }));
    expect(labelOn2565.ok).toBe(false);
    const gradeOn2566 = await saveOfficialResult(
      t.db,
      admin,
      form(2566, { framework: "ita-2566", published_grade: "B" }),
    );
    expect(gradeOn2566.ok).toBe(false);
    expect(await rowsOf(agency.id)).toHaveLength(0);
    expect(await auditOf(agency.id, "official.save")).toHaveLength(0);
  });

  it("compares a 2565 result (grade) with a 2566 result (label) by indicator number and says what differs", async () => {
    const { admin } = await createAgencySetup(t.db);
    expect((await saveOfficialResult(t.db, admin, form(2565))).ok).toBe(true);
    // IIT 100, EIT 84.99, OIT 96.2575: 94.00, ผ่าน (not ผ่านดี: EIT < 85), as published.
    const labelled = Object.fromEntries(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => [`s${n}`, n <= 5 ? "100" : n <= 8 ? "84.99" : "96.2575"]),
    );
    const saved = await saveOfficialResult(t.db, admin, {
      ...form(2566, { framework: "ita-2566", published_total: "94.00", published_grade: "ผ่าน" }),
      ...labelled,
    });
    expect(saved.ok).toBe(true);

    const page = await getOfficialPage(t.db, admin, { year: "2566", a: "official-2565", b: "official-2566" });
    expect(page.shown).toMatchObject({ framework: "ita-2566", publishedGrade: "ผ่าน" });
    expect(page.shown!.analysis).toMatchObject({ grade: "ผ่าน", gradingMode: "labels", overall: 94 });
    expect(page.shown!.analysis.rating?.whyNotNextTh).toBe("ยังไม่ถึงระดับผ่านดี เพราะ EIT 84.99 < 85");
    expect(page.a).toMatchObject({ framework: "ita-2565", grade: "B", overall: 79.64 });
    expect(page.b).toMatchObject({ framework: "ita-2566", grade: "ผ่าน", overall: 94 });
    expect(page.difference).toMatchObject({ a: "ita-2565", b: "ita-2566", itemsDiffer: [9, 10], ratingDiffers: true });
    expect(page.changes.map((c) => [c.indicator, c.itemsDiffer])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, false],
      [5, false],
      [6, false],
      [7, false],
      [8, false],
      [9, true],
      [10, true],
    ]);
    expect(page.changes[5]).toMatchObject({ indicator: 6, a: 96.03, b: 84.99, change: -11.04 });

    const edit = await getOfficialForm(t.db, admin, { year: "2566" });
    const choice = edit.frameworks.find((f) => f.id === "ita-2566")!;
    expect(choice.ratingSteps.map((s) => s.label)).toEqual(["ผ่านดีเยี่ยม", "ผ่านดี", "ผ่าน", "ต้องปรับปรุง", "ต้องปรับปรุงโดยด่วน"]);
    expect(choice.ratingUncertain).toBe(true);
  });

  it("opens the form for a new or an entered year and counts the measures reports built on it", async () => {
    const { agency, admin } = await createAgencySetup(t.db);
    const fresh = await getOfficialForm(t.db, admin, { year: "new", framework: "ita-2599" });
    expect(fresh).toMatchObject({ existing: null, selected: "ita-2565", confirmDelete: false, reportsOnIt: 0 });
    expect(fresh.frameworks.find((f) => f.id === "ita-2565")!.indicators).toHaveLength(10);

    const saved = await saveOfficialResult(t.db, admin, form(2564));
    if (!saved.ok) throw new Error("not saved");
    await insertReport(t.db, agency.id, admin.id, saved.id);
    const entered = await getOfficialForm(t.db, admin, { year: "2564", confirmDelete: true });
    expect(entered.existing).toMatchObject({ id: saved.id, fiscalYear: 2564, publishedGrade: "B" });
    expect(entered).toMatchObject({ selected: "ita-2565", confirmDelete: true, reportsOnIt: 1 });

    const missing = await getOfficialForm(t.db, admin, { year: "2590" }).catch((e: Response) => e);
    expect((missing as Response).status).toBe(404);
    expect(await (missing as Response).json()).toMatchObject({ errorTh: "ไม่พบผลของปีนี้" });
  });

  it("deletes a year with its audit entry, and answers 404 when the agency has none for it", async () => {
    const { agency, admin } = await createAgencySetup(t.db);
    const saved = await saveOfficialResult(t.db, admin, form(2563));
    await saveOfficialResult(t.db, admin, form(2562));
    if (!saved.ok) throw new Error("not saved");
    expect(await deleteOfficialResult(t.db, admin, { year: "2563" })).toEqual({ ok: true });
    expect((await rowsOf(agency.id)).map((r) => Number(r.fiscal_year))).toEqual([2562]);
    const entries = await auditOf(agency.id, "official.delete");
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ user_id: admin.id, entity: "official_result", entity_id: saved.id });
    expect(JSON.parse(entries[0]!.detail!)).toEqual({ fiscalYear: 2563, framework: "ita-2565", publishedTotal: 79.64 });

    await expect(deleteOfficialResult(t.db, admin, { year: "2563" })).rejects.toMatchObject({ status: 404 });
    await expect(deleteOfficialResult(t.db, admin, { year: "new" })).rejects.toMatchObject({ status: 404 });
    expect(await auditOf(agency.id, "official.delete")).toHaveLength(1);
  });

  it("keeps each agency to its own results: 403 without the permission or an agency, 404 for another's year", async () => {
    const a = await createAgencySetup(t.db);
    const b = await createAgencySetup(t.db);
    await saveOfficialResult(t.db, a.admin, form(2565, { note: "ของเอ" }));
    await expect(saveOfficialResult(t.db, a.viewer, form(2566))).rejects.toMatchObject({ status: 403 });
    await expect(deleteOfficialResult(t.db, a.viewer, { year: "2565" })).rejects.toMatchObject({ status: 403 });
    await expect(getOfficialForm(t.db, a.viewer, { year: "new" })).rejects.toMatchObject({ status: 403 });
    await expect(getOfficialPage(t.db, a.clerk, {})).rejects.toMatchObject({ status: 403 });

    expect((await getOfficialPage(t.db, b.admin, {})).official).toEqual([]);
    await expect(getOfficialForm(t.db, b.admin, { year: "2565" })).rejects.toMatchObject({ status: 404 });
    await expect(deleteOfficialResult(t.db, b.admin, { year: "2565" })).rejects.toMatchObject({ status: 404 });
    expect(await rowsOf(a.agency.id)).toHaveLength(1);

    const root = actorOf(await createUser(t.db, "super", null));
    const refused = await getOfficialPage(t.db, root, {}).catch((e: Response) => e);
    expect((refused as Response).status).toBe(403);
    expect((await (refused as Response).json()).errorTh).toContain("โปรดเลือกหน่วยงานที่จะทำงานในนามก่อน");
    const acting = { ...root, acting_agency_id: a.agency.id, acting_agency_name: a.agency.name_th };
    expect((await getOfficialPage(t.db, acting, {})).shown?.note).toBe("ของเอ");
    const saved = await saveOfficialResult(t.db, acting, form(2566));
    expect(saved.ok).toBe(true);
    expect((await rowsOf(a.agency.id)).find((r) => Number(r.fiscal_year) === 2566)?.created_by).toBe(root.id);
  });

  it("rolls back every write when its audit entry cannot be written", async () => {
    const { admin } = await createAgencySetup(t.db);
    await expectRolledBackWhenAuditFails(t.db, ["official_results"], () => saveOfficialResult(t.db, admin, form(2565)));
    await saveOfficialResult(t.db, admin, form(2564));
    await expectRolledBackWhenAuditFails(t.db, ["official_results"], () =>
      saveOfficialResult(t.db, admin, form(2564, { s1: "10" })),
    );
    await expectRolledBackWhenAuditFails(t.db, ["official_results"], () =>
      deleteOfficialResult(t.db, admin, { year: "2564" }),
    );
  });
});

async function insertReport(db: Db, agencyId: string, userId: string, officialId: string): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto("reports")
    .values({
      id: crypto.randomUUID(),
      agency_id: agencyId,
      measures_year: 2566,
      basis_kind: "official",
      basis_id: officialId,
      title: "รายงานมาตรการ",
      sections: "{}",
      options: "{}",
      created_by: userId,
      created_at: now,
      updated_by: userId,
      updated_at: now,
    })
    .execute();
}
