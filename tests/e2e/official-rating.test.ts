import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { useTestApp } from "../support/app";
import { DESKTOP, openBrowser, PHONE, screenshot } from "../support/browser";
import { ROOT } from "../support/env";
import { createAgencyWithOfficer, type OfficerFixture } from "../support/factories";

// The official-results form recomputes the total as the scores are typed, warns when the published total is
// more than 0.01 away, offers the framework's own grades or labels, and the page compares 2565 with 2566.
const example = JSON.parse(fs.readFileSync(path.join(ROOT, "tests/fixtures/example-2565.json"), "utf8"));
let seed: OfficerFixture;
const { server } = useTestApp({ seed: async (db) => (seed = await createAgencyWithOfficer(db, { role: "admin" })) });

it("recomputes the total live, warns on 79.64 beside 72.96, and compares a 2565 grade with a 2566 label", async () => {
  const browser = await openBrowser({ viewport: DESKTOP });
  try {
    const { page } = browser;
    await page.goto(`${server.url}/admin/official/new`);
    await page.waitForURL(/\/login/);
    await page.fill("#email", seed.email);
    await page.fill("#password", seed.password);
    await page.press("#password", "Enter");
    await page.waitForURL(/\/admin\/official\/new$/);

    await page.fill("#fiscal_year", "2565");
    for (const [n, s] of Object.entries(example.indicator_scores as Record<string, number>))
      await page.fill(`#s${n}`, String(s));
    expect(await page.locator("[data-testid=recomputed-total]").textContent()).toBe("79.65");
    expect(await page.locator("[data-testid=recomputed-grade]").textContent()).toBe("B");
    await page.fill("#published_total", "79.64");
    expect(await page.locator("[data-testid=total-mismatch-live]").count()).toBe(0);

    // Indicator 9 typed as 35.134 instead of 68.56: the scores now give 72.96, not the 79.64 published.
    await page.fill("#s9", "35.134");
    expect(await page.locator("[data-testid=recomputed-total]").textContent()).toBe("72.96");
    await page.locator("[data-testid=total-mismatch-live]").waitFor();
    expect(await page.locator("[data-testid=total-mismatch-live]").textContent()).toContain(
      "คะแนนรวมตามประกาศ 79.64 ต่างจากที่คำนวณได้ 72.96 เกิน 0.01",
    );
    const options = await page.locator("#published_grade option").allTextContents();
    expect(options).toEqual(["— ไม่ระบุ —", "AA", "A", "B", "C", "D", "E", "F"]);
    await page.selectOption("#published_grade", "B");
    await screenshot(page, "official-form-mismatch-desktop");
    await page.locator("form button.primary[type=submit]").click();
    await page.waitForURL(/\/admin\/official\?year=2565$/);
    await page.locator("[data-testid=total-mismatch]").waitFor();

    // A 2566 result under its own labels: ผ่าน, with EIT 84.99 below 85.
    await page.goto(`${server.url}/admin/official/new?framework=ita-2566`);
    await page.fill("#fiscal_year", "2566");
    for (let n = 1; n <= 10; n++) await page.fill(`#s${n}`, n <= 5 ? "100" : n <= 8 ? "84.99" : "96.2575");
    expect(await page.locator("[data-testid=recomputed-total]").textContent()).toBe("94.00");
    expect(await page.locator("[data-testid=recomputed-grade]").textContent()).toBe("ผ่าน");
    expect(await page.locator("#published_grade option").allTextContents()).toEqual([
      "— ไม่ระบุ —",
      "ผ่านดีเยี่ยม",
      "ผ่านดี",
      "ผ่าน",
      "ต้องปรับปรุง",
      "ต้องปรับปรุงโดยด่วน",
    ]);
    await page.fill("#published_total", "94.00");
    await page.selectOption("#published_grade", "ผ่าน");
    await page.locator("form button.primary[type=submit]").click();
    await page.waitForURL(/\/admin\/official\?year=2566$/);
    await page.goto(`${server.url}/admin/official?year=2566&a=official-2565&b=official-2566`);
    expect(await page.locator("[data-testid=grade]").textContent()).toBe("ผ่าน");
    expect(await page.locator("[data-testid=rating-why]").textContent()).toBe("ยังไม่ถึงระดับผ่านดี เพราะ EIT 84.99 < 85");
    expect(await page.locator("[data-testid=framework-difference]").textContent()).toContain(
      "ข้อคำถามหรือข้อ OIT ของตัวชี้วัดที่ 9, 10 ไม่เหมือนกัน",
    );
    expect(await page.locator("[data-testid=comparison-grades] td").allTextContents()).toEqual(["B", "ผ่าน", ""]);
    await screenshot(page, "official-compare-2565-2566-desktop");
  } finally {
    await browser.close();
  }

  const phone = await openBrowser({ viewport: PHONE });
  try {
    const { page } = phone;
    await page.goto(`${server.url}/admin/official?year=2566&a=official-2565&b=official-2566`);
    await page.waitForURL(/\/login/);
    await page.fill("#email", seed.email);
    await page.fill("#password", seed.password);
    await page.press("#password", "Enter");
    await page.waitForURL(/\/admin\/official/);
    await page.locator("[data-testid=framework-difference]").waitFor();
    await screenshot(page, "official-compare-2565-2566-phone");
  } finally {
    await phone.close();
  }
}, 180_000);
