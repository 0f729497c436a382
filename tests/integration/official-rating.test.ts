import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { get, post, useTestApp } from "../support/app";
import { FLAVOURS } from "../support/databases";
import { ROOT } from "../support/env";

// Official results speak the framework's own rating (issue 16 item 4, issue 17): the grade or label is chosen
// from the framework's bands or labels, never free text; the recomputed total stands beside the published one
// with a warning on a difference over 0.01; a 2565 result (grade) and a 2566 result (label) compare on one page.
const example = JSON.parse(fs.readFileSync(path.join(ROOT, "tests/fixtures/example-2565.json"), "utf8"));
const fields = (scores: Record<string, number>) =>
  Object.fromEntries(Object.entries(scores).map(([k, v]) => [`s${k}`, String(v)]));
// The worked example with indicator 9 at 35.134 instead of 68.56: it recomputes to 72.96, not the 79.64 published.
const inconsistent = { ...example.indicator_scores, 9: 35.134 };
// IIT 100, EIT 84.99, OIT 96.2575: 94.00, ผ่าน (not ผ่านดี, because EIT 84.99 < 85).
const labelled = Object.fromEntries(
  [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => [n, n <= 5 ? 100 : n <= 8 ? 84.99 : 96.2575]),
);

describe.each(FLAVOURS)("official results in the framework's own rating on %s", (flavour) => {
  const { server, db, agencies, cookies } = useTestApp({ flavour, agencies: ["a"], signIn: ["a-admin"] });
  const cookie = () => cookies["a-admin"];
  const save = (year: number, framework: string, scores: Record<string, number>, total: string, grade: string) =>
    post(server, "/admin/official/new", cookie(), {
      fiscal_year: String(year),
      framework,
      published_total: total,
      published_grade: grade,
      note: "",
      ...fields(scores),
    });
  const row = (year: number) =>
    db
      .selectFrom("official_results")
      .selectAll()
      .where("agency_id", "=", agencies.a.id)
      .where("fiscal_year", "=", year)
      .executeTakeFirst();

  it('refuses a free-text grade such as "b" with a Thai message and saves nothing', async () => {
    const res = await save(2565, "ita-2565", inconsistent, "79.64", "b");
    expect(res.status).toBe(422);
    const body = await res.text();
    expect(body).toContain("ระดับผลตามประกาศต้องเป็นระดับหนึ่งของกรอบ ita-2565");
    expect(await row(2565)).toBeUndefined();
  });

  it("offers the framework's own grades or labels as a select, never a text box", async () => {
    const grades = await (await get(server, "/admin/official/new", cookie())).text();
    expect(grades).not.toMatch(/<input[^>]*name="published_grade"/);
    expect(grades).toMatch(/<select[^>]*name="published_grade"/);
    for (const g of ["AA", "A", "B", "C", "D", "E", "F"]) expect(grades).toContain(`<option value="${g}">`);

    const labels = await (await get(server, "/admin/official/new?framework=ita-2566", cookie())).text();
    for (const l of ["ผ่านดีเยี่ยม", "ผ่านดี", "ผ่าน", "ต้องปรับปรุง", "ต้องปรับปรุงโดยด่วน"])
      expect(labels).toContain(`<option value="${l}">`);
    expect(labels).toContain("เกณฑ์ระดับผลของปีนี้ยังไม่ยืนยันกับคู่มือทางการ");
  });

  it("saves 79.64 beside scores that recompute to 72.96, then warns on the results page and on the form", async () => {
    expect((await save(2565, "ita-2565", inconsistent, "79.64", "B")).status).toBe(302);
    expect((await row(2565))?.published_grade).toBe("B");

    const page = await (await get(server, "/admin/official?year=2565", cookie())).text();
    expect(page).toContain('data-testid="total-mismatch"');
    expect(page).toContain("คะแนนรวมที่ประกาศ 79.64 ต่างจากที่คำนวณจากคะแนนรายตัวชี้วัด 72.96 เกิน 0.01");

    const form = await (await get(server, "/admin/official/2565", cookie())).text();
    expect(form).toMatch(/data-testid="recomputed-total">72.96</);
    expect(form).toContain('data-testid="total-mismatch-live"');
  });

  it("shows no warning when the published total is the recomputed one within 0.01 (79.64 beside 79.65)", async () => {
    expect((await save(2564, "ita-2565", example.indicator_scores, "79.64", "B")).status).toBe(302);
    const page = await (await get(server, "/admin/official?year=2564", cookie())).text();
    expect(page).not.toContain('data-testid="total-mismatch"');
    const form = await (await get(server, "/admin/official/2564", cookie())).text();
    expect(form).toMatch(/data-testid="recomputed-total">79.65</);
    expect(form).not.toContain('data-testid="total-mismatch-live"');
  });

  it("shows a 2566 result's label with why it is not the next one up, and compares it with 2565 by indicator number", async () => {
    expect((await save(2566, "ita-2566", labelled, "94.00", "ผ่าน")).status).toBe(302);
    const page = await (
      await get(server, "/admin/official?year=2566&a=official-2564&b=official-2566", cookie())
    ).text();
    expect(page).toMatch(/data-testid="grade">ผ่าน</);
    expect(page).toContain("ยังไม่ถึงระดับผ่านดี เพราะ EIT 84.99 &lt; 85");
    expect(page).toContain('data-testid="rating-uncertain"');
    expect(page).toContain('data-testid="framework-difference"');
    expect(page).toContain("ผลสองชุดนี้ใช้กรอบการประเมินต่างกัน (ita-2565 กับ ita-2566)");
    expect(page).toContain("ข้อคำถามหรือข้อ OIT ของตัวชี้วัดที่ 9, 10 ไม่เหมือนกัน");
    expect(page).toMatch(/data-testid="comparison-grades">.*>B<.*>ผ่าน</s);
  });
});
