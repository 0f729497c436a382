import path from "node:path";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { useTestApp } from "../support/app";
import { openBrowser, PHONE } from "../support/browser";
import { ROOT } from "../support/env";
import { createAgencyWithOfficer, createOfficialResult, type OfficerFixture } from "../support/factories";
import { seriousAxeViolations } from "./respondent-helpers";

// Issue 16, item 9: the round's dates in the page's calendar. Thai mode: typed "1/10/2569" and picked from the
// Thai calendar (month names, พ.ศ.), saved, shown back in พ.ศ.; a day that does not exist is refused in Thai and
// nothing changes. English mode: Gregorian years in the field and the calendar. Screenshots at phone and
// desktop size go to docs/screenshots/.
const DESKTOP = { width: 1280, height: 800 };
let seed: OfficerFixture;
const { server, db } = useTestApp({
  seed: async (db) => {
    seed = await createAgencyWithOfficer(db, { role: "admin" });
    await createOfficialResult(db, seed.agencyId, { fiscal_year: 2565 });
  },
});

const dates = async () =>
  db.selectFrom("rounds").select(["opens_on", "closes_on"]).where("id", "=", seed.roundId).executeTakeFirstOrThrow();

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(ROOT, "docs/screenshots", `${name}.png`), fullPage: true });
}

it("types and picks Buddhist-era dates in Thai, saves them, shows them back, and uses Gregorian years in English", async () => {
  const browser = await openBrowser({ viewport: DESKTOP, allowConsoleErrors: [/status of 422/] });
  const { page } = browser;
  const settings = `${server.url}/admin/rounds/${seed.roundId}/settings`;
  try {
    await page.goto(`${server.url}/login`);
    await page.locator('input[name="email"]').fill(seed.email);
    await page.locator('input[name="password"]').fill(seed.password);
    await page.locator('form button[type="submit"]').last().click();
    await page.waitForURL(/\/admin(\/|$)/);

    await page.goto(settings);
    const opens = page.locator("#opens_on");
    const closes = page.locator("#closes_on");
    expect(await opens.getAttribute("placeholder")).toBe("วว/ดด/ปปปป");
    await opens.fill("1/10/2569");

    // The calendar: opened from its button, in Thai with the พ.ศ. year; Page Down moves a month.
    const pick = page.locator("#closes_on").locator("xpath=..").getByRole("button", { name: "เลือกวันที่" });
    await closes.fill("15/1/2570");
    await pick.click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.locator(".date-title").textContent()).resolves.toBe("มกราคม พ.ศ. 2570");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("15 มกราคม พ.ศ. 2570");
    await page.keyboard.press("PageDown");
    await expect(dialog.locator(".date-title").textContent()).resolves.toBe("กุมภาพันธ์ พ.ศ. 2570");
    expect(await dialog.getByRole("button", { name: "29 กุมภาพันธ์ พ.ศ. 2570", exact: true }).count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot(page, "date-picker-th-desktop");
    await page.setViewportSize(PHONE);
    await pick.scrollIntoViewIfNeeded();
    await shot(page, "date-picker-th-phone");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.setViewportSize(DESKTOP);
    // Arrow keys move by a day and a week; Enter picks the focused day.
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    expect(await closes.inputValue()).toBe("23/2/2570");
    expect(await dialog.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("closes_on");
    // Escape closes and returns to the button.
    await pick.click();
    await page.keyboard.press("Escape");
    expect(await dialog.count()).toBe(0);
    // A click on a day.
    await pick.click();
    await dialog.getByRole("button", { name: "28 กุมภาพันธ์ พ.ศ. 2570", exact: true }).click();
    expect(await closes.inputValue()).toBe("28/2/2570");

    await page.getByRole("button", { name: "บันทึกการตั้งค่า" }).click();
    await page.waitForURL(`${server.url}/admin/rounds/${seed.roundId}`);
    await page.getByTestId("round-status").waitFor();
    expect(await dates()).toEqual({ opens_on: "2026-10-01", closes_on: "2027-02-28" });
    await expect(page.locator("main").textContent()).resolves.toContain("1 ตุลาคม 2569 – 28 กุมภาพันธ์ 2570");

    // Shown back in พ.ศ.; a day that does not exist is refused in Thai and nothing changes.
    await page.goto(settings);
    expect(await opens.inputValue()).toBe("1/10/2569");
    expect(await closes.inputValue()).toBe("28/2/2570");
    await closes.fill("31/4/2570");
    await page.getByRole("button", { name: "บันทึกการตั้งค่า" }).click();
    await expect(page.locator("#closes_on-error").textContent()).resolves.toBe(
      "เดือนเมษายน พ.ศ. 2570 มี 30 วัน — ไม่มีวันที่ 31",
    );
    expect(await closes.getAttribute("aria-invalid")).toBe("true");
    expect(await dates()).toEqual({ opens_on: "2026-10-01", closes_on: "2027-02-28" });
    await shot(page, "date-field-error-th-desktop");

    // English mode: the same dates in Gregorian years, and the calendar in English.
    await page.goto(settings);
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("button", { name: "Save settings" }).waitFor();
    expect(await opens.inputValue()).toBe("1/10/2026");
    expect(await closes.inputValue()).toBe("28/2/2027");
    expect(await opens.getAttribute("placeholder")).toBe("dd/mm/yyyy");
    const pickEn = page.locator("#opens_on").locator("xpath=..").getByRole("button", { name: "Pick a date" });
    await pickEn.click();
    await expect(dialog.locator(".date-title").textContent()).resolves.toBe("October 2026");
    await dialog.getByRole("button", { name: "Next month" }).click();
    await dialog.getByRole("button", { name: "2 November 2026", exact: true }).click();
    expect(await opens.inputValue()).toBe("2/11/2026");
    await pickEn.click();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot(page, "date-picker-en-desktop");
    await page.setViewportSize(PHONE);
    await pickEn.scrollIntoViewIfNeeded();
    await shot(page, "date-picker-en-phone");
    await page.setViewportSize(DESKTOP);
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.waitForURL(`${server.url}/admin/rounds/${seed.roundId}`);
    await page.getByTestId("round-status").waitFor();
    expect(await dates()).toEqual({ opens_on: "2026-11-02", closes_on: "2027-02-28" });
    await expect(page.locator("main").textContent()).resolves.toContain("2 November 2026 – 28 February 2027");
  } finally {
    await browser.close();
  }
});

it("saves a measure's due date typed in พ.ศ. on the report page, which stays axe-clean", async () => {
  const browser = await openBrowser({ viewport: DESKTOP });
  const { page } = browser;
  try {
    await page.goto(`${server.url}/login`);
    await page.locator('input[name="email"]').fill(seed.email);
    await page.locator('input[name="password"]').fill(seed.password);
    await page.locator('form button[type="submit"]').last().click();
    await page.waitForURL(/\/admin(\/|$)/);
    await page.goto(`${server.url}/admin/reports`);
    await page.getByRole("button", { name: "ร่างรายงาน" }).click();
    await page.waitForURL(/\/admin\/reports\/[0-9a-f-]{36}$/);
    const due = page.locator('[id="m0.dueDate"]');
    await due.fill("30/9/2567");
    await page.getByRole("button", { name: "บันทึกตารางมาตรการ" }).click();
    await page.getByRole("status").waitFor();
    const id = page.url().split("/").pop()!;
    const rows = await db
      .selectFrom("measures")
      .select("due_date")
      .where("report_id", "=", id)
      .orderBy("position")
      .execute();
    expect(rows[0]!.due_date).toBe("2024-09-30");
    expect(await due.inputValue()).toBe("30/9/2567");
    expect(await seriousAxeViolations(page)).toEqual([]);
  } finally {
    await browser.close();
  }
});
