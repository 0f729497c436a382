import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { onTestFinished } from "vitest";
import { ARTIFACTS, CHROMIUM } from "./env";

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

/**
 * Debian's Chromium, headless, in a fresh profile. Every console error and uncaught page error of every page
 * in the browser is collected in `consoleErrors`, and fails the test that opened the browser when it ends,
 * unless it matches one of `allowConsoleErrors`: the errors a test provokes on purpose, such as Chromium's
 * "Failed to load resource: … status of 403" for a refusal it asks for.
 */
export async function openBrowser(
  options: { viewport?: { width: number; height: number }; allowConsoleErrors?: RegExp[] } = {},
) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "ita-chromium-"));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    viewport: options.viewport ?? PHONE,
    locale: "th-TH",
    timezoneId: "Asia/Bangkok",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const consoleErrors: string[] = [];
  const watch = (page: Page) => {
    page.on("console", (msg) => {
      if (msg.type() === "error") consoleErrors.push(`${page.url()}: ${msg.text()}`);
    });
    page.on("pageerror", (err) => consoleErrors.push(`${page.url()}: ${err.message}`));
  };
  context.pages().forEach(watch);
  context.on("page", watch);
  failOnConsoleErrors(consoleErrors, options.allowConsoleErrors ?? []);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    consoleErrors,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * When the current test ends (pass or fail), fails it if an error not allowed reached the console; the test's
 * own failure, if any, is kept. Outside a test (a benchmark), the caller reads consoleErrors itself.
 */
function failOnConsoleErrors(consoleErrors: readonly string[], allowed: readonly RegExp[]): void {
  try {
    onTestFinished(() => {
      const unexpected = consoleErrors.filter((error) => !allowed.some((pattern) => pattern.test(error)));
      if (unexpected.length)
        throw new Error(`console errors in the browser:\n  ${unexpected.join("\n  ")}`, { cause: consoleErrors });
    });
  } catch (error) {
    if (!/inside a test/.test((error as Error).message)) throw error;
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
