// What a citizen's phone pays for the EIT, on two links (Chromium's network and CPU emulation, cold cache):
//  - "4G": 5 Mbit/s down, 1 Mbit/s up, 40 ms latency, the CPU as it is;
//  - "slow phone": 1.6 Mbit/s down, 750 kbit/s up, 150 ms latency, the CPU slowed 4× (Lighthouse's mobile profile).
// For each: the bytes on the wire of the whole EIT walk (page, scripts, styles, fonts, the submission), the time
// until the first page shows its questions ("shown": painted from the server's HTML; from then on a choice or a
// comment is kept, decision 0013) and until SurveyJS runs ("usable": a tap on "next" turns the page). Then
// Lighthouse 12's mobile scores (performance, accessibility, best practices; FCP, LCP, TTI, TBT, bytes) of the
// home, EIT and IIT pages. Needs a build (`npm run build`, or BUILD_DIR=…), Debian's Chromium and nothing else (a
// temporary SQLite file). Options: `--profile 4g|slow` (one profile only), `--no-lighthouse`, `--lighthouse-only`,
// `--pages home,eit,iit` (Lighthouse on these only).
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { createDb } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import { openBrowser, PHONE } from "../tests/support/browser";
import { createTestDatabase } from "../tests/support/databases";
import { CHROMIUM } from "../tests/support/env";
import { createAgencyWithRound } from "../tests/support/factories";
import { startServer } from "../tests/support/server";
import { answerAllPages, COMPLETE } from "../tests/e2e/respondent-helpers";
import { report } from "./lib/summary";

const TARGET_BYTES = 600 * 1024;

type Profile = {
  name: string;
  label: string;
  latency: number;
  downloadThroughput: number;
  uploadThroughput: number;
  cpu: number;
  targetUsableMs: number;
};

export const PROFILES: Profile[] = [
  {
    name: "4g",
    label: "5/1 Mbit/s, 40 ms",
    latency: 40,
    downloadThroughput: 5_000_000 / 8,
    uploadThroughput: 1_000_000 / 8,
    cpu: 1,
    targetUsableMs: 1500,
  },
  {
    name: "slow",
    label: "1.6 Mbit/s / 750 kbit/s, 150 ms, CPU 4×",
    latency: 150,
    downloadThroughput: 1_600_000 / 8,
    uploadThroughput: 750_000 / 8,
    cpu: 4,
    targetUsableMs: 3000,
  },
];

type Category = "document" | "script" | "stylesheet" | "font" | "submission" | "other";

function categorise(type: string, url: string, method: string): Category {
  if (url.endsWith("/api/responses") && method === "POST") return "submission";
  if (type === "Document") return "document";
  if (type === "Script") return "script";
  if (type === "Stylesheet") return "stylesheet";
  if (type === "Font") return "font";
  return "other";
}

type Walk = {
  bytes: Record<Category | "total", number>;
  /** The first page's questions painted (server-rendered; a choice made from then on is kept). */
  shownMs: number;
  /** SurveyJS running: the page turns at a tap. */
  usableMs: number;
  requests: number;
};

export async function measureEitWalk(baseUrl: string, slug: string, profile: Profile): Promise<Walk> {
  const browser = await openBrowser({ viewport: PHONE });
  try {
    const { page, context } = browser;
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: profile.latency,
      downloadThroughput: profile.downloadThroughput,
      uploadThroughput: profile.uploadThroughput,
    });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: profile.cpu });
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

    // Both times from the start of the navigation (the page's own clock), polled every 25 ms.
    await page.goto(`${baseUrl}/s/${slug}`, { waitUntil: "commit" });
    const shownMs = await (
      await page.waitForFunction(
        () =>
          document.querySelector(".sd-page input[type=radio]") !== null &&
          performance.getEntriesByName("first-contentful-paint").length > 0 &&
          performance.now(),
        null,
        { polling: 25, timeout: 60_000 },
      )
    ).jsonValue();
    const usableMs = await (
      await page.waitForFunction(
        () => document.querySelector("[data-survey-ready] .sd-page input[type=radio]") !== null && performance.now(),
        null,
        { polling: 25, timeout: 60_000 },
      )
    ).jsonValue();

    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 }); // the walk's clicks need no slow CPU
    await answerAllPages(page);
    await page.locator(COMPLETE).click();
    await page.getByRole("heading", { name: "ขอบคุณที่สละเวลาตอบแบบสอบถาม" }).waitFor({ timeout: 60_000 });
    for (let i = 0; i < 50 && [...requests.values()].some((r) => !r.done); i++) await page.waitForTimeout(100);

    const bytes = { document: 0, script: 0, stylesheet: 0, font: 0, submission: 0, other: 0, total: 0 };
    for (const r of requests.values()) {
      if (process.env.BENCH_VERBOSE) console.log(r.category, r.bytes, r.up, r.url);
      bytes[r.category] += r.bytes + r.up;
      bytes.total += r.bytes + r.up;
    }
    return {
      bytes,
      shownMs: Math.round(Number(shownMs)),
      usableMs: Math.round(Number(usableMs)),
      requests: requests.size,
    };
  } finally {
    await browser.close();
  }
}

type Scores = {
  performance: number;
  accessibility: number;
  bestPractices: number;
  fcpMs: number;
  lcpMs: number;
  ttiMs: number;
  tbtMs: number;
  bytes: number;
  renderBlocking: string[];
};

/** Lighthouse 12 with its mobile defaults (simulated 1.6 Mbit/s, 150 ms, CPU 4×; Moto G Power screen), cold. */
export async function lighthouseScores(url: string): Promise<Scores> {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--lang=th-TH"],
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility", "best-practices"],
    });
    if (!result) throw new Error(`lighthouse gave no result for ${url}`);
    if (result.lhr.runtimeError)
      console.log(`  (lighthouse: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message})`);
    const { categories, audits } = result.lhr;
    const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
    const ms = (id: string) => Math.round(audits[id]?.numericValue ?? NaN);
    const blocking = (audits["render-blocking-insight"]?.details ?? audits["render-blocking-resources"]?.details) as
      { items?: { url?: string; wastedMs?: number }[] } | undefined;
    return {
      performance: score("performance"),
      accessibility: score("accessibility"),
      bestPractices: score("best-practices"),
      fcpMs: ms("first-contentful-paint"),
      lcpMs: ms("largest-contentful-paint"),
      ttiMs: ms("interactive"),
      tbtMs: ms("total-blocking-time"),
      bytes: Math.round(audits["total-byte-weight"]?.numericValue ?? NaN),
      renderBlocking: (blocking?.items ?? [])
        .filter((i) => i.url)
        .map((i) => `${new URL(i.url!).pathname}${i.wastedMs ? ` (~${Math.round(i.wastedMs)} ms)` : ""}`),
    };
  } finally {
    chrome.kill();
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const met = (ok: boolean) => (ok ? "met" : "MISSED");

if (import.meta.url === `file://${process.argv[1]}`) {
  const argv = process.argv.slice(2);
  const only = argv.includes("--profile") ? argv[argv.indexOf("--profile") + 1] : undefined;
  const withWalk = !argv.includes("--lighthouse-only");
  const withLighthouse = !argv.includes("--no-lighthouse");

  const database = await createTestDatabase("sqlite");
  const db = createDb(database.url);
  await migrateToLatest(db);
  const round = await createAgencyWithRound(db);
  await db.destroy();
  const server = await startServer({ databaseUrl: database.url });
  try {
    if (withWalk) {
      for (const profile of PROFILES.filter((p) => !only || p.name === only)) {
        const result = await measureEitWalk(server.url, round.slug, profile);
        console.log(`EIT walk on a phone (cold cache, ${profile.label}):`);
        for (const [name, value] of Object.entries(result.bytes))
          console.log(`  ${name.padEnd(11)} ${kb(value).padStart(10)}`);
        console.log(`  requests    ${String(result.requests).padStart(10)}`);
        console.log(
          `  transferred ${kb(result.bytes.total)} (target ≤ ${kb(TARGET_BYTES)}): ${met(result.bytes.total <= TARGET_BYTES)}`,
        );
        console.log(`  questions shown after ${result.shownMs} ms`);
        console.log(
          `  usable after ${result.usableMs} ms (target ≤ ${profile.targetUsableMs} ms): ${met(result.usableMs <= profile.targetUsableMs)}`,
        );
        const rows = [
          {
            measure: `EIT walk usable after (${profile.label})`,
            value: `${result.usableMs} ms`,
            target: `≤ ${profile.targetUsableMs} ms`,
            note: `questions shown after ${result.shownMs} ms`,
          },
        ];
        if (profile.name === "4g")
          rows.unshift({
            measure: "EIT walk weight on a phone (cold cache)",
            value: kb(result.bytes.total),
            target: `≤ ${kb(TARGET_BYTES)}`,
            note: `${result.requests} requests; scripts ${kb(result.bytes.script)}`,
          });
        report(...rows);
      }
    }
    if (withLighthouse) {
      const pages = [
        ["home", "/"],
        ["EIT", `/s/${round.slug}`],
        ["IIT", `/s/${round.slug}/iit`],
      ] as const;
      console.log("\nLighthouse 12, mobile (simulated 1.6 Mbit/s, 150 ms, CPU 4×), cold:");
      console.log("  page  perf  a11y  best   FCP ms   LCP ms   TTI ms  TBT ms    bytes");
      const onlyPages = argv.includes("--pages") ? argv[argv.indexOf("--pages") + 1]!.split(",") : null;
      for (const [name, path] of pages.filter(([n]) => !onlyPages || onlyPages.includes(n.toLowerCase()))) {
        const s = await lighthouseScores(`${server.url}${path}`);
        console.log(
          `  ${name.padEnd(4)}  ${String(s.performance).padStart(4)}  ${String(s.accessibility).padStart(4)}  ${String(s.bestPractices).padStart(4)}` +
            `  ${String(s.fcpMs).padStart(7)}  ${String(s.lcpMs).padStart(7)}  ${String(s.ttiMs).padStart(7)}  ${String(s.tbtMs).padStart(6)}  ${kb(s.bytes).padStart(9)}`,
        );
        if (s.renderBlocking.length) console.log(`        render-blocking: ${s.renderBlocking.join(", ")}`);
        report({
          measure: `Lighthouse mobile, ${name} page`,
          value: `perf ${s.performance}, a11y ${s.accessibility}, best ${s.bestPractices}`,
          target: name === "EIT" ? "perf ≥ 95, FCP ≤ 1,800 ms, a11y 100" : "",
          note: `FCP ${s.fcpMs} ms, LCP ${s.lcpMs} ms, TTI ${s.ttiMs} ms, TBT ${s.tbtMs} ms, ${kb(s.bytes)}`,
        });
      }
    }
  } finally {
    await server.stop();
    await database.drop();
  }
}
