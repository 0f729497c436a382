// The weight a citizen's phone pays for the whole EIT walk (page, scripts, styles, fonts, the
// submission), as bytes on the wire, and the time until the survey is usable on a 4G-like link
// (5 Mbit/s down, 1 Mbit/s up, 40 ms latency, Chromium's network emulation). Needs a build:
// `npm run build` (or BUILD_DIR=…), Debian's Chromium and nothing else (a temporary SQLite file).
import { createDb } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import { openBrowser, PHONE } from "../tests/support/browser";
import { createTestDatabase } from "../tests/support/databases";
import { createAgencyWithRound } from "../tests/support/factories";
import { startServer } from "../tests/support/server";
import { answerAllPages, COMPLETE } from "../tests/e2e/respondent-helpers";
import { report } from "./lib/summary";

const TARGET_BYTES = 600 * 1024;
const TARGET_USABLE_MS = 3000;
const PROFILE = { latency: 40, downloadThroughput: 5_000_000 / 8, uploadThroughput: 1_000_000 / 8 };

type Category = "document" | "script" | "stylesheet" | "font" | "submission" | "other";

function categorise(type: string, url: string, method: string): Category {
  if (url.endsWith("/api/responses") && method === "POST") return "submission";
  if (type === "Document") return "document";
  if (type === "Script") return "script";
  if (type === "Stylesheet") return "stylesheet";
  if (type === "Font") return "font";
  return "other";
}

export async function measureEitWalk(): Promise<{
  bytes: Record<Category | "total", number>;
  usableMs: number;
  requests: number;
}> {
  const database = await createTestDatabase("sqlite");
  const db = createDb(database.url);
  await migrateToLatest(db);
  const round = await createAgencyWithRound(db);
  await db.destroy();
  const server = await startServer({ databaseUrl: database.url });
  const browser = await openBrowser({ viewport: PHONE });
  try {
    const { page, context } = browser;
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", { offline: false, ...PROFILE });
    // Bytes down per request (encodedDataLength: headers and body as sent) plus the bytes of a request body going up.
    const requests = new Map<string, { category: Category; bytes: number; up: number; done: boolean; url: string }>();
    cdp.on("Network.requestWillBeSent", (e) => {
      const up = e.request.postData ? Buffer.byteLength(e.request.postData) : 0;
      const category = categorise(e.type ?? "", e.request.url, e.request.method);
      requests.set(e.requestId, { category, bytes: 0, up, done: false, url: `${e.request.method} ${e.request.url}` });
    });
    cdp.on("Network.responseReceived", (e) => {
      const r = requests.get(e.requestId);
      if (r && !r.done) r.bytes = Math.max(r.bytes, e.response.encodedDataLength);
    });
    cdp.on("Network.loadingFinished", (e) => {
      const r = requests.get(e.requestId);
      if (r) Object.assign(r, { bytes: Math.max(r.bytes, e.encodedDataLength), done: true });
    });

    const started = Date.now();
    await page.goto(`${server.url}/s/${round.slug}`, { waitUntil: "commit" });
    await page.locator("[data-survey-ready] .sd-page input[type=radio]").first().waitFor({ timeout: 60_000 });
    const usableMs = Date.now() - started;

    await answerAllPages(page);
    await page.locator(COMPLETE).click();
    await page.getByRole("heading", { name: "ขอบคุณที่สละเวลาตอบแบบสอบถาม" }).waitFor({ timeout: 30_000 });
    for (let i = 0; i < 50 && [...requests.values()].some((r) => !r.done); i++) await page.waitForTimeout(100);

    const bytes = { document: 0, script: 0, stylesheet: 0, font: 0, submission: 0, other: 0, total: 0 };
    for (const r of requests.values()) {
      if (process.env.BENCH_VERBOSE) console.log(r.category, r.bytes, r.up, r.url);
      bytes[r.category] += r.bytes + r.up;
      bytes.total += r.bytes + r.up;
    }
    return { bytes, usableMs, requests: requests.size };
  } finally {
    await browser.close();
    await server.stop();
    await database.drop();
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await measureEitWalk();
  console.log("EIT walk on a phone (cold cache, 5/1 Mbit/s, 40 ms):");
  for (const [name, value] of Object.entries(result.bytes))
    console.log(`  ${name.padEnd(11)} ${kb(value).padStart(10)}`);
  console.log(`  requests    ${String(result.requests).padStart(10)}`);
  console.log(
    `  transferred ${kb(result.bytes.total)} (target ≤ ${kb(TARGET_BYTES)}): ${result.bytes.total <= TARGET_BYTES ? "met" : "MISSED"}`,
  );
  console.log(
    `  usable after ${result.usableMs} ms (target ≤ ${TARGET_USABLE_MS} ms): ${result.usableMs <= TARGET_USABLE_MS ? "met" : "MISSED"}`,
  );
  report(
    {
      measure: "EIT walk weight on a phone (cold cache)",
      value: kb(result.bytes.total),
      target: `≤ ${kb(TARGET_BYTES)}`,
      note: `${result.requests} requests`,
    },
    {
      measure: "EIT walk usable after (5/1 Mbit/s, 40 ms)",
      value: `${result.usableMs} ms`,
      target: `≤ ${TARGET_USABLE_MS} ms`,
    },
  );
}
