import crypto from "node:crypto";
import { expect, it } from "vitest";
import { formatThaiDate, todayIn } from "../../app/report";
import { saveOitAnswers } from "../../db/repositories/oit";
import { readFramework, randomAnswers, seededRandom } from "../support/answers";
import { useTestApp } from "../support/app";
import { DESKTOP, openBrowser, PHONE, screenshot } from "../support/browser";
import { createAgencyWithOfficer, createOfficialResult, type OfficerFixture } from "../support/factories";
import { seriousAxeViolations } from "./respondent-helpers";

// In Chromium: an officer signs in and lands on the dashboard of their open round, at phone and desktop size.
const fw = readFramework("ita-2565");
/** Twenty days after today in Bangkok (the server's time zone). */
const CLOSES_ON = new Date(Date.parse(`${todayIn("Asia/Bangkok")}T00:00:00Z`) + 20 * 86_400_000)
  .toISOString()
  .slice(0, 10);
let seed: OfficerFixture;
const { server } = useTestApp({
  seed: async (db) => {
    seed = await createAgencyWithOfficer(db);
    await db
      .updateTable("rounds")
      .set({ title: "รอบทดสอบแดชบอร์ด", closes_on: CLOSES_ON })
      .where("id", "=", seed.roundId)
      .execute();
    await db
      .insertInto("eit_channels")
      .values({
        id: crypto.randomUUID(),
        round_id: seed.roundId,
        key: "web",
        name: "เว็บไซต์หน่วยงาน",
        created_at: new Date().toISOString(),
      })
      .execute();
    await createOfficialResult(db, seed.agencyId, { fiscal_year: 2568 });
    // The worked example's OIT checklist: the first n items of each sub-indicator มี with a link, the rest ไม่มี.
    const yes: Record<string, number> = { "9.1": 7, "9.2": 2, "9.3": 7, "9.4": 4, "9.5": 2, "10.1": 3, "10.2": 1 };
    const inputs = fw.subindicators.flatMap((sub) =>
      fw.oitItems
        .filter((o) => o.subindicator === sub.id)
        .map((o, i) => ({
          item: o.id,
          has: i < yes[sub.id]!,
          urls: i < yes[sub.id]! ? [`https://example.go.th/ita/${o.id}`] : [],
          note: null,
          responsible: null,
        })),
    );
    const officer = await db.selectFrom("users").select("id").where("email", "=", seed.email).executeTakeFirstOrThrow();
    await saveOitAnswers(db, seed.roundId, inputs, { userId: officer.id, now: new Date().toISOString() });
  },
});

/** Answers through the public API, as respondents do. */
async function respond(instrument: "iit" | "eit", count: number, extra: Record<string, string>) {
  const random = seededRandom(instrument === "iit" ? 11 : 12);
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${server.url}/api/responses`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        round: seed.slug,
        instrument,
        answers: randomAnswers(fw, instrument === "iit" ? "IIT" : "EIT", random),
        submissionId: crypto.randomUUID(),
        ...extra,
      }),
    });
    expect(res.status).toBe(201);
  }
}

it("lands an officer on the dashboard after sign-in: samples, days left, OIT gaps, last year, points and next step", async () => {
  await respond("iit", 6, { pin: seed.pin });
  await respond("eit", 4, { channel: "web" });
  await respond("eit", 1, {});

  for (const [label, viewport] of [
    ["phone", PHONE],
    ["desktop", DESKTOP],
  ] as const) {
    const browser = await openBrowser({ viewport });
    const { page } = browser;
    try {
      await page.goto(`${server.url}/login`);
      await page.locator('input[name="email"]').fill(seed.email);
      await page.locator('input[name="password"]').fill(seed.password);
      await page.locator('form button[type="submit"]').last().click();
      await page.waitForURL(new RegExp(`^${server.url}/admin$`));
      await page.locator("h1", { hasText: "ภาพรวมการประเมิน" }).waitFor();

      const card = page.getByTestId("dashboard-round");
      expect(await card.count()).toBe(1);
      expect(await card.locator("h2").textContent()).toBe("ปีงบประมาณ 2569 · รอบทดสอบแดชบอร์ด");
      expect(await page.getByTestId("days-left").textContent()).toBe(`ปิดรับ ${formatThaiDate(CLOSES_ON)} · อีก 20 วัน`);
      expect(await page.getByTestId("count-iit").textContent()).toBe("6");
      expect(await page.getByTestId("count-eit").textContent()).toBe("5");
      expect(await page.locator('[data-channel="web"] td').first().textContent()).toBe("4");
      expect(await page.locator('[data-channel=""] td').first().textContent()).toBe("1");
      expect(await page.getByTestId("oit-gaps").textContent()).toContain(
        "ยังไม่ได้คะแนน 17 จาก 43 ข้อ (ไม่มี 17 · ขาดลิงก์หลักฐาน 0 · ยังไม่ตอบ 0)",
      );
      expect(await page.getByRole("link", { name: "เปิดแบบตรวจ OIT" }).getAttribute("href")).toBe(
        `/admin/rounds/${seed.roundId}/oit`,
      );
      const comparison = page.getByTestId("comparison");
      expect(await comparison.locator("thead").textContent()).toContain("ผลทางการ 2568");
      expect(await comparison.locator("tbody tr").nth(2).textContent()).toContain("79.64 (B)");
      expect(await page.getByTestId("this-oit").textContent()).toBe("56.15");
      expect(await page.getByTestId("this-total").textContent()).toBe("รอผล IIT เมื่อปิดรอบ");
      const points = page.getByTestId("points").locator("li");
      expect(await points.first().textContent()).toMatch(/^\+5\.00 O43 /);
      expect(await points.count()).toBe(8);
      expect(await page.getByTestId("next-step").textContent()).toContain(
        "แบบ OIT ยังขาดอีก 17 ข้อ กรอกแบบตรวจ OIT พร้อมลิงก์หลักฐาน",
      );
      // Nothing scrolls sideways at either size.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await screenshot(page, `dashboard-${label}`);

      if (label === "desktop") {
        // In English, the same page speaks English.
        await browser.context.addCookies([{ name: "lang", value: "en", url: server.url }]);
        await page.goto(`${server.url}/admin`);
        await page.locator("h1", { hasText: "Dashboard" }).waitFor();
        expect(await page.getByTestId("this-total").textContent()).toBe("Awaits the IIT, released at close");
        await screenshot(page, "dashboard-desktop-en");
      }
    } finally {
      await browser.close();
    }
  }
});
