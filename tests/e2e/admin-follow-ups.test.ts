import { expect, it } from "vitest";
import { useTestApp } from "../support/app";
import { DESKTOP, openBrowser, screenshot } from "../support/browser";
import { createAgencyWithOfficer, type OfficerFixture } from "../support/factories";

// In Chromium: the super-administrator works in one agency, enters its official results with another
// framework's indicators, deletes them through the confirm step, and leaves the agency.
let seed: OfficerFixture;
const { server } = useTestApp({
  testFrameworks: ["ita-test"],
  seed: async (db) => (seed = await createAgencyWithOfficer(db)),
});

it("lets the super-administrator work in an agency, enter and delete its official results per framework, and leave", async () => {
  const browser = await openBrowser({ viewport: DESKTOP });
  const { page } = browser;
  try {
    await page.goto(`${server.url}/login`);
    await page.locator('input[name="email"]').fill("super@test.go.th");
    await page.locator('input[name="password"]').fill("super-secret-pw");
    await page.locator('form button[type="submit"]').last().click();
    await page.waitForURL(/\/admin\//);
    // The address changes a moment before the new page renders: wait for the admin menu before counting in it.
    await page.getByRole("link", { name: "หน่วยงาน", exact: true }).waitFor();
    expect(await page.getByRole("link", { name: "ผลอย่างเป็นทางการ" }).count()).toBe(0);

    await page.goto(`${server.url}/admin/agencies/${seed.agencyId}`);
    await screenshot(page, "admin-follow-ups-agency");
    await page.getByRole("button", { name: "ทำงานในนามหน่วยงานนี้" }).click();
    await page.waitForURL(/\/admin\/official$/);
    await expect(page.getByTestId("acting-agency").textContent()).resolves.toContain("เทศบาลตำบลทดสอบ");

    // The form follows the chosen framework: ten boxes for ita-2565, three for ita-test.
    await page.getByRole("link", { name: "บันทึกผลของปีใหม่" }).click();
    await page.waitForURL(/\/admin\/official\/new/);
    expect(await page.locator('input[name^="s"][inputmode="decimal"]').count()).toBe(10);
    await page.locator("#framework").selectOption("ita-test");
    await page.locator('[data-framework="ita-test"]').waitFor();
    expect(await page.locator('input[name^="s"][inputmode="decimal"]').count()).toBe(3);
    await page.locator("#fiscal_year").fill("2566");
    for (const [n, v] of [
      ["1", "90.5"],
      ["2", "82"],
      ["3", "64.25"],
    ] as const)
      await page.locator(`#s${n}`).fill(v);
    await screenshot(page, "admin-follow-ups-official-form");
    await page.getByRole("button", { name: "บันทึก", exact: true }).click();
    await page.waitForURL(/\/admin\/official\?year=2566/);
    await page.getByTestId("official-year").waitFor();
    await expect(page.getByTestId("official-year").textContent()).resolves.toContain("ita-test");

    // Deleting asks first; cancelling keeps the year, confirming removes it.
    await page.goto(`${server.url}/admin/official/2566`);
    await page.getByTestId("official-delete").click();
    await page.getByTestId("official-delete-confirm").waitFor();
    await screenshot(page, "admin-follow-ups-official-delete");
    await page.getByRole("link", { name: "ยกเลิก" }).click();
    await page.waitForURL(/\/admin\/official\/2566$/);
    await page.getByTestId("official-delete").click();
    await page.getByRole("button", { name: "ยืนยัน ลบผลของปีนี้" }).click();
    await page.waitForURL(/\/admin\/official$/);
    // The list renders a moment after the address changes: ask again until it does.
    await expect
      .poll(() => page.locator("main").textContent(), { timeout: 10_000 })
      .toContain("ยังไม่มีการบันทึกผลอย่างเป็นทางการ");

    // Rounds and the new-round form follow the acting agency: one agency offered, the bar still shown.
    await page.getByRole("link", { name: "รอบการประเมิน", exact: true }).click();
    await page.waitForURL(/\/admin\/rounds$/);
    await screenshot(page, "admin-follow-ups-acting-rounds");
    await page.goto(`${server.url}/admin/rounds/new`);
    expect(await page.locator("#agency_id option").allTextContents()).toEqual([
      expect.stringContaining("เทศบาลตำบลทดสอบ"),
    ]);
    await expect(page.getByTestId("acting-agency").textContent()).resolves.toContain("เทศบาลตำบลทดสอบ");
    await screenshot(page, "admin-follow-ups-acting-round-new");

    await page.getByRole("button", { name: "เลิกทำงานในนามหน่วยงานนี้" }).click();
    await page.waitForURL(new RegExp(`/admin/agencies/${seed.agencyId}$`));
    // The bar goes once the new page renders (the address changes a moment before).
    await page.getByTestId("acting-agency").waitFor({ state: "detached", timeout: 5000 });
    await page.getByRole("button", { name: "ทำงานในนามหน่วยงานนี้" }).waitFor();
    await screenshot(page, "admin-follow-ups-left");
  } finally {
    await browser.close();
  }
});
