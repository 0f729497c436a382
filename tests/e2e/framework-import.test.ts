import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, expect, it } from "vitest";
import { analyze, parseFramework, scoreAnswers, type Answers } from "../../app/ita/index";
import { SUPER, useTestApp } from "../support/app";
import { openBrowser, PHONE } from "../support/browser";
import { ROOT } from "../support/env";
import { createAgencyWithOfficer, type OfficerFixture } from "../support/factories";
import { answerAllPages, COMPLETE, seriousAxeViolations } from "./respondent-helpers";

// A framework an agency can update, in Chromium: the super-administrator imports a file with ten seeded
// mistakes and sees each one with its place in the file; imports a correct file (another year), previews its
// IIT and EIT questionnaires and its OIT list, publishes it; an officer creates a round on it (chosen by year
// and title), a citizen answers the EIT once on a phone, and the results show that answer.

const DESKTOP = { width: 1280, height: 800 };
const SHOTS = path.join(ROOT, "docs/screenshots");
const MISTAKES = path.join(ROOT, "tests/fixtures/framework-check/ten-mistakes.json");
const SEEDED: [place: string, messageTh: string][] = [
  ["indicators[3].nameTh", "ต้องไม่เป็นข้อความว่าง"],
  ["scales.scale4.choices[2].points", "ต้องไม่เกิน 100"],
  ["items.IIT[3].reverse", "ชนิดข้อมูลไม่ถูกต้อง: ต้องเป็นค่า true หรือ false"],
  ["oitItems[4].subindicator", "ขาดค่าที่ต้องมี (ต้องเป็นข้อความ)"],
  ["indicators", "น้ำหนักตัวชี้วัดรวมกันได้ 101 ไม่ใช่ 100"],
  ["items.IIT[1].scale", "i2: ไม่รู้จักมาตรวัด scale5 (ไม่มีใน scales)"],
  ["items.IIT[2].indicator", "i3: ไม่มีตัวชี้วัดที่ 11"],
  ["items.EIT[0].id", "รหัสข้อคำถาม i1 ซ้ำกัน"],
  ["oitItems[5].subindicator", "o6: ไม่มีตัวชี้วัดย่อย 9.9"],
  ["gradeBands", "ช่วงเกรดต่ำสุดต้องเริ่มที่ 0"],
];

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ita-e2e-framework-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

// The correct file: the 2568 framework as another year would bring it.
const source = JSON.parse(fs.readFileSync(path.join(ROOT, "surveys/ita-2568/framework.json"), "utf8"));
const correct = {
  ...source,
  id: "ita-2569",
  year: 2569,
  titleTh: "การประเมินคุณธรรมและความโปร่งใส พ.ศ. 2569 (ทดลองนำเข้า)",
  titleEn: "ITA 2569 (trial import)",
};
const fw = parseFramework(correct);
const correctFile = path.join(scratch, "ita-2569.json");
fs.writeFileSync(correctFile, JSON.stringify(correct, null, 2));

let seed: OfficerFixture;
const { server, db } = useTestApp({
  seed: async (db) => (seed = await createAgencyWithOfficer(db, { role: "admin" })),
});

async function signInAt(page: Page, to: string, email: string, password: string) {
  await page.goto(`${server.url}${to}`);
  await page.waitForURL(/\/login/);
  await page.fill("#email", email);
  await page.fill("#password", password);
  await page.press("#password", "Enter");
  await page.waitForURL((url) => url.pathname === to);
}

it("imports a framework: ten mistakes shown with their places; a correct file previews, publishes and runs a round", async () => {
  const admin = await openBrowser({ viewport: DESKTOP, allowConsoleErrors: [/status of 422/] });
  try {
    const { page } = admin;
    await signInAt(page, "/admin/frameworks", SUPER.email, SUPER.password);
    expect(await page.locator("[data-testid=framework-list]").textContent()).toContain("ita-2568");

    // The file with ten seeded mistakes, pasted: every one is listed with its place, nothing is stored.
    await page.fill("#framework-text", fs.readFileSync(MISTAKES, "utf8"));
    await page.getByRole("button", { name: "ตรวจสอบและนำเข้า" }).click();
    await page.locator("[data-testid=framework-issues]").waitFor();
    const rows = await page.locator("[data-testid=framework-issue]").allTextContents();
    expect(rows).toHaveLength(10);
    for (const [place, messageTh] of SEEDED) expect(rows).toContain(`${place}${messageTh}`);
    expect(await page.locator("[data-testid=framework-issues]").textContent()).toContain(
      "นำเข้าไม่ได้: ไฟล์มีข้อผิดพลาด 10 รายการ ไม่มีการบันทึกใด ๆ",
    );
    expect(await db.selectFrom("frameworks").selectAll().execute()).toHaveLength(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.locator("[data-testid=framework-issues]").evaluate((el) => el.scrollIntoView());
    await page.screenshot({ path: path.join(SHOTS, "framework-import-errors-desktop.png") });

    // The correct file, chosen as a file: a draft, previewed before anything can use it.
    await page.setInputFiles("#framework-file", correctFile);
    await page.getByRole("button", { name: "ตรวจสอบและนำเข้า" }).click();
    await page.waitForURL(/\/admin\/frameworks\/ita-2569$/);
    expect(await page.locator("[data-testid=framework-status]").textContent()).toContain("ฉบับร่าง");
    await page.locator("[data-testid=preview-iit] .sd-question").first().waitFor();
    const iit = (await page.locator("[data-testid=preview-iit]").textContent()) ?? "";
    expect(iit).toContain(fw.items.IIT[0]!.questionTh ?? fw.items.IIT[0]!.topicTh);
    // Read-only: every choice is marked read-only by SurveyJS, and there is no button to send.
    expect(await page.locator("[data-testid=preview-iit] .sd-item--readonly").count()).toBeGreaterThan(100);
    expect(await page.locator("[data-testid=preview-iit] .sd-item:not(.sd-item--readonly)").count()).toBe(0);
    expect(await page.locator("[data-testid=preview-iit] .sd-navigation__complete-btn").count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.locator("[data-testid=framework-preview]").evaluate((el) => el.scrollIntoView());
    await page.screenshot({ path: path.join(SHOTS, "framework-preview-iit-desktop.png") });

    await page.getByRole("link", { name: /^EIT/ }).click();
    await page.waitForURL(/show=eit/);
    await page.locator("[data-testid=preview-eit] .sd-question").first().waitFor();
    expect(await page.locator("[data-testid=preview-eit]").textContent()).toContain("ตัวชี้วัดที่ 6");

    await page.getByRole("link", { name: /^OIT/ }).click();
    await page.waitForURL(/show=oit/);
    // The address changes a moment before the OIT preview renders: wait for it before counting its items.
    await page.locator("[data-testid=preview-oit] li").first().waitFor();
    const oitItems = await page.locator("[data-testid=preview-oit] li").count();
    expect(oitItems).toBe(fw.oitItems.length);
    expect(await page.locator("[data-testid=preview-oit]").textContent()).toContain(fw.oitItems[0]!.topicTh);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.locator("[data-testid=framework-preview]").evaluate((el) => el.scrollIntoView());
    await page.screenshot({ path: path.join(SHOTS, "framework-preview-oit-desktop.png") });

    await page.locator("[data-testid=publish-framework]").click();
    await page.waitForURL(/\/admin\/frameworks\/ita-2569$/);
    await page.waitForFunction(() =>
      document.querySelector("[data-testid=framework-status]")?.textContent?.includes("เผยแพร่แล้ว"),
    );
    expect(await page.locator("[data-testid=publish-framework]").count()).toBe(0);
    const row = await db.selectFrom("frameworks").selectAll().where("id", "=", "ita-2569").executeTakeFirstOrThrow();
    expect(row.status).toBe("published");
  } finally {
    await admin.close();
  }

  // The same pages on a phone.
  const phone = await openBrowser({ viewport: PHONE, allowConsoleErrors: [/status of 422/] });
  try {
    const { page } = phone;
    await signInAt(page, "/admin/frameworks", SUPER.email, SUPER.password);
    await page.fill("#framework-text", fs.readFileSync(MISTAKES, "utf8"));
    await page.getByRole("button", { name: "ตรวจสอบและนำเข้า" }).click();
    await page.locator("[data-testid=framework-issues]").waitFor();
    expect(await page.locator("[data-testid=framework-issue]").count()).toBe(10);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.locator("[data-testid=framework-issues]").evaluate((el) => el.scrollIntoView());
    await page.screenshot({ path: path.join(SHOTS, "framework-import-errors-phone.png") });
    await page.goto(`${server.url}/admin/frameworks/ita-2569?show=eit`);
    await page.locator("[data-testid=preview-eit] .sd-question").first().waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.locator("[data-testid=framework-preview]").evaluate((el) => el.scrollIntoView());
    await page.screenshot({ path: path.join(SHOTS, "framework-preview-eit-phone.png") });
  } finally {
    await phone.close();
  }

  // An officer creates a round on it, choosing it by year and title.
  const officer = await openBrowser({ viewport: DESKTOP });
  let slug: string;
  let roundId: string;
  try {
    const { page } = officer;
    await signInAt(page, "/admin/rounds/new", seed.email, seed.password);
    const label = await page.locator("#framework option[value='ita-2569']").textContent();
    expect(label).toBe("พ.ศ. 2569 · การประเมินคุณธรรมและความโปร่งใส พ.ศ. 2569 (ทดลองนำเข้า) (นำเข้า)");
    await page.fill("#fiscal_year", "2569");
    await page.selectOption("#framework", "ita-2569");
    await page.selectOption("#status", "open");
    await page.locator("form button[type=submit]").last().click();
    await page.waitForURL((url) => /\/admin\/rounds\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith("/new"));
    roundId = page.url().split("/").pop()!;
    const round = await db.selectFrom("rounds").selectAll().where("id", "=", roundId).executeTakeFirstOrThrow();
    expect(round.framework).toBe("ita-2569");
    slug = round.slug;
  } finally {
    await officer.close();
  }

  // A citizen answers the EIT once, on a phone.
  const citizen = await openBrowser({ viewport: PHONE });
  try {
    await citizen.page.goto(`${server.url}/s/${slug}`);
    await answerAllPages(citizen.page);
    await citizen.page.locator(COMPLETE).click();
    await citizen.page.getByRole("heading", { name: "ขอบคุณที่สละเวลาตอบแบบสอบถาม" }).waitFor();
  } finally {
    await citizen.close();
  }

  // The results show that one answer, scored by the imported framework.
  const stored = await db
    .selectFrom("eit_responses")
    .select(["answers", "framework"])
    .where("round_id", "=", roundId)
    .execute();
  expect(stored).toHaveLength(1);
  expect(stored[0]!.framework).toBe("ita-2569");
  const eit = scoreAnswers(fw, "EIT", [JSON.parse(stored[0]!.answers) as Answers]).indicators;
  const expected = analyze(fw, eit).instruments.EIT.score!;
  const results = await openBrowser({ viewport: DESKTOP });
  try {
    const { page } = results;
    await signInAt(page, `/admin/rounds/${roundId}/results`, seed.email, seed.password);
    expect(await page.locator("[data-testid=instrument-EIT]").textContent()).toBe(expected.toFixed(2));
    await page.screenshot({ path: path.join(SHOTS, "framework-imported-round-results-desktop.png") });
  } finally {
    await results.close();
  }
}, 300_000);
