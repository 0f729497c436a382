import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { useTestApp } from "../support/app";
import { DESKTOP, openBrowser, PHONE, screenshot } from "../support/browser";

const { server, db } = useTestApp();

// Chromium reports an HTTP error answer (the refusals this test provokes on purpose) as a console error.
const REFUSALS = [/status of (401|403)/];

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel("อีเมล").fill(email);
  await page.getByLabel("รหัสผ่าน").fill(password);
  await page.getByRole("button", { name: "เข้าสู่ระบบ" }).click();
}

async function setPassword(page: Page, link: string, password: string) {
  await page.goto(link);
  await page.getByLabel("รหัสผ่านใหม่").fill(password);
  await page.getByLabel("พิมพ์รหัสผ่านอีกครั้ง").fill(password);
  await page.getByRole("button", { name: "บันทึกรหัสผ่าน" }).click();
  await page.getByText("ตั้งรหัสผ่านเรียบร้อยแล้ว").waitFor();
}

async function addUser(page: Page, email: string, role: string): Promise<string> {
  await page.locator("#new-email").fill(email);
  await page.locator("#new-role").selectOption(role);
  await page.getByRole("button", { name: "เพิ่มผู้ใช้และออกลิงก์ตั้งรหัสผ่าน" }).click();
  const link = await page.getByTestId("password-link").textContent();
  expect(link).toMatch(new RegExp(`^${server.url}/password/[A-Za-z0-9_-]{43}$`));
  return link!;
}

it("lets the super-administrator set up an agency whose administrator runs a round and adds a read-only viewer", async () => {
  const superB = await openBrowser({ viewport: DESKTOP, allowConsoleErrors: REFUSALS });
  const adminB = await openBrowser({ viewport: PHONE, allowConsoleErrors: REFUSALS });
  const viewerB = await openBrowser({ viewport: PHONE, allowConsoleErrors: REFUSALS });
  try {
    // The super-administrator creates the agency and its administrator.
    const sp = superB.page;
    await signIn(sp, "super@test.go.th", "super-secret-pw");
    await sp.waitForURL(/\/admin\/rounds$/);
    await sp.getByRole("link", { name: "หน่วยงาน", exact: true }).click();
    await sp.locator("#name_th").fill("เทศบาลตำบลบ้านทดสอบ");
    await sp.locator("#type").selectOption("subdistrict-municipality");
    await sp.locator("#size").selectOption("M");
    await sp.locator("#staff_count").fill("48");
    await sp.getByRole("button", { name: "เพิ่มหน่วยงาน" }).click();
    await sp.locator("h1", { hasText: "เทศบาลตำบลบ้านทดสอบ" }).waitFor();
    const adminLink = await addUser(sp, "palad@bantest.go.th", "admin");
    await screenshot(sp, "admin-agency-desktop");

    // The agency administrator sets a password, signs in and creates a round with the framework's defaults.
    const ap = adminB.page;
    await setPassword(ap, adminLink, "palad-password-1");
    await signIn(ap, "palad@bantest.go.th", "palad-password-1");
    await ap.getByRole("link", { name: "+ สร้างรอบการประเมินใหม่" }).click();
    expect(await ap.locator("#framework").inputValue()).toBe("ita-2565");
    expect(await ap.locator("#min_iit").inputValue()).toBe("25");
    // One-time codes are the default IIT access of a new round (issue 13).
    expect(await ap.locator("#iit_access").inputValue()).toBe("codes");
    await screenshot(ap, "admin-round-new-phone");
    await ap.getByRole("button", { name: "สร้างรอบการประเมิน" }).click();
    await ap.waitForURL(/\/admin\/rounds\/[0-9a-f-]{36}$/);
    const roundUrl = ap.url();
    expect(await ap.getByTestId("round-status").textContent()).toContain("ร่าง");
    expect(await ap.locator("dd", { hasText: "รหัสใช้ครั้งเดียว" }).count()).toBe(1);
    expect(await ap.getByTestId("round-pin").count()).toBe(0);

    // …changes its settings…
    await ap.getByRole("link", { name: "ตั้งค่ารอบการประเมิน" }).click();
    await ap.locator("#status").selectOption("open");
    await ap.locator("#target_line").fill("90");
    await ap.locator("#min_eit").fill("75");
    await ap.getByRole("button", { name: "บันทึกการตั้งค่า" }).click();
    await ap.waitForURL(roundUrl);
    expect(await ap.getByTestId("round-status").textContent()).toContain("เปิดรับคำตอบ");
    expect(await ap.getByTestId("round-lines").textContent()).toBe("70 / 90");
    expect(await ap.getByTestId("round-mins").textContent()).toBe("25 / 75");
    await screenshot(ap, "admin-round-phone");

    // …and adds a viewer.
    await ap.getByRole("link", { name: "ผู้ใช้งาน" }).click();
    const viewerLink = await addUser(ap, "viewer@bantest.go.th", "viewer");
    await screenshot(ap, "admin-users-phone");

    // A cross-site POST with the administrator's cookie changes nothing.
    const evil = await adminB.context.request.post(`${roundUrl}/settings`, {
      headers: { Origin: "http://evil.example" },
      form: {
        status: "closed",
        fiscal_year: "2569",
        framework: "ita-2565",
        iit_access: "pin",
        strength_line: "70",
        target_line: "85",
        min_iit: "1",
        min_eit: "1",
      },
      maxRedirects: 0,
    });
    expect([400, 403]).toContain(evil.status());
    const round = await db
      .selectFrom("rounds")
      .select(["status", "min_eit"])
      .where("id", "=", roundUrl.split("/").pop()!)
      .executeTakeFirstOrThrow();
    expect(round).toEqual({ status: "open", min_eit: 75 });

    // The viewer's link works; the viewer sees the round but cannot change it.
    const vp = viewerB.page;
    await setPassword(vp, viewerLink, "viewer-password-1");
    await signIn(vp, "viewer@bantest.go.th", "viewer-password-1");
    await vp
      .getByRole("link", { name: /ปีงบประมาณ/ })
      .first()
      .click();
    await vp.waitForURL(roundUrl);
    expect(await vp.getByTestId("round-status").textContent()).toContain("เปิดรับคำตอบ");
    expect(await vp.getByRole("link", { name: "ตั้งค่ารอบการประเมิน" }).count()).toBe(0);
    expect(await vp.getByRole("link", { name: "ผู้ใช้งาน" }).count()).toBe(0);
    const denied = await vp.goto(`${roundUrl}/settings`);
    expect(denied?.status()).toBe(403);
    await vp.locator("h1", { hasText: "ท่านไม่มีสิทธิ์ใช้งานส่วนนี้" }).waitFor();
    await screenshot(vp, "admin-viewer-denied-phone");
    const write = await viewerB.context.request.post(`${roundUrl}/settings`, {
      headers: { Origin: server.url },
      form: { status: "closed" },
      maxRedirects: 0,
    });
    expect(write.status()).toBe(403);
  } finally {
    await superB.close();
    await adminB.close();
    await viewerB.close();
  }
});

it("locks an account after repeated wrong passwords, so even the right one is refused for a while", async () => {
  const browser = await openBrowser({ viewport: PHONE, allowConsoleErrors: REFUSALS });
  try {
    const page = browser.page;
    for (let i = 0; i < 5; i++) {
      await signIn(page, "super@test.go.th", `wrong-${i}`);
      await page.getByRole("alert").waitFor();
    }
    await signIn(page, "super@test.go.th", "super-secret-pw");
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("alert").textContent()).toContain("ระงับชั่วคราว");
    expect(page.url()).toContain("/login");
    await screenshot(page, "admin-login-locked-phone");
    const user = await db
      .selectFrom("users")
      .select("locked_until")
      .where("email", "=", "super@test.go.th")
      .executeTakeFirstOrThrow();
    expect(Date.parse(user.locked_until!)).toBeGreaterThan(Date.now() + 14 * 60_000);
  } finally {
    await browser.close();
  }
});
