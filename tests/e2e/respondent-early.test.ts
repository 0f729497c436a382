import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { useTestApp } from "../support/app";
import { openBrowser, PHONE, screenshot } from "../support/browser";
import { createAgencyWithRound, type RoundFixture } from "../support/factories";
import { NEXT, pageTitle } from "./respondent-helpers";

// On a slow phone the server-rendered first page of the EIT shows seconds before SurveyJS's script has arrived
// (docs/performance.md, "The low-end phone"). A choice tapped in that time must survive hydration.
let round: RoundFixture;

const { server } = useTestApp({
  seed: async (db) => {
    round = await createAgencyWithRound(db);
  },
});

/** Holds SurveyJS's script back until the returned function is called. */
async function holdSurveyScript(page: Page): Promise<() => void> {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  await page.route(/survey-react-ui/, async (route) => {
    await gate;
    await route.continue();
  });
  return release;
}

const storageKey = () => `ita:eit:${round.slug}`;

describe("the EIT's first page before its scripts have loaded", () => {
  it("keeps a choice tapped on the server-rendered page, saves it once SurveyJS runs, and goes on to the next page", async () => {
    const browser = await openBrowser({ viewport: PHONE });
    try {
      const { page } = browser;
      const release = await holdSurveyScript(page);
      await page.goto(`${server.url}/s/${round.slug}`, { waitUntil: "domcontentloaded" });
      const choice = page.locator(`input[type=radio][value="contact"]`);
      expect(await page.locator("[data-survey-ready]").count()).toBe(0);
      await choice.locator("xpath=ancestor::label[1]").click();
      expect(await choice.isChecked()).toBe(true);
      // Drawn as chosen already, as SurveyJS will draw it: the chosen circle is filled with the site's blue
      // (#1f5fa8), the others are not.
      const BLUE = "rgb(31, 95, 168)";
      const dot = (value: string) =>
        page.locator(`input[type=radio][value="${value}"] + .sd-radio__decorator`).evaluate((el) => {
          const style = getComputedStyle(el);
          return `${style.backgroundColor} ${style.backgroundImage}`;
        });
      expect(await dot("contact")).toContain(BLUE);
      expect(await dot("service")).not.toContain(BLUE);
      await screenshot(page, "respondent-eit-before-surveyjs-phone");
      // Where the first question and the next button sit on the phone, to compare once SurveyJS runs.
      const boxes = async () => ({
        question: await page.locator(".sd-question").first().boundingBox(),
        next: await page.locator(NEXT).first().boundingBox(),
      });
      const beforeBoxes = await boxes();

      release();
      await page.locator("[data-survey-ready]").waitFor();
      expect(await choice.isChecked()).toBe(true);
      // Shown as chosen, not only checked underneath: SurveyJS draws the dot for an item it marks checked.
      const item = choice.locator("xpath=ancestor::*[contains(@class,'sd-item')][1]");
      await expect.poll(() => item.getAttribute("class")).toContain("sd-item--checked");
      await page.mouse.move(0, 0); // the pointer off the item: its colour is the chosen one, not the hovered one
      await expect.poll(() => dot("contact")).toContain(BLUE); // after its colour transition
      expect(await dot("service")).not.toContain(BLUE);
      await screenshot(page, "respondent-eit-after-surveyjs-phone");
      // Nothing moves when SurveyJS takes over: its phone layout was already given by the stylesheet.
      const afterBoxes = await boxes();
      for (const key of ["question", "next"] as const)
        for (const side of ["x", "y", "width"] as const)
          expect(Math.abs(afterBoxes[key]![side] - beforeBoxes[key]![side]), `${key}.${side}`).toBeLessThanOrEqual(1);
      const saved = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "null"), storageKey());
      expect(saved?.data).toEqual({ respondent_type: "contact" });

      const first = await pageTitle(page);
      await page.locator(NEXT).first().click();
      await page.waitForFunction(
        (old) => document.querySelector(".sd-page__title")?.textContent?.trim() !== old,
        first,
      );
      expect(await page.locator(".sd-question--error").count()).toBe(0);
    } finally {
      await browser.close();
    }
  });

  it("puts a choice tapped before the scripts ran on top of the answers kept from an earlier visit", async () => {
    const browser = await openBrowser({ viewport: PHONE });
    try {
      const { page } = browser;
      await page.goto(`${server.url}/s/${round.slug}`);
      await page.locator("[data-survey-ready]").waitFor();
      await page.locator(`input[type=radio][value="service"]`).locator("xpath=ancestor::label[1]").click();
      const before = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "null"), storageKey());
      expect(before?.data).toEqual({ respondent_type: "service" });

      const release = await holdSurveyScript(page);
      await page.reload({ waitUntil: "domcontentloaded" });
      const choice = page.locator(`input[type=radio][value="stakeholder"]`);
      await choice.locator("xpath=ancestor::label[1]").click();
      release();
      await page.locator("[data-survey-ready]").waitFor();
      expect(await choice.isChecked()).toBe(true);
      const after = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "null"), storageKey());
      expect(after).toMatchObject({ data: { respondent_type: "stakeholder" }, submissionId: before.submissionId });
    } finally {
      await browser.close();
    }
  });
});
