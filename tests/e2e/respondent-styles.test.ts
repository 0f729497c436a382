import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { isSurveyClass, SURVEY_CLASSES_KEPT } from "../../scripts/lib/survey-css";
import { SUPER, useTestApp } from "../support/app";
import { DESKTOP, openBrowser, PHONE } from "../support/browser";
import { createAgencyWithRound, createUser, PASSWORD, type RoundFixture } from "../support/factories";
import { answerVisiblePage, COMPLETE, goNext, NEXT } from "./respondent-helpers";

// The build keeps only the rules of SurveyJS's stylesheet for the classes these pages use (scripts/lib/survey-css.ts,
// decision 0013). Both questionnaires are walked on a phone and on a desktop — every page left unanswered once (the
// errors), then answered — while every class ever put on an element is recorded, transient ones included. The same
// stylesheet serves the clerk's keyed-entry form (both questionnaires walked the same way, then stored) and the
// framework preview (read-only, every page at once): they are walked too.
let round: RoundFixture;
const CLERK = "clerk@styles.test.go.th";

const { server } = useTestApp({
  seed: async (db) => {
    round = await createAgencyWithRound(db, { round: { iit_access: "pin", pin: "482915" } });
    await createUser(db, "clerk", round.agencyId, { email: CLERK });
  },
});

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${server.url}/login`);
  await page.fill("#email", email);
  await page.fill("#password", password);
  await page.press("#password", "Enter");
  await page.waitForURL(/\/admin(\/|$)/);
}

async function recordClasses(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen = new Set<string>();
    (window as unknown as { itaClasses: Set<string> }).itaClasses = seen;
    const note = (el: Element) => el.classList.forEach((c) => seen.add(c));
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === "attributes" && r.target instanceof Element) note(r.target);
        r.addedNodes.forEach((n) => {
          if (n instanceof Element) [n, ...n.querySelectorAll("*")].forEach(note);
        });
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["class"] });
    document.addEventListener("DOMContentLoaded", () => document.querySelectorAll("*").forEach(note));
  });
}

async function classesSeen(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window as unknown as { itaClasses: Set<string> }).itaClasses]);
}

const shownTitle = (page: Page) =>
  page.evaluate(() => (document.querySelector(".sd-page__title")?.textContent ?? "").trim());

/** Every page: Next (or Send) without answering — a page with a required question stays, with its errors — then answered. */
async function walkWithErrors(page: Page): Promise<number> {
  for (let pages = 1; pages <= 20; pages++) {
    const last = await page.locator(COMPLETE).first().isVisible();
    const title = await shownTitle(page);
    await page
      .locator(last ? COMPLETE : NEXT)
      .first()
      .click();
    await page.waitForFunction(
      (old) =>
        document.querySelector(".sd-question--error") !== null ||
        (document.querySelector(".sd-page__title")?.textContent ?? "").trim() !== old,
      title,
    );
    if ((await shownTitle(page)) !== title) {
      if (last) return pages; // nothing required on the last page: sent
      continue; // nothing required on that page: it went on
    }
    await answerVisiblePage(page);
    if (last) return pages;
    await goNext(page);
  }
  throw new Error("never reached the last page");
}

describe("SurveyJS's stylesheet, trimmed to what the questionnaires use", () => {
  for (const [size, viewport] of [
    ["phone", PHONE],
    ["desktop", DESKTOP],
  ] as const) {
    it(`keeps the rules of every SurveyJS class the EIT and the IIT put on the page, on a ${size}`, async () => {
      const browser = await openBrowser({ viewport });
      try {
        const { page } = browser;
        await recordClasses(page);
        await page.goto(`${server.url}/s/${round.slug}`);
        await page.locator("[data-survey-ready]").waitFor();
        expect(await walkWithErrors(page)).toBeGreaterThan(3);
        const eit = await classesSeen(page);

        await page.goto(`${server.url}/s/${round.slug}/iit`);
        await page.getByLabel("รหัสผ่านของการประเมินรอบนี้ (PIN)").fill("482915");
        await page.getByRole("button", { name: "เริ่มตอบแบบสอบถาม" }).click();
        await page.locator("[data-survey-ready]").waitFor();
        expect(await walkWithErrors(page)).toBeGreaterThan(3);
        const iit = await classesSeen(page);

        const used = [...new Set([...eit, ...iit])].filter(isSurveyClass).sort();
        expect(used).toContain("sd-item--checked");
        expect(used).toContain("sd-question--error");
        expect(used.filter((c) => !SURVEY_CLASSES_KEPT.includes(c))).toEqual([]);
      } finally {
        await browser.close();
      }
    });
  }

  for (const [size, viewport] of [
    ["phone", PHONE],
    ["desktop", DESKTOP],
  ] as const) {
    it(`keeps the rules of every SurveyJS class of the clerk's keyed-entry form and the framework preview, on a ${size}`, async () => {
      const browser = await openBrowser({ viewport });
      try {
        const { page } = browser;
        await recordClasses(page);
        await signIn(page, CLERK, PASSWORD);
        for (const instrument of ["eit", "iit"]) {
          await page.goto(`${server.url}/admin/rounds/${round.roundId}/entry?instrument=${instrument}&channel=paper`);
          await page.locator(".sd-page").waitFor();
          // The EIT sheet has its serial; the IIT sheet, anonymous, has none.
          if (instrument === "eit") await page.locator("#serial").fill(`S-${size}`);
          expect(await walkWithErrors(page)).toBeGreaterThan(3);
          await page.getByTestId("entry-stored").waitFor();
        }
        const entry = (await classesSeen(page)).filter(isSurveyClass);

        await signIn(page, SUPER.email, SUPER.password);
        for (const show of ["iit", "eit"]) {
          await page.goto(`${server.url}/admin/frameworks/ita-2565?show=${show}`);
          await page.locator(`[data-testid=preview-${show}] .sd-question`).first().waitFor();
        }
        const preview = (await classesSeen(page)).filter(isSurveyClass);
        expect(preview).toContain("sd-item--readonly");

        const used = [...new Set([...entry, ...preview])].sort();
        expect(used.filter((c) => !SURVEY_CLASSES_KEPT.includes(c))).toEqual([]);
      } finally {
        await browser.close();
      }
    });
  }
});
