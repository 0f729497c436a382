import { expect, it } from "vitest";
import { useTestApp } from "../support/app";
import { DESKTOP, openBrowser, PHONE, screenshot } from "../support/browser";
import { createAgencyWithOfficer, type OfficerFixture } from "../support/factories";
import { answerAllPages, COMPLETE, goNext, NEXT, seriousAxeViolations } from "./respondent-helpers";

// Issue 16: a clerk keys in a paper EIT sheet with its serial, is refused the same serial again, finds the sheet
// in the list, corrects an answer and voids it after a confirmation, in Chromium at desktop and phone size.
let seed: OfficerFixture;
const { server, db } = useTestApp({
  seed: async (db) => (seed = await createAgencyWithOfficer(db, { role: "clerk" })),
});

const eitCount = async () =>
  Number(
    (
      await db
        .selectFrom("response_counts")
        .select("count")
        .where("round_id", "=", seed.roundId)
        .where("instrument", "=", "eit")
        .executeTakeFirst()
    )?.count ?? 0,
  );

it("keys in a sheet with its serial, refuses the serial again, lists, corrects and voids it", async () => {
  // The repeated serial is refused with 409 on purpose.
  const browser = await openBrowser({ viewport: DESKTOP, allowConsoleErrors: [/status of 409/] });
  const { page } = browser;
  const round = `${server.url}/admin/rounds/${seed.roundId}`;
  try {
    await page.goto(`${server.url}/login`);
    await page.locator('input[name="email"]').fill(seed.email);
    await page.locator('input[name="password"]').fill(seed.password);
    await page.locator('form button[type="submit"]').last().click();
    await page.waitForURL(/\/admin(\/|$)/);

    await page.goto(`${round}/entry?instrument=eit&channel=paper`);
    await page.locator(".sd-page").waitFor();
    await page.locator("#serial").fill("P-100");
    await answerAllPages(page);
    await page.locator(COMPLETE).click();
    await page.getByTestId("entry-stored").waitFor();
    expect(await eitCount()).toBe(1);

    // The same serial again: refused in Thai, nothing stored.
    await page.getByRole("button", { name: "บันทึกแบบสอบถามชุดถัดไป" }).click();
    await page.locator(".sd-page").waitFor();
    expect(await page.locator("#serial").inputValue()).toBe("");
    await page.locator("#serial").fill("P-100");
    await answerAllPages(page);
    await page.locator(COMPLETE).click();
    await expect(page.getByRole("alert").textContent()).resolves.toContain("เลขที่แบบสอบถาม P-100 บันทึกไว้แล้วในรอบนี้");
    expect(await eitCount()).toBe(1);

    // The list: found by its serial.
    await page.getByRole("link", { name: /แบบสอบถาม EIT ที่บันทึกแล้ว/ }).click();
    await page.locator('[data-serial="P-100"]').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "keyed-entries-desktop");
    await page.setViewportSize(PHONE);
    await screenshot(page, "keyed-entries-phone");
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(PHONE.width);
    await page.setViewportSize(DESKTOP);

    // Correct: the stored answers are shown; the first question changes to its second option.
    await page.locator('[data-serial="P-100"]').getByRole("link", { name: "แก้ไขคำตอบ" }).click();
    await page.locator(".sd-page").waitFor();
    const firstGroup = await page.locator(".sd-page input[type=radio]").first().getAttribute("name");
    const options = page.locator(`.sd-page input[type=radio][name="${firstGroup}"]`);
    expect(await options.first().isChecked()).toBe(true);
    await options.nth(1).locator("xpath=ancestor::label[1]").click();
    while (!(await page.locator(COMPLETE).first().isVisible())) {
      expect(await page.locator(NEXT).first().isVisible()).toBe(true);
      await goNext(page);
    }
    await page.locator(COMPLETE).click();
    await expect(page.getByTestId("entry-stored").textContent()).resolves.toContain(
      "บันทึกการแก้ไขแบบสอบถามเลขที่ P-100 แล้ว",
    );
    expect(await eitCount()).toBe(1);

    // Void: a confirmation page, then the list without it.
    await page.goto(`${round}/entries`);
    await page.locator('[data-serial="P-100"]').getByRole("link", { name: "ยกเลิก" }).click();
    await page.getByRole("heading", { name: "ยกเลิกแบบสอบถามเลขที่ P-100?" }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "keyed-entries-void-confirm");
    await page.getByRole("button", { name: "ยืนยันการยกเลิก" }).click();
    await page.getByText("ยกเลิกแบบสอบถามเลขที่ P-100 แล้ว").waitFor();
    expect(await page.locator('[data-serial="P-100"]').count()).toBe(0);
    expect(await eitCount()).toBe(0);
    const actions = await db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "like", "entry.%")
      .orderBy("id")
      .execute();
    expect(actions.map((a) => a.action)).toEqual(["entry.correct", "entry.void"]);
  } finally {
    await browser.close();
  }
});
