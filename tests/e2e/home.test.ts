import { expect, it } from "vitest";
import { useTestApp } from "../support/app";
import { DESKTOP, openBrowser, PHONE, screenshot } from "../support/browser";

const { server } = useTestApp({ env: { DEMO: "1" } });

it("renders the Thai home page in the self-hosted Sarabun font on a phone and a desktop", async () => {
  for (const [label, viewport] of [
    ["phone", PHONE],
    ["desktop", DESKTOP],
  ] as const) {
    const browser = await openBrowser({ viewport });
    try {
      const fontRequests: string[] = [];
      browser.page.on("request", (req) => {
        if (/\.woff2?$/.test(req.url())) fontRequests.push(req.url());
      });
      await browser.page.goto(server.url);
      await browser.page.evaluate(() => document.fonts.ready);
      const title = browser.page.locator("h1");
      await expect(title.textContent()).resolves.toContain("คุณธรรมและความโปร่งใส");
      const family = await title.evaluate((el) => getComputedStyle(el).fontFamily);
      expect(family.split(",")[0]!.replace(/"/g, "").trim()).toBe("Sarabun");
      const thaiFontLoaded = await browser.page.evaluate(() => document.fonts.check('700 24px "Sarabun"', "ประเมิน"));
      expect(thaiFontLoaded).toBe(true);
      expect(fontRequests.some((u) => u.includes("sarabun-thai") && u.startsWith(server.url))).toBe(true);
      await screenshot(browser.page, `home-${label}`);
    } finally {
      await browser.close();
    }
  }
});

it("switches the interface to English and back without JavaScript state", async () => {
  const browser = await openBrowser();
  try {
    await browser.page.goto(server.url);
    await browser.page.getByRole("button", { name: "English" }).click();
    await browser.page.locator("h1", { hasText: "Integrity and Transparency" }).waitFor();
    expect(await browser.page.locator("html").getAttribute("lang")).toBe("en");
    await browser.page.getByRole("button", { name: "ภาษาไทย" }).click();
    await browser.page.locator("h1", { hasText: "คุณธรรม" }).waitFor();
    expect(await browser.page.locator("html").getAttribute("lang")).toBe("th");
  } finally {
    await browser.close();
  }
});
