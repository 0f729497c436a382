import path from "node:path";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { useTestApp } from "../support/app";
import { openBrowser, PHONE } from "../support/browser";
import { ROOT } from "../support/env";
import { PASSWORD } from "../support/factories";
import { createNation, type Nation } from "../support/groups";
import { seriousAxeViolations } from "./respondent-helpers";

// In Chromium (issue 18): a supervisor of a province signs in, lands on the league of their group, filters it
// and opens a district below, at phone and desktop size. Screenshots go to docs/screenshots/.
let nation: Nation;
const { server } = useTestApp({
  seed: async (db) => {
    nation = await createNation(db, "supervisor@province.go.th");
  },
});

it("shows a supervisor their province's league: progress, totals, IIT only once released, filters and the district below", async () => {
  for (const [label, viewport] of [
    ["phone", PHONE],
    ["desktop", { width: 1280, height: 800 }],
  ] as const) {
    const browser = await openBrowser({ viewport });
    const { page } = browser;
    try {
      await page.goto(`${server.url}/login`);
      await page.locator('input[name="email"]').fill("supervisor@province.go.th");
      await page.locator('input[name="password"]').fill(PASSWORD);
      await page.locator('form button[type="submit"]').last().click();
      await page.waitForURL(`${server.url}/supervise/groups/${nation.groups.provinceA}`);
      await page.locator("h1", { hasText: "จังหวัดเอ" }).waitFor();

      expect(await page.getByTestId("count-agencies").textContent()).toBe("4");
      expect(await page.getByTestId("count-not-started").textContent()).toBe("2");
      const rows = page.getByTestId("league").locator("tbody tr");
      expect(await rows.count()).toBe(4);
      const first = rows.first();
      expect(await first.locator("th").textContent()).toContain("ก เทศบาลที่ปิดรอบแล้ว");
      expect(await first.locator("td").first().textContent()).toBe("1");
      // The open round: responses against the minimum, EIT and OIT scores, no IIT score and no total.
      const open = rows.nth(1);
      expect(await open.locator("th").textContent()).toContain("ข อบต.ที่ยังเปิดรอบ");
      const cells = await open.locator("td").allTextContents();
      expect(cells.slice(0, 5)).toEqual(["–", "เปิดรับ", "6/5", "7/5", "43/43"]);
      expect(cells.slice(5, 10)).toEqual(["–", "–", "–", "–", "–"]);
      expect(cells[10]).toMatch(/^\d+\.\d\d$/);
      expect(cells.at(-2)).toBe("–");
      expect(await page.getByTestId("not-started").locator("li").allTextContents()).toEqual([
        "ค อบต.ที่ยังไม่เริ่ม — รอบยังเป็นฉบับร่าง",
        "ง หน่วยงานที่ไม่มีรอบ — ยังไม่มีรอบการประเมินของปีนี้",
      ]);
      expect(await page.getByTestId("weakest-indicators").locator("tbody tr").count()).toBe(5);
      expect(await page.locator("svg.bars").count()).toBe(1);
      // Nothing scrolls sideways: neither the page nor any region inside it.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      expect(await sidewaysScrollers(page)).toEqual([]);
      const cards = page.getByTestId("league-cards").locator("li");
      if (label === "phone") {
        // On a phone the league is one compact card per agency (position, name, total, rating, weakest
        // indicator, progress) and the wide table is not shown.
        expect(await page.getByTestId("league").isVisible()).toBe(false);
        expect(await cards.count()).toBe(4);
        const top = cards.first();
        expect(await top.isVisible()).toBe(true);
        expect(await top.locator(".league-position").textContent()).toBe("ลำดับ 1");
        expect(await top.locator("h3").textContent()).toBe("ก เทศบาลที่ปิดรอบแล้ว");
        expect(await top.locator(".league-total-value").textContent()).toMatch(/^\d+\.\d\d$/);
        expect(await top.locator(".league-rating").textContent()).not.toBe("");
        expect(await top.getByTestId("card-weakest").textContent()).toMatch(/^\d+\. .+ \d+\.\d\d$/);
        const openCard = cards.nth(1);
        expect(await openCard.locator(".league-position").textContent()).toBe("–");
        expect(await openCard.locator(".league-total-value").textContent()).toBe("–");
        expect(await openCard.getByTestId("card-progress").textContent()).toBe("IIT 6/5 · EIT 7/5 · OIT 43/43");
        expect(await openCard.getByTestId("card-iit").textContent()).toBe("ยังไม่ประกาศผล");
        expect(await top.getByTestId("card-iit").count()).toBe(0);
        // Every card fits in the screen's width.
        for (const box of await cards.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right)))
          expect(box).toBeLessThanOrEqual(viewport.width);
      } else {
        expect(await page.getByTestId("league").isVisible()).toBe(true);
        expect(await page.getByTestId("league-cards").isVisible()).toBe(false);
      }
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.screenshot({ path: path.join(ROOT, `docs/screenshots/supervise-${label}.png`), fullPage: true });

      if (label === "desktop") {
        // Filter: SAO type only.
        await page.locator("#type").selectOption("sao");
        await page.getByRole("button", { name: "แสดง" }).click();
        await page.waitForURL(/type=sao/);
        await page.locator("h2", { hasText: "(แสดง 3 จาก 4)" }).waitFor();
        expect(await rows.count()).toBe(3);
        // The district below.
        await page.getByRole("link", { name: "อำเภอเอหนึ่ง" }).click();
        await page.locator("h1", { hasText: "อำเภอเอหนึ่ง" }).waitFor();
        expect(await page.getByTestId("count-agencies").textContent()).toBe("2");
        expect(await seriousAxeViolations(page)).toEqual([]);
      }
    } finally {
      await browser.close();
    }
  }
});

/** The elements that scroll sideways: wider content than their box, with horizontal overflow allowed. */
async function sidewaysScrollers(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((el) => {
        const overflow = getComputedStyle(el).overflowX;
        return (overflow === "auto" || overflow === "scroll") && el.scrollWidth > el.clientWidth;
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${el.scrollWidth} > ${el.clientWidth}`),
  );
}
