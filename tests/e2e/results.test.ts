import crypto from "node:crypto";
import { expect, it } from "vitest";
import { round2, scoreAnswers, type Answers } from "../../app/ita/index";
import { signIn, useTestApp } from "../support/app";
import { randomAnswers, readFramework, seededRandom } from "../support/answers";
import { DESKTOP, openBrowser, PHONE, screenshot } from "../support/browser";
import { createAgencyWithOfficer, createUser, type OfficerFixture } from "../support/factories";
import { setRoundStatus } from "../support/round-status";
import { answerAllPages, COMPLETE } from "./respondent-helpers";

const fw = readFramework();
const random = seededRandom(2565);
let seed: OfficerFixture;
const viewer = { email: "viewer-results@agency.go.th", password: "viewer-password-1" };
const iit: Answers[] = [];
const { server, db } = useTestApp({
  seed: async (db) => {
    seed = await createAgencyWithOfficer(db, { role: "admin" });
    await createUser(db, "viewer", seed.agencyId, { name: "ผู้ดูผล", ...viewer });
  },
});

async function post(instrument: "iit" | "eit", answers: Answers, extra: Record<string, unknown> = {}) {
  const res = await fetch(`${server.url}/api/responses`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ round: seed.slug, instrument, answers, submissionId: crypto.randomUUID(), ...extra }),
  });
  expect(res.status).toBe(201);
  if (instrument === "iit") iit.push(answers);
}

it("shows responses answered in the questionnaire on the results page with the scoring module's scores once the round closed, to a viewer", async () => {
  const respondent = await openBrowser({ viewport: PHONE });
  try {
    await respondent.page.goto(`${server.url}/s/${seed.slug}`);
    await answerAllPages(respondent.page);
    await respondent.page.locator(COMPLETE).click();
    await respondent.page.getByRole("heading", { name: "ขอบคุณที่สละเวลาตอบแบบสอบถาม" }).waitFor();
  } finally {
    await respondent.close();
  }
  for (let i = 0; i < 2; i++) await post("eit", randomAnswers(fw, "EIT", random));
  for (let i = 0; i < 5; i++)
    await post("iit", { ...randomAnswers(fw, "IIT", random), comment: `ความเห็น ${i + 1}` }, { pin: seed.pin });
  // IIT figures exist only from the release made when the round closes (issue 13).
  const admin = await signIn(server, seed.email, seed.password);
  expect(await setRoundStatus(server, admin, db, seed.roundId, "closed")).toBe(302);

  const stored = await db.selectFrom("eit_responses").select("answers").where("round_id", "=", seed.roundId).execute();
  expect(stored).toHaveLength(3);
  const eit = scoreAnswers(
    fw,
    "EIT",
    stored.map((r) => JSON.parse(r.answers) as Answers),
  );
  const expected = { ...scoreAnswers(fw, "IIT", iit).indicators, ...eit.indicators };

  for (const [label, viewport] of [
    ["phone", PHONE],
    ["desktop", DESKTOP],
  ] as const) {
    const browser = await openBrowser({ viewport });
    try {
      const { page } = browser;
      await page.goto(`${server.url}/admin/rounds/${seed.roundId}/results`);
      await page.waitForURL(/\/login/);
      await page.fill("#email", viewer.email);
      await page.fill("#password", viewer.password);
      await page.press("#password", "Enter");
      await page.waitForURL(/\/results$/);
      await page.getByRole("heading", { name: /ผลการประเมิน ITA/ }).waitFor();
      for (let n = 1; n <= 8; n++) {
        const cell = page.locator(`[data-testid=ranking] tr[data-indicator="${n}"] td`).nth(3);
        expect(await cell.textContent()).toBe(round2(expected[n]!).toFixed(2));
      }
      expect(await page.locator("[data-testid=provisional]").textContent()).toBe("ผลเบื้องต้น");
      expect(await page.locator("[data-testid=withheld]").textContent()).toContain("ตัวชี้วัดที่ 9, 10");
      expect(await page.locator("svg.score-chart rect").count()).toBe(8);
      expect(await page.getByTestId("iit-release-state").textContent()).toContain("ประกาศผลครั้งเดียวเมื่อปิดรอบ");
      expect(await page.getByTestId("iit-access-counts").textContent()).toContain("ด้วยรหัส PIN 5");
      expect((await page.locator("[data-testid=iit-comments] li").allTextContents()).sort()).toEqual(
        [1, 2, 3, 4, 5].map((i) => `ความเห็น ${i}`),
      );
      await screenshot(page, `results-${label}`);

      // The drill-down of the EIT indicator lists its lowest question first.
      const questions = fw.items.EIT.filter((q) => q.indicator === 6).map((q) => ({
        id: q.id,
        score: eit.questions[q.id]!.score,
      }));
      const lowest = [...questions].sort(
        (a, b) => a.score - b.score || a.id.localeCompare(b.id, "en", { numeric: true }),
      )[0]!;
      await page.locator(`[data-testid=ranking] tr[data-indicator="6"] a`).click();
      await page.waitForURL(/\/results\/6$/);
      const first = page.locator("[data-testid=questions] > li").first();
      expect(await first.getAttribute("data-item")).toBe(lowest.id);
      expect(await first.locator("h3").textContent()).toContain(round2(lowest.score).toFixed(2));
      expect(await page.locator("[data-testid=channels] tbody tr").count()).toBeGreaterThan(0);
      await screenshot(page, `results-drilldown-${label}`);
    } finally {
      await browser.close();
    }
  }
});

it("sends a visitor who opens the results page to the sign-in page, showing no score", async () => {
  const browser = await openBrowser({ viewport: PHONE });
  try {
    const response = await browser.page.goto(`${server.url}/admin/rounds/${seed.roundId}/results`);
    expect(browser.page.url()).toMatch(/\/login\?next=/);
    const html = (await response?.text()) ?? "";
    expect(html).not.toContain('data-testid="ranking"');
  } finally {
    await browser.close();
  }
});
