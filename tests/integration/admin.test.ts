import { execFile } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { get, post, signIn, useTestApp } from "../support/app";
import { FLAVOURS } from "../support/databases";
import { ROOT } from "../support/env";
import { PASSWORD } from "../support/factories";

const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");
const run = promisify(execFile);

describe.each(FLAVOURS)("administration on %s", (flavour) => {
  const { database, server, db, agencies } = useTestApp({ flavour, agencies: ["a"] });
  const a = agencies.a;
  let adminCookie: string;

  beforeAll(async () => {
    adminCookie = await signIn(server, a.users.admin);
  });

  it("sets an HttpOnly, SameSite=Lax session cookie whose value is stored only as its sha256", async () => {
    const res = await post(server, "/login", "", { email: a.users.clerk, password: PASSWORD, next: "/admin/rounds" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/admin/rounds");
    const header = res.headers.get("set-cookie")!;
    expect(header).toMatch(/^ita_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200$/);
    const token = header.match(/ita_session=([^;]+)/)![1]!;
    const rows = await db.selectFrom("sessions").select("id").execute();
    expect(rows.map((r) => r.id)).toContain(sha256(token));
    expect(rows.map((r) => r.id)).not.toContain(token);
  });

  it("gives a new session on every sign-in and revokes it on sign-out", async () => {
    const first = await signIn(server, a.users.viewer);
    const second = await signIn(server, a.users.viewer);
    expect(first).not.toBe(second);
    expect((await get(server, "/admin/rounds", first)).status).toBe(200);
    const out = await post(server, "/logout", first, {});
    expect(out.status).toBe(302);
    expect(out.headers.get("set-cookie")).toContain("Max-Age=0");
    const after = await get(server, "/admin/rounds", first);
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toBe("/login?next=%2Fadmin%2Frounds");
    expect((await get(server, "/admin/rounds", second)).status).toBe(200);
  });

  it("refuses an expired session and a disabled user's session", async () => {
    const cookie = await signIn(server, a.users.viewer);
    await db
      .updateTable("sessions")
      .set({ expires_at: "2000-01-01T00:00:00.000Z" })
      .where("id", "=", sha256(cookie.split("=")[1]!))
      .execute();
    expect((await get(server, "/admin/rounds", cookie)).status).toBe(302);
    const live = await signIn(server, a.users.clerk);
    await db.updateTable("users").set({ disabled: 1 }).where("email", "=", a.users.clerk).execute();
    expect((await get(server, "/admin/rounds", live)).status).toBe(302);
    await db.updateTable("users").set({ disabled: 0 }).where("email", "=", a.users.clerk).execute();
  });

  it("answers an API request without a session with 401 JSON in Thai and English", async () => {
    const res = await get(server, `/api/rounds/${a.roundId}/results`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "Sign-in required.", errorTh: "กรุณาเข้าสู่ระบบก่อน" });
  });

  it("refuses a cross-site sign-in and a cross-site change, and follows only local next paths", async () => {
    // React Router itself answers 400 when Origin differs from the request's host; the guard answers 403
    // when Origin or Referer is not PUBLIC_URL's origin, including requests that React Router lets through.
    expect([400, 403]).toContain(
      (await post(server, "/login", "", { email: a.users.admin, password: PASSWORD }, "http://evil.example")).status,
    );
    const change = await post(
      server,
      `/admin/rounds/${a.roundId}/settings`,
      adminCookie,
      { status: "closed" },
      "http://evil.example",
    );
    expect([400, 403]).toContain(change.status);
    const settings = `${server.url}/admin/rounds/${a.roundId}/settings`;
    const form = { "Content-Type": "application/x-www-form-urlencoded", Cookie: adminCookie };
    const noOrigin = await fetch(settings, {
      method: "POST",
      redirect: "manual",
      headers: form,
      body: "status=closed",
    });
    expect(noOrigin.status).toBe(403);
    const evilReferer = await fetch(settings, {
      method: "POST",
      redirect: "manual",
      headers: { ...form, Referer: "http://evil.example/page" },
      body: "status=closed",
    });
    expect(evilReferer.status).toBe(403);
    expect(await evilReferer.text()).toContain("ระบบปฏิเสธคำขอที่ส่งมาจากเว็บไซต์อื่น");
    const otherHost = `http://localhost:${server.port}`;
    const viaLocalhost = await fetch(`${otherHost}/admin/rounds/${a.roundId}/settings`, {
      method: "POST",
      redirect: "manual",
      headers: { ...form, Origin: otherHost },
      body: "status=closed",
    });
    expect(viaLocalhost.status).toBe(403);
    expect(
      (await db.selectFrom("rounds").select("status").where("id", "=", a.roundId).executeTakeFirstOrThrow()).status,
    ).toBe("open");
    const res = await post(server, "/login", "", {
      email: a.users.viewer,
      password: PASSWORD,
      next: "//evil.example/x",
    });
    expect(res.headers.get("location")).toBe("/admin");
  });

  it("locks an account for 15 minutes after 5 wrong passwords, even against the right one", async () => {
    const email = `lock-${flavour}@a.test.go.th`;
    const hash = (
      await db.selectFrom("users").select("password_hash").where("email", "=", a.users.viewer).executeTakeFirstOrThrow()
    ).password_hash;
    await db
      .insertInto("users")
      .values({
        id: crypto.randomUUID(),
        email,
        name: null,
        password_hash: hash,
        role: "viewer",
        agency_id: a.id,
        locked_until: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    for (let i = 0; i < 5; i++) {
      const res = await post(server, "/login", "", { email, password: "wrong-password" });
      expect(res.status).toBe(401);
      expect(await res.text()).toContain("อีเมลหรือรหัสผ่านไม่ถูกต้อง");
    }
    expect((await post(server, "/login", "", { email, password: PASSWORD })).status).toBe(401);
    const user = await db
      .selectFrom("users")
      .select("locked_until")
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    const minutes = (Date.parse(user.locked_until!) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    const log = await db.selectFrom("audit_log").select("action").where("action", "=", "user.lock").execute();
    expect(log).toHaveLength(1);
  });

  it("creates a user with a one-time set-password link that works once", async () => {
    const res = await post(server, "/admin/users", adminCookie, {
      intent: "create",
      email: "New.Viewer@a.test.go.th",
      name: "",
      role: "viewer",
    });
    expect(res.status).toBe(200);
    const link = (await res.text()).match(/http:\/\/127\.0\.0\.1:\d+\/password\/([A-Za-z0-9_-]{43})/)!;
    expect(link).toBeTruthy();
    const tokens = await db.selectFrom("password_tokens").select("id").execute();
    expect(tokens.map((t) => t.id)).toContain(sha256(link[1]!));
    const page = await get(server, `/password/${link[1]}`);
    expect(await page.text()).toContain("new.viewer@a.test.go.th");
    expect((await post(server, `/password/${link[1]}`, "", { password: "short", confirm: "short" })).status).toBe(422);
    const set = await post(server, `/password/${link[1]}`, "", {
      password: "viewer-pass-123",
      confirm: "viewer-pass-123",
    });
    expect(set.status).toBe(200);
    expect(await signIn(server, "new.viewer@a.test.go.th", "viewer-pass-123")).toMatch(/^ita_session=/);
    expect(
      (await post(server, `/password/${link[1]}`, "", { password: "another-pass-1", confirm: "another-pass-1" }))
        .status,
    ).toBe(410);
    const viewer = await signIn(server, "new.viewer@a.test.go.th", "viewer-pass-123");
    expect(
      (await post(server, "/admin/users", viewer, { intent: "create", email: "x@a.test.go.th", role: "admin" })).status,
    ).toBe(403);
  });

  it("creates a round with a generated PIN, logs changes, and deletes it only when closed and confirmed", async () => {
    const fields = {
      fiscal_year: "2570",
      title: "",
      framework: "ita-2565",
      status: "draft",
      opens_on: "",
      closes_on: "",
      iit_access: "pin",
      pin: "",
      strength_line: "70",
      target_line: "85",
      min_iit: "25",
      min_eit: "30",
    };
    const created = await post(server, "/admin/rounds/new", adminCookie, fields);
    expect(created.status).toBe(302);
    const roundId = created.headers.get("location")!.split("/").pop()!;
    const round = await db.selectFrom("rounds").selectAll().where("id", "=", roundId).executeTakeFirstOrThrow();
    expect(round).toMatchObject({ agency_id: a.id, fiscal_year: 2570, status: "draft", min_iit: 25 });
    expect(round.pin).toMatch(/^\d{6}$/);
    const bad = await post(server, `/admin/rounds/${roundId}/settings`, adminCookie, {
      ...fields,
      strength_line: "90",
      target_line: "80",
    });
    expect(bad.status).toBe(422);
    await post(server, `/admin/rounds/${roundId}/settings`, adminCookie, {
      ...fields,
      status: "open",
      pin: round.pin!,
      min_eit: "45",
    });
    expect((await post(server, `/admin/rounds/${roundId}/delete`, adminCookie, { confirm: round.slug })).status).toBe(
      409,
    );
    await post(server, `/admin/rounds/${roundId}/settings`, adminCookie, {
      ...fields,
      status: "closed",
      pin: round.pin!,
      min_eit: "45",
    });
    expect((await post(server, `/admin/rounds/${roundId}/delete`, adminCookie, { confirm: "ลบ" })).status).toBe(422);
    const deleted = await post(server, `/admin/rounds/${roundId}/delete`, adminCookie, { confirm: "ยืนยันการลบ" });
    expect(deleted.status).toBe(302);
    expect(await db.selectFrom("rounds").select("id").where("id", "=", roundId).executeTakeFirst()).toBeUndefined();
    // Nothing in any table still points at the deleted round.
    const checked: string[] = [];
    for (const table of await db.introspection.getTables()) {
      if (!table.columns.some((c) => c.name === "round_id")) continue;
      const { rows } = await sql<{
        n: number | string;
      }>`select count(*) as n from ${sql.table(table.name)} where round_id = ${roundId}`.execute(db);
      expect(Number(rows[0]!.n), table.name).toBe(0);
      checked.push(table.name);
    }
    expect(checked.length).toBeGreaterThan(0);
    const log = await db
      .selectFrom("audit_log")
      .select(["action", "detail"])
      .where("entity_id", "=", roundId)
      .orderBy("id")
      .execute();
    // Closing decided the IIT release (no IIT answer, so withheld: issue 13), then sealed the round's IIT
    // storage (docs/anonymity.md): two more lines, by the same administrator.
    expect(log.map((l) => l.action)).toEqual([
      "round.create",
      "round.update",
      "round.update",
      "round.iit-release",
      "round.seal",
      "round.delete",
    ]);
    expect(log[1]!.detail).toContain('"min_eit":{"from":30,"to":45}');
    expect(JSON.parse(log[3]!.detail!)).toEqual({ result: "withheld", count: 0, minGroup: 5 });
    const page = await (await get(server, "/admin/audit", adminCookie)).text();
    expect(page).toContain("round.delete");
  });

  it("creates a user from the command line who can then sign in", async () => {
    const env = { ...process.env, DATABASE_URL: database.url };
    const { stdout } = await run(
      "npx",
      [
        "tsx",
        "scripts/admin.ts",
        "create",
        "--email",
        "cli@a.test.go.th",
        "--password",
        "cli-password-1",
        "--role",
        "clerk",
        "--agency",
        a.id,
      ],
      { cwd: ROOT, env },
    );
    expect(stdout).toMatch(/^[0-9a-f-]{36}\tcli@a\.test\.go\.th\tclerk\t/);
    expect(await signIn(server, "cli@a.test.go.th", "cli-password-1")).toMatch(/^ita_session=/);
    await expect(
      run(
        "npx",
        [
          "tsx",
          path.join("scripts", "admin.ts"),
          "create",
          "--email",
          "x@a.test.go.th",
          "--password",
          "cli-password-1",
          "--role",
          "admin",
        ],
        { cwd: ROOT, env },
      ),
    ).rejects.toThrow(/--agency ID is required/);
  });
});

describe("the session cookie behind https", () => {
  const { server } = useTestApp({ env: { PUBLIC_URL: "https://ita.example.go.th" } });

  it("is marked Secure when PUBLIC_URL is https", async () => {
    const res = await fetch(`${server.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Referer: "https://ita.example.go.th/login" },
      body: new URLSearchParams({ email: "super@test.go.th", password: "super-secret-pw" }),
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("set-cookie")).toMatch(/; Secure$/);
  });
});
