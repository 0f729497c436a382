import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { beforeAll, expect, it } from "vitest";
import { signIn, useTestApp } from "../support/app";
import { DESKTOP, openBrowser, screenshot } from "../support/browser";
import { ARTIFACTS, ROOT } from "../support/env";
import { createAgencyWithOfficer, type OfficerFixture } from "../support/factories";

const example = JSON.parse(fs.readFileSync(path.join(ROOT, "tests/fixtures/example-2565.json"), "utf8"));
const framework = JSON.parse(fs.readFileSync(path.join(ROOT, "surveys/ita-2565/framework.json"), "utf8"));
const NAMES: string[] = framework.indicators.map((i: { nameTh: string }) => i.nameTh);
const MY_RATIONALE = "องค์การบริหารส่วนตำบลทดสอบนำผลการประเมินมาใช้ปรับปรุงการทำงานทุกปี ข้อความนี้เจ้าหน้าที่พิมพ์เอง";

/**
 * Thai as text extraction gives it back: NFC, sara am written as nikhahit + sara aa joined again,
 * zero-width characters dropped, runs of white space (line breaks inside table cells) made one space.
 */
function normaliseThai(text: string): string {
  return text
    .normalize("NFC")
    .replace(/\u0e4d\u0e32/g, "\u0e33")
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}
/** pdftotext breaks lines inside table cells and justified text: compare without any white space too. */
const squeeze = (text: string) => normaliseThai(text).replace(/\s/g, "");

let seed: OfficerFixture;
let cookie: string;
const { server } = useTestApp({ seed: async (db) => (seed = await createAgencyWithOfficer(db, { role: "admin" })) });

beforeAll(async () => {
  cookie = await signIn(server, seed.email, seed.password);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});

it("drafts, edits and prints the 2566 report to an A4 PDF whose text keeps the figures and the Thai indicator names", async () => {
  const browser = await openBrowser({ viewport: DESKTOP });
  try {
    const { page, context } = browser;
    const [name, value] = cookie.split("=");
    await context.addCookies([{ name: name!, value: value!, url: server.url }]);

    // The officer enters the official 2565 results on the results page (issue 8).
    await page.goto(`${server.url}/admin/official/new`);
    await page.fill("#fiscal_year", "2565");
    for (const [n, score] of Object.entries(example.indicator_scores)) await page.fill(`[name="s${n}"]`, String(score));
    await page.fill("#published_total", "79.64");
    await page.selectOption("#published_grade", "B");
    await Promise.all([
      page.waitForURL(/\/admin\/official\?year=2565/),
      page.locator('form[method="post"] button[type="submit"]').last().click(),
    ]);

    // Drafts the report, edits the rationale and saves.
    await page.goto(`${server.url}/admin/reports`);
    await Promise.all([
      page.waitForURL(/\/admin\/reports\/[0-9a-f-]{36}$/),
      page.getByRole("button", { name: "ร่างรายงาน" }).click(),
    ]);
    await page.locator("#section-rationale").fill(MY_RATIONALE);
    await page.getByRole("button", { name: "บันทึกข้อความ" }).click();
    await page.locator('[data-section="rationale"] .badge', { hasText: "แก้ไขแล้ว" }).waitFor({ timeout: 10_000 });
    await screenshot(page, "report-edit");

    await page.getByRole("link", { name: "ดูฉบับพิมพ์ / บันทึกเป็น PDF" }).click();
    await page.waitForURL(/\/print$/);
    await page.evaluate(() => document.fonts.ready);
    await screenshot(page, "report-print-screen");
    const pdfFile = path.join(ARTIFACTS, "report-2566.pdf");
    await page.pdf({ path: pdfFile, format: "A4", printBackground: true, preferCSSPageSize: true });

    const raw = execFileSync("pdftotext", ["-enc", "UTF-8", pdfFile, "-"], { encoding: "utf8" });
    const text = normaliseThai(raw);
    const flat = squeeze(raw);
    // Thai survives the round trip: every indicator name and the title come back as written.
    for (const n of NAMES) expect(flat, n).toContain(squeeze(n));
    expect(flat).toContain(squeeze("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"));
    expect(flat).toContain(squeeze("ประจำปีงบประมาณ พ.ศ. 2566"));
    expect(flat).toContain(squeeze(MY_RATIONALE));
    for (const figure of ["79.64", "79.65", "99.35", "43.75", "68.56"]) expect(text).toContain(figure);
    expect(flat).toContain(squeeze("ระดับ B"));
    expect(flat).toContain(squeeze("จำนวน 8 ตัวชี้วัด"));
    expect(flat).toContain(squeeze("ต่ำกว่าค่าเป้าหมาย จำนวน 2 ตัวชี้วัด"));
    // The ranking table in the seed's order: 3, 4, 5, 2, 1, 6, 7, 8, 9, 10.
    const order = [3, 4, 5, 2, 1, 6, 7, 8, 9, 10].map((n) => flat.indexOf(squeeze(`ตัวชี้วัดที่ ${n} ${NAMES[n - 1]}`)));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // Page numbers from the @page margin box, and the signature block.
    const pages = Number(execFileSync("pdfinfo", [pdfFile], { encoding: "utf8" }).match(/Pages:\s+(\d+)/)![1]);
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain(`หน้า 1 / ${pages}`);
    expect(text).toContain(`หน้า ${pages} / ${pages}`);
    // Two signature columns side by side come out interleaved: look for each word.
    for (const word of ["ผู้รายงาน", "อนุมัติ", "ตำแหน่ง"]) expect(flat).toContain(word);

    execFileSync("pdftoppm", [
      "-png",
      "-r",
      "60",
      "-f",
      "1",
      "-l",
      "1",
      "-singlefile",
      pdfFile,
      path.join(ARTIFACTS, "report-2566-page1"),
    ]);
    expect(fs.statSync(path.join(ARTIFACTS, "report-2566-page1.png")).size).toBeGreaterThan(10_000);

    // The Word file says the same.
    const docx = await page.request.get(`${page.url().replace(/\/print$/, "")}/docx`);
    expect(docx.status()).toBe(200);
    const xml = await (await JSZip.loadAsync(await docx.body())).file("word/document.xml")!.async("string");
    const words = squeeze(xml.replace(/<[^>]+>/g, ""));
    for (const n of NAMES) expect(words).toContain(squeeze(n));
    for (const figure of ["79.64", "79.65", "99.35", "43.75"]) expect(words).toContain(figure);
    expect(words).toContain(squeeze(MY_RATIONALE));

    // Thai digits, page numbers included.
    await page.goto(`${page.url()}?digits=thai`);
    const thaiPdf = path.join(ARTIFACTS, "report-2566-thai-digits.pdf");
    await page.pdf({ path: thaiPdf, format: "A4", printBackground: true, preferCSSPageSize: true });
    const thai = normaliseThai(execFileSync("pdftotext", ["-enc", "UTF-8", thaiPdf, "-"], { encoding: "utf8" }));
    expect(thai).toContain("๗๙.๖๔");
    expect(thai).toContain("หน้า ๑ / ");
    expect(thai).not.toContain("79.64");
  } finally {
    await browser.close();
  }
});
