import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { useTestApp } from "../support/app";
import { DESKTOP, openBrowser, PHONE, screenshot } from "../support/browser";
import { saveOitAnswers as saveOitAnswerRows, setOitPublic } from "../../db/repositories/oit";
import { ARTIFACTS } from "../support/env";
import { createAgencyWithOfficer, createOfficialResult, type OfficerFixture } from "../support/factories";
import { answerVisiblePage, goNext, pageTitle, seriousAxeViolations } from "./respondent-helpers";

// Issue 16: what a district officer tripped on — feedback where the officer is on the OIT checklist, the
// channel form, their own password.

let seed: OfficerFixture;
const { server, db } = useTestApp({ seed: async (d) => (seed = await createAgencyWithOfficer(d)) });

/** What is on screen now (not the whole page): where the officer is looking. */
async function onScreen(page: Page, name: string) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

async function signIn(page: Page, password = seed.password) {
  await page.goto(`${server.url}/login`);
  await page.locator('input[name="email"]').fill(seed.email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').last().click();
  // (the dashboard or the rounds list, whichever the sign-in lands on)
  await page.waitForURL((url) => url.pathname.startsWith("/admin"));
}

const inView = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    const fits = r.top >= 0 && r.bottom <= window.innerHeight;
    return fits || `top ${r.top}, bottom ${r.bottom}, viewport ${window.innerHeight}, scrollY ${window.scrollY}`;
  });

it("OIT: a lower save button answers beside itself, focuses the refused item, keeps the good items, and reads www. as https://", async () => {
  const browser = await openBrowser({ viewport: DESKTOP, allowConsoleErrors: [/status of 422/] });
  const { page } = browser;
  try {
    await signIn(page);
    await page.goto(`${server.url}/admin/rounds/${seed.roundId}/oit`);
    // In group 10.1 (far down the page): a good item and one with a link that is not a web link.
    const good = page.locator('[data-item="o34"]');
    const bad = page.locator('[data-item="o35"]');
    await good.getByLabel("มี", { exact: true }).check({ noWaitAfter: true });
    await good.locator("textarea").fill("www.x.go.th");
    await bad.getByLabel("มี", { exact: true }).check();
    await bad.locator("textarea").fill("ftp://x.go.th/file");
    const button = page.locator('button[name="group"][value="10.1"]');
    await button.scrollIntoViewIfNeeded();
    await button.click();
    const result = page.locator('[data-testid="save-result"]');
    await result.waitFor();
    // The result sits beside the pressed button, and the refused field has the focus, on screen.
    await expect(result.textContent()).resolves.toContain("ยังบันทึกไม่ได้ 1 ข้อ: O35");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("urls_o35");
    expect(await inView(page, "#urls_o35")).toBe(true);
    expect(await inView(page, '[data-item="o35"] .field-error')).toBe(true);
    await expect(bad.locator(".field-error").textContent()).resolves.toContain("ข้อนี้ยังไม่ได้บันทึก");
    await expect(bad.locator("textarea").inputValue()).resolves.toBe("ftp://x.go.th/file");
    // The good item is stored, with https:// added, and the page says so.
    await expect(good.locator("textarea").inputValue()).resolves.toBe("https://www.x.go.th");
    // (said beside the item when leaving its field saved it first, else beside the button)
    await page.getByTestId("assumed-https").filter({ hasText: "ถือว่า www.x.go.th คือ https://www.x.go.th" }).waitFor();
    const rows = await db
      .selectFrom("oit_answers")
      .select(["item", "urls"])
      .where("round_id", "=", seed.roundId)
      .execute();
    // (o35's มี was saved on its own when chosen; its refused link was not)
    expect(rows.map((r) => [r.item, JSON.parse(r.urls)])).toEqual([
      ["o34", ["https://www.x.go.th"]],
      ["o35", []],
    ]);
    await onScreen(page, "issue16-oit-group-save");

    // Autosave: leaving the corrected field saves that item alone, and says so beside it.
    await bad.locator("textarea").fill("x.go.th/ita/o35.pdf");
    await bad.locator('input[name="note_o35"]').focus();
    await bad.getByTestId("status-o35").getByText("บันทึกข้อนี้แล้ว").waitFor();
    await expect(bad.getByTestId("status-o35").textContent()).resolves.toContain(
      "ถือว่า x.go.th/ita/o35.pdf คือ https://x.go.th/ita/o35.pdf",
    );
    await expect(bad.locator(".field-error").count()).resolves.toBe(0);
    const o35 = await db
      .selectFrom("oit_answers")
      .select(["has", "urls"])
      .where("round_id", "=", seed.roundId)
      .where("item", "=", "o35")
      .executeTakeFirstOrThrow();
    expect([Number(o35.has), JSON.parse(o35.urls)]).toEqual([1, ["https://x.go.th/ita/o35.pdf"]]);
    // Choosing an answer saves at once.
    await page.locator('[data-item="o1"]').getByLabel("ไม่มี", { exact: true }).check();
    await page.getByTestId("status-o1").getByText("บันทึกข้อนี้แล้ว").waitFor();
    await onScreen(page, "issue16-oit-autosave");

    // A save with nothing wrong says so beside the pressed button, on screen.
    await page.locator('[data-item="o36"]').locator("textarea").fill("https://x.go.th/o36");
    await button.click();
    await page
      .getByTestId("save-result")
      .getByText(/^บันทึกแล้ว/)
      .waitFor();
    expect(await inView(page, '[data-testid="save-result"]')).toBe(true);
    await onScreen(page, "issue16-oit-saved");
    expect(await seriousAxeViolations(page)).toEqual([]);
  } finally {
    await browser.close();
  }
});

it("channels: the same key again is refused in Thai beside the add button and renames nothing; a new one clears the form", async () => {
  const browser = await openBrowser({ viewport: PHONE, allowConsoleErrors: [/status of 422/] });
  const { page } = browser;
  try {
    await signIn(page);
    await page.goto(`${server.url}/admin/rounds/${seed.roundId}/channels`);
    await page.locator("#new-key").fill("counter-1");
    await page.locator("#new-name").fill("เคาน์เตอร์งานทะเบียน");
    await page.getByRole("button", { name: "เพิ่มช่องทาง" }).click();
    await page.locator('[data-channel="counter-1"]').waitFor();
    await page.getByText("เพิ่มช่องทาง counter-1 แล้ว").waitFor();
    await expect(page.locator("#new-key").inputValue()).resolves.toBe("");
    await expect(page.locator("#new-name").inputValue()).resolves.toBe("");

    await page.locator("#new-key").fill("counter-1");
    await page.locator("#new-name").fill("ชื่อที่พิมพ์ผิด");
    await page.getByRole("button", { name: "เพิ่มช่องทาง" }).click();
    const error = page.getByTestId("form-errors");
    await error.waitFor();
    await expect(error.textContent()).resolves.toContain("รอบนี้มีช่องทางรหัส “counter-1” (เคาน์เตอร์งานทะเบียน) อยู่แล้ว");
    await expect(page.locator('[data-channel="counter-1"] h2').textContent()).resolves.toBe("เคาน์เตอร์งานทะเบียน");
    await expect(page.locator("#new-name").inputValue()).resolves.toBe("ชื่อที่พิมพ์ผิด");
    expect(await inView(page, '[data-testid="form-errors"]')).toBe(true);
    await screenshot(page, "issue16-channel-duplicate-phone");
    expect(await seriousAxeViolations(page)).toEqual([]);
    const actions = await db.selectFrom("audit_log").select("action").where("action", "like", "channel.%").execute();
    expect(actions.map((a) => a.action)).toEqual(["channel.create"]);
  } finally {
    await browser.close();
  }
});

it("profile: from the header an officer sees their role and agency and changes their password; the other session ends", async () => {
  await db.deleteFrom("sessions").execute();
  const other = await openBrowser({ viewport: DESKTOP });
  const browser = await openBrowser({ viewport: PHONE, allowConsoleErrors: [/status of 422/] });
  const { page } = browser;
  try {
    await signIn(other.page);
    await signIn(page);
    await page.getByTestId("account-link").click();
    await page.waitForURL(/\/admin\/profile$/);
    await expect(page.getByTestId("profile-role").textContent()).resolves.toBe("ผู้ดูแลของหน่วยงาน");
    await expect(page.getByTestId("profile-agency").textContent()).resolves.toBe("เทศบาลตำบลทดสอบ");
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.locator("#current").fill("not-my-password");
    await page.locator("#password").fill("brand-new-password");
    await page.locator("#confirm").fill("brand-new-password");
    await page.getByRole("button", { name: "เปลี่ยนรหัสผ่าน" }).click();
    await page.getByText("รหัสผ่านปัจจุบันไม่ถูกต้อง").waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("current");
    await screenshot(page, "issue16-profile-wrong-phone");

    await page.locator("#current").fill(seed.password);
    await page.locator("#password").fill("brand-new-password");
    await page.locator("#confirm").fill("brand-new-password");
    await page.getByRole("button", { name: "เปลี่ยนรหัสผ่าน" }).click();
    await page.getByTestId("password-changed").waitFor();
    await expect(page.getByTestId("password-changed").textContent()).resolves.toContain("ออกจากระบบในเครื่องอื่น 1 เครื่อง");
    await expect(page.locator("#current").inputValue()).resolves.toBe("");
    await screenshot(page, "issue16-profile-done-phone");

    // This browser stays signed in; the other one is sent to the sign-in page.
    await page.goto(`${server.url}/admin/rounds`);
    await page.locator("h1").waitFor();
    expect(new URL(page.url()).pathname).toBe("/admin/rounds");
    await other.page.goto(`${server.url}/admin/rounds`);
    await other.page.waitForURL(/\/login/);
    await signIn(other.page, "brand-new-password");
    // The tests after this one sign in with the new password.
    seed = { ...seed, password: "brand-new-password" };
    const actions = await db.selectFrom("audit_log").select("action").where("action", "=", "user.password").execute();
    expect(actions).toHaveLength(1);
  } finally {
    await browser.close();
    await other.close();
  }
});

it("the public OIT page fits a 390 px phone without sideways scrolling, long links included", async () => {
  const now = new Date().toISOString();
  const long = `https://www.example-municipality.go.th/${"ita-2569/".repeat(8)}o1-structure.pdf`;
  await saveOitAnswerRows(
    db,
    seed.roundId,
    [
      { item: "o1", has: true, urls: [long, "https://www.x.go.th/o1"], note: "ดูหน้า 3", responsible: null },
      { item: "o2", has: false, urls: [], note: null, responsible: null },
    ],
    {
      userId: (await db.selectFrom("users").select("id").where("email", "=", seed.email).executeTakeFirstOrThrow()).id,
      now,
    },
  );
  await setOitPublic(db, seed.roundId, true, now);
  for (const [label, viewport] of [
    ["phone", PHONE],
    ["desktop", DESKTOP],
  ] as const) {
    const browser = await openBrowser({ viewport });
    try {
      await browser.page.goto(`${server.url}/oit/${seed.slug}`);
      await browser.page.locator("main table").waitFor();
      const width = await browser.page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(viewport.width);
      await expect(browser.page.getByRole("link", { name: long }).isVisible()).resolves.toBe(true);
      await onScreen(browser.page, `issue16-oit-public-${label}`);
    } finally {
      await browser.close();
    }
  }
});

/** Elements with their own text inside the questionnaire whose first font is not Sarabun (tag.class: family). */
const notSarabun = (page: Page) =>
  page
    .locator(".sd-root-modern")
    .first()
    .evaluate((root) =>
      [root, ...Array.from(root.querySelectorAll("*"))]
        .filter((el) => !["STYLE", "SCRIPT"].includes(el.tagName))
        .filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim()))
        .map((el) => [el, getComputedStyle(el).fontFamily] as const)
        .filter(([, family]) => family.split(",")[0]!.replace(/"/g, "").trim() !== "Sarabun")
        .map(([el, family]) => `${el.tagName.toLowerCase()}.${el.className}: ${family}`),
    );

it("one font everywhere: the public EIT (question numbers included) and the clerk's entry form are in Sarabun", async () => {
  const browser = await openBrowser({ viewport: PHONE });
  const { page } = browser;
  try {
    await page.goto(`${server.url}/s/${seed.slug}`);
    await page.locator(".sd-page").first().waitFor();
    expect(await notSarabun(page)).toEqual([]);
    await answerVisiblePage(page);
    await goNext(page);
    await page.locator(".sd-element__num").first().waitFor();
    expect(await notSarabun(page)).toEqual([]);
    await onScreen(page, "issue16-eit-font-phone");
    await signIn(page);
    await page.goto(`${server.url}/admin/rounds/${seed.roundId}/entry?instrument=eit&channel=paper`);
    await page.locator(".sd-page").first().waitFor();
    expect(await notSarabun(page)).toEqual([]);
    await onScreen(page, "issue16-entry-font-phone");
  } finally {
    await browser.close();
  }
});

it("the score chart's line labels never sit on a bar's value (bar 10 at 62.50 under the 70 line), phone and desktop", async () => {
  await createOfficialResult(db, seed.agencyId, {
    fiscal_year: 2568,
    scores: JSON.stringify({
      1: 97.61,
      2: 98.46,
      3: 99.35,
      4: 98.86,
      5: 98.54,
      6: 96.03,
      7: 92.88,
      8: 87.23,
      9: 68.56,
      10: 62.5,
    }),
  });
  for (const [label, viewport] of [
    ["phone", PHONE],
    ["desktop", DESKTOP],
  ] as const) {
    const browser = await openBrowser({ viewport });
    try {
      await signIn(browser.page);
      await browser.page.goto(`${server.url}/admin/official?year=2568`);
      const chart = browser.page.locator("svg.score-chart");
      await chart.waitFor();
      const overlaps = await chart.evaluate((svg) => {
        const boxes = Array.from(svg.querySelectorAll("text")).map((el) => ({
          text: el.textContent ?? "",
          box: el.getBoundingClientRect(),
        }));
        const hits: string[] = [];
        boxes.forEach((a, i) =>
          boxes.slice(i + 1).forEach((b) => {
            const apart =
              a.box.right <= b.box.left ||
              b.box.right <= a.box.left ||
              a.box.bottom <= b.box.top ||
              b.box.bottom <= a.box.top;
            if (!apart) hits.push(`${a.text} / ${b.text}`);
          }),
        );
        return hits;
      });
      expect(overlaps).toEqual([]);
      await expect(chart.locator("text", { hasText: "62.50" }).count()).resolves.toBe(1);
      await chart.scrollIntoViewIfNeeded();
      await onScreen(browser.page, `issue16-chart-${label}`);
    } finally {
      await browser.close();
    }
  }
});

it("the IIT code slip gives a short web address in large type, and the EIT poster the closing day in พ.ศ.", async () => {
  await db
    .updateTable("rounds")
    .set({ iit_access: "codes", closes_on: "2027-09-30" })
    .where("id", "=", seed.roundId)
    .execute();
  const browser = await openBrowser({ viewport: DESKTOP });
  const { page } = browser;
  try {
    await signIn(page);
    await page.goto(`${server.url}/admin/rounds/${seed.roundId}/access`);
    await page.locator('input[name="count"]').fill("3");
    await page.getByRole("button", { name: /สร้างรหัส/ }).click();
    const address = page.getByTestId("slip-address").first();
    await address.waitFor();
    const host = new URL(server.url).host;
    await expect(address.textContent()).resolves.toBe(`${host}/s/${seed.slug}/iit`);
    const size = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(await size('[data-testid="slip-address"]')).toBeGreaterThan(await size(".slip p:not(.code):not(.address)"));
    await onScreen(page, "issue16-slips-desktop");

    await page.goto(`${server.url}/admin/rounds/${seed.roundId}/channels`);
    await page.locator("#new-key").fill("lobby");
    await page.locator("#new-name").fill("โถงชั้นล่าง");
    await page.getByRole("button", { name: "เพิ่มช่องทาง" }).click();
    await page
      .locator('[data-channel="lobby"]')
      .getByRole("link", { name: /โปสเตอร์/ })
      .click();
    await page.getByTestId("poster-closes").waitFor();
    await expect(page.getByTestId("poster-closes").textContent()).resolves.toBe("ตอบได้ถึงวันที่ 30 กันยายน 2570");
    await expect(page.getByTestId("poster-address").textContent()).resolves.toBe(`${host}/s/${seed.slug}?c=lobby`);
    await onScreen(page, "issue16-poster-desktop");
  } finally {
    await browser.close();
  }
});

it("on a phone, Back inside the questionnaire goes to the previous page of questions, and Forward returns", async () => {
  await db.updateTable("rounds").set({ closes_on: null }).where("id", "=", seed.roundId).execute();
  const browser = await openBrowser({ viewport: PHONE });
  const { page } = browser;
  try {
    await page.goto(`${server.url}/`);
    await page.goto(`${server.url}/s/${seed.slug}`);
    await page.locator(".sd-page").first().waitFor();
    const first = await pageTitle(page);
    await answerVisiblePage(page);
    await goNext(page);
    const second = await pageTitle(page);
    await answerVisiblePage(page);
    await goNext(page);
    const third = await pageTitle(page);
    expect(new Set([first, second, third]).size).toBe(3);

    const titleBecomes = (title: string) =>
      page.waitForFunction((t) => (document.querySelector(".sd-page__title")?.textContent ?? "").trim() === t, title);
    await page.goBack();
    await titleBecomes(second);
    expect(new URL(page.url()).pathname).toBe(`/s/${seed.slug}`);
    await page.goBack();
    await titleBecomes(first);
    // Answers given are kept while paging back and forth.
    expect(await page.locator(".sd-page input[type=radio]:checked").count()).toBeGreaterThan(0);
    await page.goForward();
    await titleBecomes(second);
    await onScreen(page, "issue16-back-button-phone");
    // Back from the first page leaves the questionnaire, as before.
    await page.goBack();
    await titleBecomes(first);
    await page.goBack();
    await page.waitForURL(`${server.url}/`);
  } finally {
    await browser.close();
  }
});
