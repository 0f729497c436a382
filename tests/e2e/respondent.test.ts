import { describe, expect, it } from "vitest";
import { insertIitCodes, upsertEitChannel } from "../../db/repositories/round-access";
import { useTestApp } from "../support/app";
import { DESKTOP, openBrowser, PHONE, screenshot } from "../support/browser";
import { createAgencyWithRound, type RoundFixture } from "../support/factories";
import { iitBody, submit, type LoadRound } from "../support/load";
import type { Page } from "playwright-core";
import {
  answerAllPages,
  answerVisiblePage,
  COMPLETE,
  goNext,
  pageTitle,
  PREV,
  seriousAxeViolations,
} from "./respondent-helpers";

// A citizen at a counter and a staff member at their desk, on a 390×844 phone in Chromium,
// against the built server and a real SQLite file.
let eitRound: RoundFixture;
let codesRound: RoundFixture;
let pinRound: RoundFixture;
let codes: string[];

const KIOSK_IDLE_SECONDS = 10;

const { server, db } = useTestApp({
  env: { KIOSK_IDLE_SECONDS: String(KIOSK_IDLE_SECONDS) },
  seed: async (db) => {
    eitRound = await createAgencyWithRound(db, { agency: { name_th: "องค์การบริหารส่วนตำบลทดสอบหน้าผู้ตอบ" } });
    codesRound = await createAgencyWithRound(db, { round: { iit_access: "codes", pin: null } });
    pinRound = await createAgencyWithRound(db, { round: { iit_access: "pin", pin: "482915" } });
    await upsertEitChannel(db, { roundId: eitRound.roundId, key: "counter-1", name: "เคาน์เตอร์ 1", kiosk: false });
    await upsertEitChannel(db, { roundId: eitRound.roundId, key: "lobby", name: "ตู้ตอบแบบสอบถามหน้าอาคาร", kiosk: true });
    codes = await insertIitCodes(db, codesRound.roundId, 4);
    await createAgencyWithRound(db, { round: { slug: "closedround", status: "closed" } });
    await createAgencyWithRound(db, { round: { slug: "draftround", status: "draft" } });
  },
});

async function eitRows(roundId: string) {
  return db
    .selectFrom("eit_responses")
    .select(["channel", "respondent_type", "answers"])
    .where("round_id", "=", roundId)
    .execute();
}
/** The text progress above the questionnaire and its progressbar's value. */
async function progress(page: Page) {
  const text = ((await page.locator(".survey-progress-text").textContent()) ?? "").trim();
  const bar = page.getByRole("progressbar");
  return { text, now: await bar.getAttribute("aria-valuenow"), max: await bar.getAttribute("aria-valuemax") };
}

async function iitCount(roundId: string) {
  const rows = await db.selectFrom("iit_responses").select("id").where("round_id", "=", roundId).execute();
  return rows.length;
}

describe("the EIT by QR code", () => {
  it("lets a citizen answer every page from a channel link, shows the thank-you only after storing, and records the channel", async () => {
    const browser = await openBrowser({ viewport: PHONE });
    try {
      const { page } = browser;
      const apiCalls: number[] = [];
      page.on("response", (r) => r.url().endsWith("/api/responses") && apiCalls.push(r.status()));
      await page.goto(`${server.url}/s/${eitRound.slug}?c=counter-1`);
      await page.locator(".sd-page").waitFor();
      await expect(page.locator("h1").textContent()).resolves.toContain("EIT");
      await expect(page.locator("body").textContent()).resolves.toContain("องค์การบริหารส่วนตำบลทดสอบหน้าผู้ตอบ");
      await expect(page.locator(".privacy").textContent()).resolves.toContain("ไม่เก็บชื่อ");
      expect(await progress(page)).toEqual({ text: "หน้า 1 จาก 5", now: "1", max: "5" });
      expect(await page.locator(".sd-progress-buttons").count()).toBe(0); // SurveyJS's dots show three steps at 390 px
      await screenshot(page, "respondent-eit-first-phone");
      expect(await seriousAxeViolations(page)).toEqual([]);

      const titles = await answerAllPages(page);
      expect(titles).toEqual([
        "เกี่ยวกับท่าน",
        "ตัวชี้วัดที่ 6 คุณภาพการดำเนินงาน",
        "ตัวชี้วัดที่ 7 ประสิทธิภาพการสื่อสาร",
        "ตัวชี้วัดที่ 8 การปรับปรุงระบบการทำงาน",
        "ข้อเสนอแนะ",
      ]);
      await page.locator(".sd-page textarea").fill("บริการดีมาก ขอบคุณค่ะ");
      expect(await progress(page)).toEqual({ text: "หน้า 5 จาก 5", now: "5", max: "5" });
      await screenshot(page, "respondent-eit-last-phone");
      expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("ita:eit:")).length)).toBe(
        1,
      );
      await page.locator(COMPLETE).click();
      await page.getByRole("heading", { name: "ขอบคุณที่สละเวลาตอบแบบสอบถาม" }).waitFor();
      expect(apiCalls).toEqual([201]);
      await screenshot(page, "respondent-eit-thanks-phone");
      expect(await seriousAxeViolations(page)).toEqual([]);
      expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("ita:eit:")).length)).toBe(
        0,
      );

      const rows = await eitRows(eitRound.roundId);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.channel).toBe("counter-1");
      expect(rows[0]!.respondent_type).toBe("service");
      const answers = JSON.parse(rows[0]!.answers);
      expect(answers.e1).toEqual({ "1": 3, "2": 3 });
      expect(answers.e8).toBe(1);
      expect(answers.comment).toBe("บริการดีมาก ขอบคุณค่ะ");
    } finally {
      await browser.close();
    }
  });

  it("keeps the answers and the page across a reload half-way", async () => {
    const browser = await openBrowser({ viewport: PHONE });
    try {
      const { page } = browser;
      await page.goto(`${server.url}/s/${eitRound.slug}`);
      await answerVisiblePage(page, 1); // ผู้มาติดต่อราชการ
      await goNext(page);
      expect((await progress(page)).text).toBe("หน้า 2 จาก 5");
      await screenshot(page, "respondent-eit-progress-phone");
      await answerVisiblePage(page, 2);
      await goNext(page);
      expect(await pageTitle(page)).toBe("ตัวชี้วัดที่ 7 ประสิทธิภาพการสื่อสาร");
      await page.reload();
      await page.waitForFunction(() => document.querySelector(".sd-page__title")?.textContent?.includes("ตัวชี้วัดที่ 7"));
      expect(await progress(page)).toEqual({ text: "หน้า 3 จาก 5", now: "3", max: "5" });
      await page.locator(PREV).click();
      await page.waitForFunction(() => document.querySelector(".sd-page__title")?.textContent?.includes("ตัวชี้วัดที่ 6"));
      const checked = await page.$$eval(".sd-page input[type=radio]:checked", (list) => list.length);
      expect(checked).toBe(2 + 1 + 1 + 3 + 1); // e1 rows, e2, e3, e4 rows, e5
      await page.locator(PREV).click();
      await page.waitForFunction(() => document.querySelector(".sd-page__title")?.textContent?.includes("เกี่ยวกับท่าน"));
      expect(await page.locator('.sd-page input[type=radio][value="contact"]').isChecked()).toBe(true);

      await page.getByRole("button", { name: "ล้างคำตอบที่บันทึกไว้" }).click();
      await page.getByRole("button", { name: "ยืนยัน ล้างคำตอบ" }).click();
      await page.locator(".sd-page").waitFor();
      expect(await page.$$eval(".sd-page input[type=radio]:checked", (list) => list.length)).toBe(0);
      expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("ita:")).length)).toBe(0);
    } finally {
      await browser.close();
    }
  });

  it("says so when the network is cut at submit and stores exactly one response on retry", async () => {
    const before = (await eitRows(eitRound.roundId)).length;
    // The failed fetch is the only console error a cut network may leave.
    const browser = await openBrowser({
      viewport: PHONE,
      allowConsoleErrors: [/Failed to (load resource|fetch)|ERR_INTERNET_DISCONNECTED/],
    });
    try {
      const { page, context } = browser;
      await page.goto(`${server.url}/s/${eitRound.slug}?c=counter-1`);
      await answerAllPages(page);
      await context.setOffline(true);
      await page.locator(COMPLETE).click();
      await page.getByRole("heading", { name: "ส่งไม่สำเร็จ — ลองใหม่" }).waitFor();
      await screenshot(page, "respondent-eit-offline-phone");
      expect(await page.getByText("ขอบคุณที่สละเวลา").count()).toBe(0);
      const saved = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("ita:eit:")).length);
      expect(saved).toBe(1);
      await context.setOffline(false);
      const retry = page.getByRole("button", { name: "ลองส่งอีกครั้ง" });
      if (await retry.isVisible()) await retry.click().catch(() => {});
      await page.getByRole("heading", { name: "ขอบคุณที่สละเวลาตอบแบบสอบถาม" }).waitFor();
      expect((await eitRows(eitRound.roundId)).length).toBe(before + 1);
    } finally {
      await browser.close();
    }
  });

  it("returns a kiosk to a fresh questionnaire after idle time and after the thank-you, keeping nothing", async () => {
    const browser = await openBrowser({ viewport: PHONE });
    try {
      const { page } = browser;
      await page.goto(`${server.url}/s/${eitRound.slug}?c=lobby`);
      await answerVisiblePage(page);
      await goNext(page);
      await answerVisiblePage(page);
      expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
      expect(await page.getByRole("button", { name: "ล้างคำตอบที่บันทึกไว้" }).count()).toBe(0);
      await page.waitForFunction(
        () => document.querySelector(".sd-page__title")?.textContent?.includes("เกี่ยวกับท่าน"),
        null,
        {
          timeout: (KIOSK_IDLE_SECONDS + 5) * 1000,
        },
      );
      expect(await page.$$eval(".sd-page input[type=radio]:checked", (list) => list.length)).toBe(0);

      await answerAllPages(page);
      await page.locator(COMPLETE).click();
      await page.getByRole("heading", { name: "ขอบคุณที่สละเวลาตอบแบบสอบถาม" }).waitFor();
      await screenshot(page, "respondent-kiosk-thanks-phone");
      await page.waitForFunction(
        () => document.querySelector(".sd-page__title")?.textContent?.includes("เกี่ยวกับท่าน"),
        null,
        {
          timeout: 20_000,
        },
      );
      expect(await page.$$eval(".sd-page input[type=radio]:checked", (list) => list.length)).toBe(0);
      expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
      const rows = await eitRows(eitRound.roundId);
      expect(rows.filter((r) => r.channel === "lobby")).toHaveLength(1);
    } finally {
      await browser.close();
    }
  });
});

describe("the IIT for staff", () => {
  const asLoadRound = (round: RoundFixture): LoadRound => ({ ...round, channel: "", codes: [] });

  it("accepts a one-time code from the link's fragment once, and refuses the used code at the access step the second time", async () => {
    const code = codes[0]!;
    for (const attempt of [1, 2]) {
      // The second time, the access check refuses the used code with 409, which Chromium logs as an error.
      const browser = await openBrowser({
        viewport: PHONE,
        allowConsoleErrors: attempt === 2 ? [/status of 409/] : [],
      });
      try {
        const { page } = browser;
        const requests: string[] = [];
        page.on("request", (r) => requests.push(r.url()));
        await page.goto(`${server.url}/s/${codesRound.slug}/iit#${code}`);
        if (attempt === 2) {
          // Found before a single question is answered, with the form to enter another code.
          const refusal = page.locator("#iit-access-error");
          await refusal.waitFor();
          expect(await refusal.textContent()).toBe("รหัสเข้าตอบนี้ถูกใช้ไปแล้ว");
          expect(await page.locator(".sd-page").count()).toBe(0);
          expect(await page.getByLabel("รหัสสำหรับตอบแบบสอบถาม (ใช้ได้ครั้งเดียว)").isVisible()).toBe(true);
          expect(new URL(page.url()).hash).toBe("");
          expect(requests.some((u) => u.includes(code))).toBe(false);
          await screenshot(page, "respondent-iit-code-used-phone");
          expect(await seriousAxeViolations(page)).toEqual([]);
          expect(await iitCount(codesRound.roundId)).toBe(1);
          break;
        }
        await page.locator(".sd-page").waitFor();
        expect(new URL(page.url()).hash).toBe("");
        expect(requests.some((u) => u.includes(code))).toBe(false);
        const intro = (await page.locator(".sd-page").textContent()) ?? "";
        expect(intro).toContain("1 ปี");
        expect(intro).toContain("ไม่ต้องระบุชื่อ");
        expect(await progress(page)).toEqual({ text: "หน้า 1 จาก 7", now: "1", max: "7" });
        await screenshot(page, "respondent-iit-intro-phone");
        expect(await seriousAxeViolations(page)).toEqual([]);
        const titles = await answerAllPages(page);
        expect(titles).toHaveLength(7);
        expect((await progress(page)).text).toBe("หน้า 7 จาก 7");
        expect(await page.evaluate(() => Object.keys(sessionStorage).some((k) => k.startsWith("ita:iit:")))).toBe(true);
        expect(await page.evaluate(() => Object.keys(localStorage).length)).toBe(0);
        await page.locator(COMPLETE).click();
        await page.getByRole("heading", { name: "ขอบคุณที่สละเวลาตอบแบบสอบถาม" }).waitFor();
        expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("ita:")).length)).toBe(
          0,
        );
        expect(await iitCount(codesRound.roundId)).toBe(1);
      } finally {
        await browser.close();
      }
    }
  });

  it("offers to enter another code when the code was spent meanwhile, and sends the kept answers with the same submissionId", async () => {
    const before = await iitCount(codesRound.roundId);
    const browser = await openBrowser({ viewport: PHONE, allowConsoleErrors: [/status of 409/] });
    try {
      const { page } = browser;
      const sent: { id: string; code: string; status: number }[] = [];
      page.on("response", async (r) => {
        if (!r.url().endsWith("/api/responses")) return;
        const body = JSON.parse(r.request().postData() ?? "{}");
        sent.push({ id: body.submissionId, code: body.accessCode, status: r.status() });
      });
      await page.goto(`${server.url}/s/${codesRound.slug}/iit`);
      await page.getByLabel("รหัสสำหรับตอบแบบสอบถาม (ใช้ได้ครั้งเดียว)").fill(codes[1]!.toLowerCase());
      await page.getByRole("button", { name: "เริ่มตอบแบบสอบถาม" }).click();
      await answerAllPages(page);
      // A colleague typed the same code on another device and sent first.
      expect((await submit(server.url, iitBody(asLoadRound(codesRound), Math.random, codes[1]))).status).toBe(201);
      await page.locator(COMPLETE).click();

      await page.getByRole("heading", { name: "ยังส่งคำตอบไม่ได้ เพราะรหัสใช้ไม่ได้" }).waitFor();
      expect(await page.locator("#iit-access-error").textContent()).toBe("รหัสเข้าตอบนี้ถูกใช้ไปแล้ว");
      await screenshot(page, "respondent-iit-code-retry-phone");
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.getByLabel("รหัสสำหรับตอบแบบสอบถาม (ใช้ได้ครั้งเดียว)").fill(codes[2]!);
      await page.getByRole("button", { name: "ส่งคำตอบด้วยรหัสนี้" }).click();
      await page.getByRole("heading", { name: "ขอบคุณที่สละเวลาตอบแบบสอบถาม" }).waitFor();

      expect(sent.map((s) => s.status)).toEqual([409, 201]);
      expect(sent[1]!.id).toBe(sent[0]!.id);
      expect(sent[1]!.code).toBe(codes[2]);
      expect(await iitCount(codesRound.roundId)).toBe(before + 2); // the colleague's and this one
    } finally {
      await browser.close();
    }
  });

  it("refuses a wrong PIN at the access step, then stores the answers with the right one", async () => {
    const browser = await openBrowser({ viewport: PHONE, allowConsoleErrors: [/status of 403/] });
    try {
      const { page } = browser;
      await page.goto(`${server.url}/s/${pinRound.slug}/iit`);
      const input = page.getByLabel("รหัสผ่านของการประเมินรอบนี้ (PIN)");
      await screenshot(page, "respondent-iit-pin-phone");
      expect(await seriousAxeViolations(page)).toEqual([]);
      await input.fill("000000");
      await page.getByRole("button", { name: "เริ่มตอบแบบสอบถาม" }).click();
      const refusal = page.locator("#iit-access-error");
      await refusal.waitFor();
      expect(await refusal.textContent()).toBe("รหัส PIN ของรอบการประเมินไม่ถูกต้อง");
      expect(await page.locator(".sd-page").count()).toBe(0);
      await screenshot(page, "respondent-iit-pin-wrong-phone");
      await input.fill("482915");
      await page.getByRole("button", { name: "เริ่มตอบแบบสอบถาม" }).click();
      await page.locator(".sd-page").waitFor();
      expect((await progress(page)).text).toBe("หน้า 1 จาก 7");
      await answerAllPages(page);
      await page.locator(COMPLETE).click();
      await page.getByRole("heading", { name: "ขอบคุณที่สละเวลาตอบแบบสอบถาม" }).waitFor();
      expect(await iitCount(pinRound.roundId)).toBe(1);
    } finally {
      await browser.close();
    }
  });

  it("lets the staff member go on when the check cannot be made, and asks again for the PIN if the submission refuses it", async () => {
    const before = await iitCount(pinRound.roundId);
    // The access check is cut off on purpose, and the submission refuses the wrong PIN with 403.
    const browser = await openBrowser({
      viewport: PHONE,
      allowConsoleErrors: [/ERR_INTERNET_DISCONNECTED/, /status of 403/],
    });
    try {
      const { page } = browser;
      await page.route("**/api/access-check", (route) => route.abort("internetdisconnected"));
      await page.goto(`${server.url}/s/${pinRound.slug}/iit`);
      await page.getByLabel("รหัสผ่านของการประเมินรอบนี้ (PIN)").fill("111111");
      await page.getByRole("button", { name: "เริ่มตอบแบบสอบถาม" }).click();
      await page.locator(".sd-page").waitFor(); // no check: on as before
      await answerAllPages(page);
      await page.locator(COMPLETE).click();
      await page.getByRole("heading", { name: "ยังส่งคำตอบไม่ได้ เพราะรหัสใช้ไม่ได้" }).waitFor();
      expect(await page.locator("#iit-access-error").textContent()).toBe("รหัส PIN ของรอบการประเมินไม่ถูกต้อง");
      await page.unroute("**/api/access-check");
      await page.getByLabel("รหัสผ่านของการประเมินรอบนี้ (PIN)").fill("482915");
      await page.getByRole("button", { name: "ส่งคำตอบด้วยรหัสนี้" }).click();
      await page.getByRole("heading", { name: "ขอบคุณที่สละเวลาตอบแบบสอบถาม" }).waitFor();
      expect(await iitCount(pinRound.roundId)).toBe(before + 1);
    } finally {
      await browser.close();
    }
  });
});

describe("rounds that take no answers", () => {
  it("shows a polite Thai page for a closed round and a 404 page for an unknown or draft round", async () => {
    // Chromium logs the 404 answer to the page it was asked for as an error.
    const browser = await openBrowser({ viewport: PHONE, allowConsoleErrors: [/status of 404/] });
    try {
      const { page } = browser;
      const closed = await page.goto(`${server.url}/s/closedround`);
      expect(closed?.status()).toBe(200);
      await page.getByRole("heading", { name: "การประเมินรอบนี้ปิดรับคำตอบแล้ว" }).waitFor();
      expect(await page.locator(".sd-root-modern").count()).toBe(0);
      await screenshot(page, "respondent-closed-phone");
      for (const slug of ["draftround", "nosuchround"]) {
        const res = await page.goto(`${server.url}/s/${slug}/iit`);
        expect(res?.status()).toBe(404);
        await page.getByRole("heading", { name: "ไม่พบแบบสอบถามนี้" }).waitFor();
      }
      await screenshot(page, "respondent-unknown-phone");
      expect(await seriousAxeViolations(page)).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe("on a desktop", () => {
  it("lays out the EIT, the IIT access form and the closed page at desktop size", async () => {
    const browser = await openBrowser({ viewport: DESKTOP });
    try {
      const { page } = browser;
      await page.goto(`${server.url}/s/${eitRound.slug}`);
      await answerVisiblePage(page);
      await goNext(page);
      expect(await progress(page)).toEqual({ text: "หน้า 2 จาก 5", now: "2", max: "5" });
      await screenshot(page, "respondent-eit-indicator-desktop");
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.goto(`${server.url}/s/${pinRound.slug}/iit`);
      await page.getByLabel("รหัสผ่านของการประเมินรอบนี้ (PIN)").waitFor();
      await screenshot(page, "respondent-iit-pin-desktop");
      await page.goto(`${server.url}/s/closedround`);
      await screenshot(page, "respondent-closed-desktop");
    } finally {
      await browser.close();
    }
  });
});
