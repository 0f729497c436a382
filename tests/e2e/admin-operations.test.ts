import jsQR from "jsqr";
import type { Locator, Page } from "playwright-core";
import { PNG } from "pngjs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { useTestApp } from "../support/app";
import { DESKTOP, openBrowser, screenshot } from "../support/browser";
import { startEvidenceSite } from "../support/evidence-site";
import { createAgencyWithOfficer, type OfficerFixture } from "../support/factories";
import { answerAllPages, COMPLETE } from "./respondent-helpers";

let seed: OfficerFixture;
let site: Awaited<ReturnType<typeof startEvidenceSite>> | undefined;
let siteUrl = "";

const { server } = useTestApp({
  env: { LINK_CHECK_ALLOW_PRIVATE: "1" },
  seed: async (db) => (seed = await createAgencyWithOfficer(db, { staffCount: 20, iitAccess: "codes" })),
});
beforeAll(async () => {
  site = await startEvidenceSite();
  siteUrl = site.url;
});
afterAll(async () => {
  await site?.close();
});

/** Decodes the QR code shown in an element from a screenshot of it, as a phone camera would. */
async function readQr(element: Locator): Promise<string | null> {
  const png = PNG.sync.read(await element.screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

async function signIn(page: Page) {
  await page.goto(`${server.url}/login`);
  await page.locator('input[name="email"]').fill(seed.email);
  await page.locator('input[name="password"]').fill(seed.password);
  await page.locator('form button[type="submit"]').last().click();
  // Signing in lands on the dashboard (issue 16).
  await page.waitForURL(/\/admin$/);
}

it("runs a round's operations: channels and posters, code slips, paper entry, OIT checklist with link check, progress", async () => {
  const browser = await openBrowser({ viewport: DESKTOP });
  const { page } = browser;
  const round = `${server.url}/admin/rounds/${seed.roundId}`;
  try {
    await signIn(page);

    // Two EIT channels, each with its own link and QR code; the poster's QR decodes to the channel's link.
    await page.goto(`${round}/channels`);
    for (const [key, name] of [
      ["counter-1", "เคาน์เตอร์งานทะเบียน"],
      ["website", "เว็บไซต์หน่วยงาน"],
    ] as const) {
      await page.locator("#new-key").fill(key);
      await page.locator("#new-name").fill(name);
      await page.getByRole("button", { name: "เพิ่มช่องทาง" }).click();
      await page.locator(`[data-channel="${key}"]`).waitFor();
    }
    expect(await page.locator(".channel-list > li").count()).toBe(2);
    await screenshot(page, "admin2-channels");
    await page
      .locator('[data-channel="counter-1"]')
      .getByRole("link", { name: /โปสเตอร์/ })
      .click();
    await page.locator('[data-testid="poster-qr"] svg').waitFor();
    await expect(page.locator(".poster h1").textContent()).resolves.toContain("ร่วมประเมิน");
    expect(await readQr(page.locator('[data-testid="poster-qr"]'))).toBe(`${server.url}/s/${seed.slug}?c=counter-1`);
    await screenshot(page, "admin2-poster");

    // 20 one-time codes, shown once as slips; a slip's QR opens the IIT with its code.
    await page.goto(`${round}/access`);
    await expect(page.locator('input[name="count"]').inputValue()).resolves.toBe("20");
    await page.getByRole("button", { name: /สร้างรหัส/ }).click();
    await page.locator(".slip").first().waitFor();
    expect(await page.locator(".slip").count()).toBe(20);
    await screenshot(page, "admin2-slips");
    const slip = page.locator(".slip").nth(3);
    const code = (await slip.getAttribute("data-code"))!;
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$/);
    const slipLink = await readQr(slip.locator(".qr-box"));
    expect(slipLink).toBe(`${server.url}/s/${seed.slug}/iit#${code}`);
    await page.goto(`${round}/access`);
    await expect(page.getByTestId("code-counts").textContent()).resolves.toContain("สร้างแล้ว 20 รหัส · ใช้แล้ว 0");
    expect(await page.content()).not.toContain(code);

    const staff = await browser.context.newPage();
    await staff.goto(slipLink!);
    await staff.locator(".sd-page").waitFor();
    await answerAllPages(staff);
    await staff.locator(COMPLETE).click();
    await staff.getByRole("heading", { name: "ขอบคุณที่สละเวลาตอบแบบสอบถาม" }).waitFor();
    await staff.close();
    await page.goto(`${round}/access`);
    await expect(page.getByTestId("code-counts").textContent()).resolves.toContain("ใช้แล้ว 1 · ยังไม่ใช้ 19");

    // A paper EIT answer sheet keyed in by staff, stored under the channel "paper".
    await page.goto(`${round}/entry?instrument=eit&channel=paper`);
    await page.locator(".sd-page").waitFor();
    await page.locator("#serial").fill("EIT-0001");
    await answerAllPages(page);
    await page.locator(COMPLETE).click();
    await page.getByTestId("entry-stored").waitFor();

    // The OIT checklist: scores of indicators 9 and 10 change as items are saved.
    await page.goto(`${round}/oit`);
    const score = (id: string) => page.locator(`[data-score="${id}"]`).textContent();
    await expect(score("indicator-9")).resolves.toContain("—");
    const o1 = page.locator('[data-item="o1"]');
    await o1.getByLabel("มี", { exact: true }).check();
    await o1.locator("textarea").fill(`${siteUrl}/ita/structure.html\n${siteUrl}/gone.html`);
    await page.locator('[data-item="o2"]').getByLabel("ไม่มี", { exact: true }).check();
    const o34 = page.locator('[data-item="o34"]');
    await o34.getByLabel("มี", { exact: true }).check();
    await o34.locator("textarea").fill(`${siteUrl}/ita/structure.html`);
    await page
      .locator('[data-item="o34"]')
      .locator("xpath=ancestor::section[1]")
      .getByRole("button", { name: "บันทึก" })
      .click();
    // Items also save themselves as they change (issue 16), so the scores reach their final values in steps.
    await page.locator('[data-score="indicator-9"]', { hasText: "50.00" }).waitFor();
    await page.locator('[data-score="indicator-10"]', { hasText: "100.00" }).waitFor();
    await expect(score("indicator-9")).resolves.toContain("50.00");
    await expect(score("indicator-10")).resolves.toContain("100.00");

    await page.getByRole("button", { name: "ตรวจลิงก์ทั้งหมด" }).click();
    await page.getByText("ตรวจลิงก์แล้ว 2 ลิงก์ ใช้งานไม่ได้ 1 ลิงก์").waitFor();
    await expect(o1.locator('[data-link-ok="true"]').textContent()).resolves.toContain("/ita/structure.html");
    await expect(o1.locator('[data-link-ok="false"]').textContent()).resolves.toContain("ลิงก์เสีย (404)");
    await screenshot(page, "admin2-oit");

    // Progress counts all of it.
    await page.goto(`${round}/progress`);
    await expect(page.getByTestId("count-iit").textContent()).resolves.toBe("1");
    await expect(page.getByTestId("count-eit").textContent()).resolves.toBe("1");
    await expect(page.locator('tr[data-channel="paper"]').textContent()).resolves.toContain("1");
    await expect(page.getByTestId("provisional").textContent()).resolves.toContain("ผลเบื้องต้น");
    expect(await page.locator("svg.bars").count()).toBe(2);
    await screenshot(page, "admin2-progress");
  } finally {
    await browser.close();
  }
});
