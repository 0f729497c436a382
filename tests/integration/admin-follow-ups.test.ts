import fs from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { get, post, useTestApp } from "../support/app";
import { FLAVOURS } from "../support/databases";
import { ROOT } from "../support/env";

// Administration follow-ups: a super-administrator's acting agency, deleting official results,
// the official-results form per framework, and the progress report as a Word file.
const example = JSON.parse(fs.readFileSync(path.join(ROOT, "tests/fixtures/example-2565.json"), "utf8"));
const CHOOSE_FIRST = "โปรดเลือกหน่วยงานที่จะทำงานในนามก่อน";
const B_NOTE = "หมายเหตุเฉพาะของหน่วยงานบี";
const A_NOTE = "หมายเหตุเฉพาะของหน่วยงานเอ";

const scoreFields = (scores: Record<string, number>) =>
  Object.fromEntries(Object.entries(scores).map(([k, v]) => [`s${k}`, String(v)]));
const inputsOf = (html: string) => [...html.matchAll(/<input[^>]*name="s(\d+)"/g)].map((m) => Number(m[1]));

describe.each(FLAVOURS)("administration follow-ups on %s", (flavour) => {
  // ita-2565 and the three-indicator test framework, so that the form has two frameworks to offer.
  const { server, db, agencies, cookies } = useTestApp({
    flavour,
    testFrameworks: ["ita-test"],
    agencies: ["a", "b"],
    signIn: ["super", "a-admin", "a-viewer", "b-admin"],
  });
  const { a, b } = agencies;

  const saveOfficial = async (
    cookie: string,
    year: number,
    framework: string,
    scores: Record<string, number>,
    note = "",
  ) =>
    post(server, "/admin/official/new", cookie, {
      fiscal_year: String(year),
      framework,
      published_total: "",
      published_grade: "",
      note,
      ...scoreFields(scores),
    });
  const auditOf = (action: string) =>
    db.selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("id").execute();
  const officialRow = (agencyId: string, year: number) =>
    db
      .selectFrom("official_results")
      .selectAll()
      .where("agency_id", "=", agencyId)
      .where("fiscal_year", "=", year)
      .executeTakeFirst();

  beforeAll(async () => {
    expect((await saveOfficial(cookies["a-admin"], 2565, "ita-2565", example.indicator_scores, A_NOTE)).status).toBe(
      302,
    );
    expect((await saveOfficial(cookies["b-admin"], 2564, "ita-2565", example.indicator_scores, B_NOTE)).status).toBe(
      302,
    );
  });

  describe("a super-administrator's acting agency", () => {
    it("refuses the agency-scoped pages to a super-administrator who has chosen no agency, and says what to do", async () => {
      for (const p of ["/admin/official", "/admin/official/new", "/admin/reports"]) {
        const res = await get(server, p, cookies.super);
        expect(res.status, p).toBe(403);
        expect(await res.text()).toContain(CHOOSE_FIRST);
      }
      const page = await (await get(server, `/admin/agencies/${a.id}`, cookies.super)).text();
      expect(page).toContain("ทำงานในนามหน่วยงานนี้");
    });

    it("serves agency A's official results and reports, and nothing of agency B, once the super-administrator works in A", async () => {
      const enter = await post(server, "/admin/acting-agency", cookies.super, { intent: "enter", agencyId: a.id });
      expect(enter.status).toBe(302);
      expect(enter.headers.get("location")).toBe("/admin/official");

      const official = await get(server, "/admin/official", cookies.super);
      expect(official.status).toBe(200);
      const html = await official.text();
      expect(html).toContain(A_NOTE);
      expect(html).not.toContain(B_NOTE);
      expect(html).toContain('data-testid="acting-agency"');
      expect(html).toContain(a.name);
      expect((await get(server, "/admin/official/2564", cookies.super)).status).toBe(404);

      // Writes land in agency A, by the super-administrator.
      expect((await saveOfficial(cookies.super, 2566, "ita-2565", example.indicator_scores)).status).toBe(302);
      const superId = (
        await db.selectFrom("users").select("id").where("email", "=", "super@test.go.th").executeTakeFirstOrThrow()
      ).id;
      expect((await officialRow(a.id, 2566))?.created_by).toBe(superId);
      expect(await officialRow(b.id, 2566)).toBeUndefined();

      const reports = await get(server, "/admin/reports", cookies.super);
      expect(reports.status).toBe(200);
      const basis = `official:${(await officialRow(a.id, 2565))!.id}`;
      const created = await post(server, "/admin/reports", cookies.super, { basis });
      expect(created.status).toBe(302);
      const reportId = created.headers.get("location")!.split("/").pop()!;
      expect(
        (await db.selectFrom("reports").select("agency_id").where("id", "=", reportId).executeTakeFirstOrThrow())
          .agency_id,
      ).toBe(a.id);
      expect((await get(server, `/admin/reports/${reportId}`, cookies.super)).status).toBe(200);

      // B's basis is not A's: the super-administrator cannot draft from it while working in A.
      const bBasis = `official:${(await officialRow(b.id, 2564))!.id}`;
      expect((await post(server, "/admin/reports", cookies.super, { basis: bBasis })).status).toBe(422);

      const logged = await auditOf("agency.act");
      expect(logged.at(-1)).toMatchObject({ agency_id: a.id, user_id: superId, entity: "agency", entity_id: a.id });
    });

    it("switches to agency B: B's results are served, A's are not", async () => {
      expect(
        (await post(server, "/admin/acting-agency", cookies.super, { intent: "enter", agencyId: b.id })).status,
      ).toBe(302);
      const html = await (await get(server, "/admin/official", cookies.super)).text();
      expect(html).toContain(B_NOTE);
      expect(html).not.toContain(A_NOTE);
      expect((await get(server, "/admin/official/2565", cookies.super)).status).toBe(404);
    });

    it("leaving the agency restores the 403 and is audited", async () => {
      const leave = await post(server, "/admin/acting-agency", cookies.super, { intent: "leave" });
      expect(leave.status).toBe(302);
      expect(leave.headers.get("location")).toBe(`/admin/agencies/${b.id}`);
      expect((await get(server, "/admin/official", cookies.super)).status).toBe(403);
      expect((await get(server, "/admin/reports", cookies.super)).status).toBe(403);
      expect((await auditOf("agency.act-leave")).at(-1)).toMatchObject({ agency_id: b.id, entity_id: b.id });
      const rounds = await (await get(server, "/admin/rounds", cookies.super)).text();
      expect(rounds).not.toContain('data-testid="acting-agency"');
    });

    it("refuses an unknown agency", async () => {
      const res = await post(server, "/admin/acting-agency", cookies.super, {
        intent: "enter",
        agencyId: "00000000-0000-4000-8000-000000000000",
      });
      expect(res.status).toBe(422);
      expect((await get(server, "/admin/official", cookies.super)).status).toBe(403);
    });

    it("never lets a non-super user set an acting agency, and ignores one written on their session", async () => {
      for (const who of ["a-admin", "a-viewer"] as const) {
        const res = await post(server, "/admin/acting-agency", cookies[who], { intent: "enter", agencyId: b.id });
        expect(res.status, who).toBe(403);
      }
      const adminId = (
        await db.selectFrom("users").select("id").where("email", "=", a.users.admin).executeTakeFirstOrThrow()
      ).id;
      const sessions = await db
        .selectFrom("sessions")
        .select("acting_agency_id")
        .where("user_id", "=", adminId)
        .execute();
      expect(sessions.length).toBeGreaterThan(0);
      expect(sessions.every((s) => s.acting_agency_id === null)).toBe(true);

      await db.updateTable("sessions").set({ acting_agency_id: b.id }).where("user_id", "=", adminId).execute();
      try {
        const html = await (await get(server, "/admin/official?year=2565", cookies["a-admin"])).text();
        expect(html).toContain(A_NOTE);
        expect(html).not.toContain(B_NOTE);
        expect(html).not.toContain('data-testid="acting-agency"');
      } finally {
        await db.updateTable("sessions").set({ acting_agency_id: null }).where("user_id", "=", adminId).execute();
      }
    });
  });

  describe("the acting agency on the rounds, users and audit pages", () => {
    const roundFields = (title: string, extra: Record<string, string> = {}) => ({
      fiscal_year: "2570",
      title,
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
      ...extra,
    });
    const page = async (path: string, who: keyof typeof cookies) => {
      const res = await get(server, path, cookies[who]);
      expect(res.status, `${who} ${path}`).toBe(200);
      return res.text();
    };
    const createRound = async (who: keyof typeof cookies, title: string, extra: Record<string, string> = {}) => {
      const res = await post(server, "/admin/rounds/new", cookies[who], roundFields(title, extra));
      expect(res.status, `${who} creates ${title}`).toBe(302);
      const id = res.headers.get("location")!.split("/").pop()!;
      return db.selectFrom("rounds").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    };
    const roundsTitled = (title: string) =>
      db.selectFrom("rounds").select(["agency_id", "slug"]).where("title", "=", title).execute();
    let aSlug = "";
    let bSlug = "";

    beforeAll(async () => {
      // One audited round creation per agency, by its own administrator: its slug is in the audit entry's detail.
      aSlug = (await createRound("a-admin", "รอบของหน่วยงานเอโดยผู้ดูแล")).slug;
      bSlug = (await createRound("b-admin", "รอบของหน่วยงานบีโดยผู้ดูแล")).slug;
    });

    it("shows a super-administrator every agency's rounds, users and audit entries while no agency is chosen", async () => {
      const rounds = await page("/admin/rounds", "super");
      for (const text of [a.roundSlug, b.roundSlug, a.name, b.name]) expect(rounds).toContain(text);
      const users = await page("/admin/users", "super");
      for (const text of [a.users.admin, b.users.admin]) expect(users).toContain(text);
      const auditLog = await page("/admin/audit", "super");
      for (const text of [aSlug, bSlug]) expect(auditLog).toContain(text);
      const form = await page("/admin/rounds/new", "super");
      for (const id of [a.id, b.id]) expect(form).toContain(`<option value="${id}"`);
    });

    it("limits them to agency A once the super-administrator works in A, and creates rounds and users in A only", async () => {
      expect(
        (await post(server, "/admin/acting-agency", cookies.super, { intent: "enter", agencyId: a.id })).status,
      ).toBe(302);

      const rounds = await page("/admin/rounds", "super");
      expect(rounds).toContain(a.roundSlug);
      expect(rounds).not.toContain(b.roundSlug);
      expect(rounds).not.toContain(b.name);
      const users = await page("/admin/users", "super");
      expect(users).toContain(a.users.clerk);
      expect(users).not.toContain(b.users.admin);
      expect(users).not.toContain(`<option value="${b.id}"`);
      const auditLog = await page("/admin/audit", "super");
      expect(auditLog).toContain(aSlug);
      expect(auditLog).not.toContain(bSlug);
      expect(auditLog).not.toContain(b.users.admin);

      const form = await page("/admin/rounds/new", "super");
      expect(form).toContain(`<option value="${a.id}"`);
      expect(form).not.toContain(`<option value="${b.id}"`);

      // Without a choice, the round goes to A; a form naming B (opened before the switch) is refused.
      const made = await createRound("super", "รอบที่ผู้ดูแลระบบสร้างในนามหน่วยงานเอ");
      expect(made.agency_id).toBe(a.id);
      expect((await createRound("super", "รอบที่เลือกหน่วยงานเอเอง", { agency_id: a.id })).agency_id).toBe(a.id);
      const refused = await post(
        server,
        "/admin/rounds/new",
        cookies.super,
        roundFields("รอบที่ไม่ควรเกิดขึ้นในหน่วยงานบี", { agency_id: b.id }),
      );
      expect(refused.status).toBe(422);
      expect(await refused.text()).toContain("ท่านกำลังทำงานในนามหน่วยงานอื่นอยู่");
      expect(await roundsTitled("รอบที่ไม่ควรเกิดขึ้นในหน่วยงานบี")).toEqual([]);
      expect((await auditOf("round.create")).at(-1)).toMatchObject({ agency_id: a.id });
      expect(await page("/admin/rounds", "super")).toContain(made.slug);

      const user = await post(server, "/admin/users", cookies.super, {
        intent: "create",
        email: "clerk2@a.test.go.th",
        name: "",
        role: "clerk",
      });
      expect(user.status).toBe(200);
      expect(
        (
          await db
            .selectFrom("users")
            .select("agency_id")
            .where("email", "=", "clerk2@a.test.go.th")
            .executeTakeFirstOrThrow()
        ).agency_id,
      ).toBe(a.id);
      const otherUser = await post(server, "/admin/users", cookies.super, {
        intent: "create",
        email: "clerk2@b.test.go.th",
        name: "",
        role: "clerk",
        agencyId: b.id,
      });
      expect(otherUser.status).toBe(422);
      expect(
        await db.selectFrom("users").select("id").where("email", "=", "clerk2@b.test.go.th").executeTakeFirst(),
      ).toBeUndefined();
    });

    it("restores the all-agency view when the super-administrator stops working in A", async () => {
      expect((await post(server, "/admin/acting-agency", cookies.super, { intent: "leave" })).status).toBe(302);
      const rounds = await page("/admin/rounds", "super");
      for (const text of [a.roundSlug, b.roundSlug, b.name]) expect(rounds).toContain(text);
      const users = await page("/admin/users", "super");
      for (const text of [a.users.admin, b.users.admin]) expect(users).toContain(text);
      const auditLog = await page("/admin/audit", "super");
      for (const text of [aSlug, bSlug]) expect(auditLog).toContain(text);
      expect(await page("/admin/rounds/new", "super")).toContain(`<option value="${b.id}"`);
      // Without an acting agency, the super-administrator must still choose one for a new round.
      expect((await post(server, "/admin/rounds/new", cookies.super, roundFields("รอบที่ไม่ได้เลือกหน่วยงาน"))).status).toBe(
        422,
      );
      expect((await createRound("super", "รอบที่ผู้ดูแลระบบเลือกหน่วยงานบี", { agency_id: b.id })).agency_id).toBe(b.id);
    });

    it("leaves a non-super administrator on their own agency, whatever is written on their session", async () => {
      const adminId = (
        await db.selectFrom("users").select("id").where("email", "=", a.users.admin).executeTakeFirstOrThrow()
      ).id;
      await db.updateTable("sessions").set({ acting_agency_id: b.id }).where("user_id", "=", adminId).execute();
      try {
        const rounds = await page("/admin/rounds", "a-admin");
        expect(rounds).toContain(a.roundSlug);
        expect(rounds).not.toContain(b.roundSlug);
        const users = await page("/admin/users", "a-admin");
        expect(users).toContain(a.users.clerk);
        expect(users).not.toContain(b.users.admin);
        const auditLog = await page("/admin/audit", "a-admin");
        expect(auditLog).toContain(aSlug);
        expect(auditLog).not.toContain(bSlug);
        expect((await createRound("a-admin", "รอบของผู้ดูแลหน่วยงานเอ", { agency_id: b.id })).agency_id).toBe(a.id);
        expect(await page("/admin/rounds", "b-admin")).not.toContain(a.roundSlug);
      } finally {
        await db.updateTable("sessions").set({ acting_agency_id: null }).where("user_id", "=", adminId).execute();
      }
    });
  });

  describe("deleting official results", () => {
    it("asks for confirmation, refuses a viewer and another agency, deletes for the admin and audits it", async () => {
      expect((await saveOfficial(cookies["a-admin"], 2563, "ita-2565", example.indicator_scores)).status).toBe(302);
      const saved = (await officialRow(a.id, 2563))!;

      const edit = await (await get(server, "/admin/official/2563", cookies["a-admin"])).text();
      expect(edit).toContain('href="/admin/official/2563?delete=1"');
      expect(edit).not.toContain('data-testid="official-delete-confirm"');
      const confirm = await (await get(server, "/admin/official/2563?delete=1", cookies["a-admin"])).text();
      expect(confirm).toContain('data-testid="official-delete-confirm"');
      expect(confirm).toContain("ยืนยันการลบผลอย่างเป็นทางการ ปีงบประมาณ 2563");

      expect((await post(server, "/admin/official/2563", cookies["a-viewer"], { intent: "delete" })).status).toBe(403);
      expect((await post(server, "/admin/official/2563", cookies["b-admin"], { intent: "delete" })).status).toBe(404);
      expect(await officialRow(a.id, 2563)).toBeDefined();

      const res = await post(server, "/admin/official/2563", cookies["a-admin"], { intent: "delete" });
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("/admin/official");
      expect(await officialRow(a.id, 2563)).toBeUndefined();
      expect(await officialRow(a.id, 2565)).toBeDefined();
      const entry = (await auditOf("official.delete")).at(-1);
      expect(entry).toMatchObject({ agency_id: a.id, entity: "official_result", entity_id: saved.id });
      expect(JSON.parse(entry!.detail!)).toMatchObject({ fiscalYear: 2563, framework: "ita-2565" });

      expect((await post(server, "/admin/official/2563", cookies["a-admin"], { intent: "delete" })).status).toBe(404);
      expect((await get(server, "/admin/official/2563", cookies["a-admin"])).status).toBe(404);
    });

    it("warns that reports built on the year lose their figures", async () => {
      const basis = `official:${(await officialRow(a.id, 2565))!.id}`;
      expect((await post(server, "/admin/reports", cookies["a-admin"], { basis })).status).toBe(302);
      const confirm = await (await get(server, "/admin/official/2565?delete=1", cookies["a-admin"])).text();
      expect(confirm).toMatch(/มีรายงานมาตรการ \d+ ฉบับที่จัดทำจากผลของปีนี้/);
    });
  });

  describe("the official-results form per framework", () => {
    it("shows the ten indicators of ita-2565 by default and the three of the chosen framework when asked", async () => {
      const byDefault = await (await get(server, "/admin/official/new", cookies["a-admin"])).text();
      expect(inputsOf(byDefault)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(byDefault).toContain('data-framework="ita-2565"');
      expect(byDefault).toContain('<option value="ita-test"');

      const chosen = await (await get(server, "/admin/official/new?framework=ita-test", cookies["a-admin"])).text();
      expect(inputsOf(chosen)).toEqual([1, 2, 3]);
      expect(chosen).toContain('data-framework="ita-test"');
      expect(chosen).toContain("การเปิดเผยข้อมูล");
      expect(chosen).toContain("กรอกคะแนนทั้ง 3 ตัวชี้วัด");

      const unknown = await (await get(server, "/admin/official/new?framework=ita-2599", cookies["a-admin"])).text();
      expect(inputsOf(unknown)).toHaveLength(10);
    });

    it("saves three scores under ita-test, refuses them under ita-2565, and shows the saved framework's indicators when edited", async () => {
      const three = { 1: 91.5, 2: 88.25, 3: 60 };
      const refused = await saveOfficial(cookies["a-admin"], 2562, "ita-2565", three);
      expect(refused.status).toBe(422);
      expect(await refused.text()).toContain("ตัวชี้วัดที่ 4: กรอกคะแนน 0–100");
      expect(await officialRow(a.id, 2562)).toBeUndefined();

      expect((await saveOfficial(cookies["a-admin"], 2562, "ita-test", three)).status).toBe(302);
      const row = (await officialRow(a.id, 2562))!;
      expect(row.framework).toBe("ita-test");
      expect(JSON.parse(row.scores)).toEqual({ 1: 91.5, 2: 88.25, 3: 60 });

      const edit = await (await get(server, "/admin/official/2562", cookies["a-admin"])).text();
      expect(inputsOf(edit)).toEqual([1, 2, 3]);
      expect(edit).toContain('data-framework="ita-test"');
      expect(edit).toMatch(/name="s2"[^>]*value="88.25"/);
      expect((await get(server, "/admin/official?year=2562", cookies["a-viewer"])).status).toBe(200);
    });
  });

  describe("the progress report as a Word file", () => {
    it("is linked from the report page and downloads a DOCX titled รายงานความก้าวหน้า", async () => {
      const basis = `official:${(await officialRow(a.id, 2565))!.id}`;
      const created = await post(server, "/admin/reports", cookies["a-admin"], { basis });
      const reportId = created.headers.get("location")!.split("/").pop()!;
      const page = await (await get(server, `/admin/reports/${reportId}`, cookies["a-viewer"])).text();
      const href = page.match(/href="([^"]*docx\?progress=1)"/)?.[1];
      expect(href).toBe(`/admin/reports/${reportId}/docx?progress=1`);

      const res = await get(server, href!, cookies["a-viewer"]);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("wordprocessingml");
      expect(res.headers.get("content-disposition")).toContain("progress-2566.docx");
      const xml = await (await JSZip.loadAsync(await res.arrayBuffer())).file("word/document.xml")!.async("string");
      const text = xml.replace(/<[^>]+>/g, "").normalize("NFC");
      expect(text).toContain("รายงานความก้าวหน้า");
      expect((await get(server, href!, cookies["b-admin"])).status).toBe(404);
    });
  });
});
