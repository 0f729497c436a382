import { expect, it } from "vitest";
import { useTestApp } from "../support/app";
import { DESKTOP, openBrowser, screenshot } from "../support/browser";
import { createAgency, createUser } from "../support/factories";

// In Chromium: the new-round form's minimum samples follow the framework chosen. A ministry's policy unit has
// an EIT minimum of 30 under the 2565 framework and 100 under the 2568 one; a number the officer typed stays.
let email = "";
const password = "policy-officer-pw-1";
const { server } = useTestApp({
  seed: async (db) => {
    const agency = await createAgency(db, {
      name_th: "กองนโยบายทดสอบ",
      name_en: "Test Policy Division",
      type: "ministry-policy",
      staff_count: 40,
    });
    email = `policy-${agency.id.slice(0, 6)}@agency.go.th`;
    await createUser(db, "admin", agency.id, { email, password, name: "เจ้าหน้าที่นโยบาย" });
  },
});

it("moves the minimum samples with the chosen framework and keeps a number the officer typed", async () => {
  const browser = await openBrowser({ viewport: DESKTOP });
  const { page } = browser;
  try {
    await page.goto(`${server.url}/admin/rounds/new`);
    await page.waitForURL(/\/login/);
    await page.fill("#email", email);
    await page.fill("#password", password);
    await page.press("#password", "Enter");
    await page.waitForURL(/\/admin\/rounds\/new$/);
    await page.locator("#min_eit").waitFor();
    // The select's handler is React's: let the scripts arrive and run first.
    await page.waitForLoadState("networkidle");
    await expect(page.inputValue("#framework")).resolves.toBe("ita-2565");
    await expect(page.inputValue("#min_eit")).resolves.toBe("30");
    await expect(page.locator("#min_eit-hint").textContent()).resolves.toContain("กรอบที่เลือกกำหนดอย่างน้อย 30 คน");

    await page.selectOption("#framework", "ita-2568");
    await expect.poll(() => page.inputValue("#min_eit")).toBe("100");
    await expect(page.inputValue("#min_iit")).resolves.toBe("25");
    await expect(page.locator("#min_eit-hint").textContent()).resolves.toContain("กรอบที่เลือกกำหนดอย่างน้อย 100 คน");
    await screenshot(page, "round-samples-2568");

    // A figure the officer typed is theirs: changing the framework again leaves it.
    await page.fill("#min_eit", "120");
    await page.selectOption("#framework", "ita-2565");
    await expect.poll(() => page.locator("#min_eit-hint").textContent()).toContain("กรอบที่เลือกกำหนดอย่างน้อย 30 คน");
    await expect(page.inputValue("#min_eit")).resolves.toBe("120");
  } finally {
    await browser.close();
  }
});
