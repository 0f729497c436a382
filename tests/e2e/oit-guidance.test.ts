import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { saveOitAnswers } from "../../db/repositories/oit";
import { useTestApp } from "../support/app";
import { openBrowser, screenshot } from "../support/browser";
import { ARTIFACTS } from "../support/env";
import { createAgencyWithOfficer, createRound, type OfficerFixture } from "../support/factories";
import { seriousAxeViolations } from "./respondent-helpers";
import type { Page } from "playwright-core";

// Issue 16, "what users expect and miss": each OIT item says what evidence the NACC expects and which item of last
// year's checklist it continues; a round's checklist starts from last round's links, each marked to re-check; the
// OIT radios are thumb-sized. In Chromium at desktop (1280×800) and phone (390×844) size.

let seed: OfficerFixture;
let lastRoundId: string;
const { server, db } = useTestApp({
  seed: async (d) => {
    seed = await createAgencyWithOfficer(d);
    // This round uses the 2566 framework; the agency's 2565 round (the 2565 framework) has its links.
    await d
      .updateTable("rounds")
      .set({ framework: "ita-2566", fiscal_year: 2566 })
      .where("id", "=", seed.roundId)
      .execute();
    const last = await createRound(d, seed.agencyId, {
      fiscal_year: 2565,
      framework: "ita-2565",
      title: "รอบปีที่แล้ว",
      created_at: "2025-11-01T00:00:00.000Z",
      updated_at: "2025-11-01T00:00:00.000Z",
    });
    lastRoundId = last.id;
    const officer = await d.selectFrom("users").select("id").where("email", "=", seed.email).executeTakeFirstOrThrow();
    await saveOitAnswers(
      d,
      last.id,
      [
        { item: "o1", has: true, urls: ["https://www.x.go.th/structure"], note: null, responsible: "สำนักปลัด" },
        { item: "o10", has: true, urls: ["https://www.x.go.th/plan"], note: null, responsible: null },
        { item: "o18", has: true, urls: ["https://www.x.go.th/budget"], note: null, responsible: null },
      ],
      { userId: officer.id, now: "2025-12-01T00:00:00.000Z" },
    );
  },
});

/** What is on screen now (not the whole page). */
async function onScreen(page: Page, name: string) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

async function signIn(page: Page) {
  await page.goto(`${server.url}/login`);
  await page.locator('input[name="email"]').fill(seed.email);
  await page.locator('input[name="password"]').fill(seed.password);
  await page.locator('form button[type="submit"]').last().click();
  await page.waitForURL((url) => url.pathname.startsWith("/admin"));
}

const recheckOf = async (item: string) =>
  Number(
    (
      await db
        .selectFrom("oit_answers")
        .select("recheck")
        .where("round_id", "=", seed.roundId)
        .where("item", "=", item)
        .executeTakeFirstOrThrow()
    ).recheck,
  );

it("shows each item's expected evidence and last year's item, copies last round's links marked to re-check, and clears a mark when checked", async () => {
  const browser = await openBrowser({ viewport: { width: 1280, height: 800 }, allowConsoleErrors: [/status of 422/] });
  const { page } = browser;
  try {
    await signIn(page);
    await page.goto(`${server.url}/admin/rounds/${seed.roundId}/oit`);
    // Guidance from the framework data, in Thai, with how sure it is.
    const o11 = page.getByTestId("guide-o11");
    await expect(o11.textContent()).resolves.toContain(
      "หลักฐานที่ ป.ป.ช. คาดหวัง: แผนดำเนินงานและแผนการใช้งบประมาณของปีที่ประเมิน",
    );
    await expect(page.getByTestId("previous-o11").textContent()).resolves.toContain(
      "ตรงกับข้อของปีก่อน: O10, O18 (ita-2565)",
    );
    await expect(page.getByTestId("previous-o10").textContent()).resolves.toContain("ข้อใหม่ในปีนี้");
    await expect(page.getByTestId("guide-o12").textContent()).resolves.toContain("ยังไม่ยืนยัน");

    // Start from last round's links.
    const copy = page.getByTestId("oit-copy");
    await expect(copy.textContent()).resolves.toContain("รอบปี 2565 รอบปีที่แล้ว");
    await copy.getByRole("button", { name: "คัดลอกจากรอบก่อน" }).click();
    await page.getByTestId("copy-result").waitFor();
    await expect(page.getByTestId("copy-result").textContent()).resolves.toContain("คัดลอกแล้ว 2 ข้อ");
    // 2566 o11 merges 2565 o10 and o18: both links, marked to re-check.
    await expect
      .poll(() => page.locator('textarea[name="urls_o11"]').inputValue())
      .toBe("https://www.x.go.th/plan\nhttps://www.x.go.th/budget");
    await expect.poll(() => page.locator('input[name="has_o11"][value="1"]').isChecked()).toBe(true);
    await page.getByTestId("recheck-o11").waitFor();
    await page.getByTestId("recheck-o1").waitFor();
    expect(await recheckOf("o11")).toBe(1);
    await page.getByTestId("guide-o1").scrollIntoViewIfNeeded();
    await onScreen(page, "oit-guidance-desktop");

    // "Checked: still right" clears the mark of that item only.
    await page.getByTestId("recheck-o1").getByRole("button", { name: "ตรวจแล้ว ข้อมูลถูกต้อง" }).click();
    await page.getByTestId("recheck-o1").waitFor({ state: "detached" });
    expect(await recheckOf("o1")).toBe(0);
    expect(await recheckOf("o11")).toBe(1);

    // A second copy is refused until the officer ticks the box to replace the answers.
    await copy.getByRole("button", { name: "คัดลอกจากรอบก่อน" }).click();
    await copy.getByRole("alert").waitFor();
    await expect(copy.getByRole("alert").textContent()).resolves.toContain("แบบตรวจรอบนี้มีคำตอบแล้ว 2 ข้อ");
    expect(await recheckOf("o1")).toBe(0);
    await copy.getByLabel("แทนที่คำตอบที่มีอยู่แล้ว 2 ข้อด้วยของรอบก่อน").check();
    await copy.getByRole("button", { name: "คัดลอกจากรอบก่อน" }).click();
    await page.getByTestId("copy-result").waitFor();
    await page.getByTestId("recheck-o1").waitFor();
    expect(await recheckOf("o1")).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The dashboard counts the copied items still to re-check (o1 and o11 here).
    await page.goto(`${server.url}/admin`);
    await page.getByTestId("oit-recheck").waitFor();
    await expect(page.getByTestId("oit-recheck").textContent()).resolves.toContain(
      "คัดลอกจากรอบก่อนและรอตรวจสอบอีกครั้ง 2 ข้อ",
    );
    await page.getByTestId("oit-recheck").scrollIntoViewIfNeeded();
    await onScreen(page, "oit-guidance-dashboard-recheck");

    // The results page says, beside the export links, why the exports hold no IIT rows.
    await page.goto(`${server.url}/admin/rounds/${seed.roundId}/results`);
    const note = page.getByTestId("export-note");
    await expect(note.textContent()).resolves.toContain("คำตอบ IIT รายบุคคลไม่ออกจากเซิร์ฟเวอร์");
    const nextToNote = await note.evaluate((el) =>
      el.nextElementSibling?.querySelector("a[download]")?.getAttribute("href"),
    );
    expect(nextToNote).toBe(`/admin/rounds/${seed.roundId}/responses/csv`);
    expect(lastRoundId).toBeTruthy();
  } finally {
    await browser.close();
  }
});

it("gives every OIT radio a hit area of at least 44×44 px on a phone, without sideways scrolling", async () => {
  const browser = await openBrowser({ viewport: { width: 390, height: 844 } });
  const { page } = browser;
  try {
    await signIn(page);
    await page.goto(`${server.url}/admin/rounds/${seed.roundId}/oit`);
    const boxes = await page.locator(".oit-has .choice").evaluateAll((labels) =>
      labels.map((l) => {
        const r = l.getBoundingClientRect();
        return { width: r.width, height: r.height };
      }),
    );
    expect(boxes).toHaveLength(43 * 3);
    expect(Math.min(...boxes.map((b) => b.height))).toBeGreaterThanOrEqual(44);
    expect(Math.min(...boxes.map((b) => b.width))).toBeGreaterThanOrEqual(44);
    // A tap on the label's edge (not on the small circle) chooses the answer.
    const label = page.locator('[data-item="o2"] .choice').filter({ hasText: "ไม่มี" });
    await label.scrollIntoViewIfNeeded();
    const box = (await label.boundingBox())!;
    await page.mouse.click(box.x + box.width - 4, box.y + box.height - 4);
    await expect(page.locator('input[name="has_o2"][value="0"]').isChecked()).resolves.toBe(true);
    await page.getByTestId("status-o2").getByText("บันทึกข้อนี้แล้ว").waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByTestId("guide-o2").scrollIntoViewIfNeeded();
    await onScreen(page, "oit-guidance-phone");
    await screenshot(page, "oit-guidance-phone-full");
    expect(await seriousAxeViolations(page)).toEqual([]);
  } finally {
    await browser.close();
  }
});
