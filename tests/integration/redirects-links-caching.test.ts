import { describe, expect, it } from "vitest";
import { get, post, useTestApp } from "../support/app";
import { FLAVOURS } from "../support/databases";
import { PASSWORD } from "../support/factories";

// Issue 14, items 4, 6 and 12, tried against the built server as an attacker would: redirects that leave the
// site, one set-password link used three times at once, and signed-in pages a browser or proxy could keep.

// `next` / `back` values that a browser would follow to another site (a tab is dropped, a backslash is a
// slash, dot segments collapse), or that would put a line break in the Location header.
const OFF_SITE = [
  "/\t/evil.example/x",
  "/\\evil.example/",
  "\\/evil.example/",
  "//evil.example/x",
  "/.//evil.example/x",
  "https://evil.example/x",
  "/admin\r\nSet-Cookie: planted=1",
  "/admin\n/evil",
];

describe.each(FLAVOURS)("redirects, one-time links and caching on %s", (flavour) => {
  const { server, db, agencies, cookies } = useTestApp({ flavour, agencies: ["a"], signIn: ["a-admin", "super"] });

  it("sends a signed-in visitor only to a path on this site, whatever ?next= says", async () => {
    const tab = await get(server, "/login?next=/%09/evil.example/x", cookies["a-admin"]);
    expect(tab.status).toBe(302);
    expect(tab.headers.get("location")).toBe("/admin");
    const local = await get(server, `/login?next=${encodeURIComponent("/admin/rounds?tab=a")}`, cookies["a-admin"]);
    expect(local.headers.get("location")).toBe("/admin/rounds?tab=a");
    const page = await get(server, "/login?next=/%09/evil.example/x");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('name="next" value="/admin"');
  });

  it("signs in and lands on /admin when next leaves the site or holds a line break, without a 500", async () => {
    const user = await db
      .selectFrom("users")
      .select("id")
      .where("email", "=", agencies.a.users.viewer)
      .executeTakeFirstOrThrow();
    const sessions = async () =>
      (await db.selectFrom("sessions").select("id").where("user_id", "=", user.id).execute()).length;
    const before = await sessions();
    for (const next of OFF_SITE) {
      const res = await post(server, "/login", "", { email: agencies.a.users.viewer, password: PASSWORD, next });
      expect(res.status, JSON.stringify(next)).toBe(302);
      expect(res.headers.get("location"), JSON.stringify(next)).toBe("/admin");
      expect(res.headers.get("set-cookie"), JSON.stringify(next)).toMatch(/^ita_session=/);
    }
    expect(await sessions()).toBe(before + OFF_SITE.length);
    const local = await post(server, "/login", "", {
      email: agencies.a.users.viewer,
      password: PASSWORD,
      next: "/admin/rounds?tab=a",
    });
    expect(local.headers.get("location")).toBe("/admin/rounds?tab=a");
  });

  it("refuses a language switch posted from another site, and returns only to a path on this site", async () => {
    const form = { to: "en", back: "/\\evil.example/" };
    const crossSite = await post(server, "/lang", "", form, "http://evil.example");
    expect([400, 403]).toContain(crossSite.status);
    expect(crossSite.headers.get("location")).toBeNull();
    expect(crossSite.headers.get("set-cookie")).toBeNull();
    const noOrigin = await fetch(`${server.url}/lang`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form),
    });
    expect(noOrigin.status).toBe(403);
    expect(await noOrigin.text()).toContain("ระบบปฏิเสธคำขอที่ส่งมาจากเว็บไซต์อื่น");
    for (const back of OFF_SITE) {
      const res = await post(server, "/lang", "", { to: "en", back });
      expect(res.status, JSON.stringify(back)).toBe(302);
      expect(res.headers.get("location"), JSON.stringify(back)).toBe("/");
      expect(res.headers.get("set-cookie")).toMatch(/^lang=en;/);
    }
    const home = await post(server, "/lang", "", { to: "th", back: "/s/some-round/iit?x=1" });
    expect(home.headers.get("location")).toBe("/s/some-round/iit?x=1");
  });

  it("follows a super-administrator's acting-agency next path only inside the admin area", async () => {
    const enter = (next: string) =>
      post(server, "/admin/acting-agency", cookies.super, { intent: "enter", agencyId: agencies.a.id, next });
    expect((await enter("/admin/rounds?tab=a")).headers.get("location")).toBe("/admin/rounds?tab=a");
    for (const next of [...OFF_SITE, "/adminx", "/"]) {
      const res = await enter(next);
      expect(res.status, JSON.stringify(next)).toBe(302);
      expect(res.headers.get("location"), JSON.stringify(next)).toBe("/admin/official");
    }
    expect((await post(server, "/admin/acting-agency", cookies.super, { intent: "leave" })).status).toBe(302);
  });

  it("spends a set-password link once when three uses of it arrive together: one 200, two 410", async () => {
    const created = await post(server, "/admin/users", cookies["a-admin"], {
      intent: "create",
      email: `race.${flavour}@a.test.go.th`,
      name: "",
      role: "viewer",
    });
    expect(created.status).toBe(200);
    const token = (await created.text()).match(/\/password\/([A-Za-z0-9_-]{43})/)![1]!;
    const user = await db
      .selectFrom("users")
      .select("id")
      .where("email", "=", `race.${flavour}@a.test.go.th`)
      .executeTakeFirstOrThrow();
    const passwords = ["race-pass-one-1", "race-pass-two-2", "race-pass-three-3"];
    const replies = await Promise.all(
      passwords.map((password) => post(server, `/password/${token}`, "", { password, confirm: password })),
    );
    const statuses = replies.map((r) => r.status);
    expect([...statuses].sort()).toEqual([200, 410, 410]);
    for (const reply of replies.filter((r) => r.status === 410)) {
      expect(await reply.text()).toContain("ลิงก์นี้ใช้ไม่ได้แล้ว");
    }
    const audits = await db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "user.password")
      .where("entity_id", "=", user.id)
      .execute();
    expect(audits).toHaveLength(1);
    expect(await db.selectFrom("password_tokens").select("id").where("user_id", "=", user.id).execute()).toHaveLength(
      0,
    );
    const winner = passwords[statuses.indexOf(200)]!;
    for (const password of passwords) {
      const res = await post(server, "/login", "", { email: `race.${flavour}@a.test.go.th`, password });
      expect(res.status, password).toBe(password === winner ? 302 : 401);
    }
  });

  it("answers every signed-in page, data request, printable page, export and redirect with no-store", async () => {
    const roundId = agencies.a.roundId;
    const paths = [
      "/admin",
      "/admin/rounds",
      `/admin/rounds/${roundId}`,
      `/admin/rounds/${roundId}/access`,
      `/admin/rounds/${roundId}/access.data`,
      `/admin/rounds/${roundId}.data`,
      `/admin/rounds/${roundId}/blank/eit`,
      `/admin/rounds/${roundId}/responses/csv`,
      `/admin/rounds/${roundId}/report`,
      "/admin/rounds/00000000-0000-4000-8000-000000000009",
      "/",
    ];
    for (const path of paths) {
      const res = await get(server, path, cookies["a-admin"]);
      expect(res.status, path).toBeLessThan(500);
      expect(res.headers.get("cache-control"), path).toBe("no-store");
      await res.arrayBuffer();
    }
    const hub = await get(server, `/admin/rounds/${roundId}`, cookies["a-admin"]);
    expect(hub.status).toBe(200);
    // Static files keep their caching for a signed-in person; a visitor's public page is not forced to no-store.
    const icon = await get(server, "/favicon.svg", cookies["a-admin"]);
    expect(icon.headers.get("cache-control")).toMatch(/max-age=\d+/);
    expect((await get(server, "/")).headers.get("cache-control")).toBeNull();
  });
});
