import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { ROOT } from "../support/env";

// Driving the SurveyJS respondent pages as a person would: tap an answer in every question of
// the visible page, then the next (or send) button.

export const NEXT = ".sd-navigation__next-btn";
export const COMPLETE = ".sd-navigation__complete-btn";
export const PREV = ".sd-navigation__prev-btn";

/** The title of the page SurveyJS shows now. */
export async function pageTitle(page: Page): Promise<string> {
  return ((await page.locator(".sd-page__title").first().textContent()) ?? "").trim();
}

/** Answers every unanswered radio group of the visible page by tapping the label of option `pick`. */
export async function answerVisiblePage(page: Page, pick = 0): Promise<number> {
  await page.locator(".sd-page").first().waitFor();
  const groups = await page.$$eval(".sd-page input[type=radio]", (inputs) => [
    ...new Set(inputs.map((i) => (i as HTMLInputElement).name)),
  ]);
  for (const name of groups) {
    const options = page.locator(`.sd-page input[type=radio][name="${name}"]`);
    if (await options.evaluateAll((list) => list.some((i) => (i as HTMLInputElement).checked))) continue;
    const count = await options.count();
    const option = options.nth(Math.min(pick, count - 1));
    await option.locator("xpath=ancestor::label[1]").click();
  }
  return groups.length;
}

export async function goNext(page: Page): Promise<void> {
  const before = await pageTitle(page);
  await page.locator(NEXT).first().click();
  await page.waitForFunction(
    (old) => (document.querySelector(".sd-page__title")?.textContent ?? "").trim() !== old,
    before,
  );
}

/** Answers every page up to the last one (not sent). Returns the page titles seen. */
export async function answerAllPages(page: Page, options: { startAt?: number } = {}): Promise<string[]> {
  const titles: string[] = [];
  for (let guard = 0; guard < 20; guard++) {
    titles.push(await pageTitle(page));
    await answerVisiblePage(page);
    if (await page.locator(COMPLETE).first().isVisible()) return titles;
    await goNext(page);
  }
  throw new Error(`never reached the last page (from ${options.startAt ?? 0}): ${titles.join(" | ")}`);
}

/** Runs axe-core in the page (evaluated over CDP, which the page's CSP does not govern). */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const source = fs.readFileSync(path.join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");
  await page.evaluate(source);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: object,
          ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(" ")),
    }));
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.targets.slice(0, 3).join(", ")}`);
}
