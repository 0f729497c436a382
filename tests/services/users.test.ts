import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { getPasswordLink, setPasswordWithLink } from "../../app/services/users/password-links.server";
import { attemptLogin, signIn, signOut } from "../../app/services/users/sign-in.server";
import {
  createUser,
  getUsersPage,
  handleUserAction,
  issueResetLink,
  listUsers,
  setUserDisabled,
} from "../../app/services/users/users.server";
import type { Db } from "../../db/client";
import { FLAVOURS } from "../support/databases";
import { actorOf, createAgency, createAgencySetup, createUser as seedUser, PASSWORD } from "../support/factories";
import { expectRolledBackWhenAuditFails, useServiceDb } from "../support/service-db";

const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");
const tokenOf = (link: string | undefined) => link?.match(/\/password\/([A-Za-z0-9_-]{43})$/)?.[1] ?? "";
/** A client address of its own per call, so that the per-address failure limit never decides a test. */
const address = () => `test-${crypto.randomUUID()}`;

async function addSession(db: Db, userId: string): Promise<string> {
  const id = sha256(crypto.randomUUID());
  await db
    .insertInto("sessions")
    .values({
      id,
      user_id: userId,
      created_at: new Date().toISOString(),
      expires_at: new Date(Date.now() + 3600_000).toISOString(),
    })
    .execute();
  return id;
}

describe.each(FLAVOURS)("users service on %s", (flavour) => {
  const t = useServiceDb(flavour);

  const userRow = (email: string) => t.db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
  const auditOf = (entityId: string) =>
    t.db
      .selectFrom("audit_log")
      .select(["action", "detail", "agency_id"])
      .where("entity_id", "=", entityId)
      .orderBy("id")
      .execute();

  it("adds a user with a one-time set-password link that sets the password once, each step audited", async () => {
    const { agency, admin } = await createAgencySetup(t.db);
    const created = await handleUserAction(t.db, admin, {
      intent: "create",
      email: " New.Viewer@Example.go.th ",
      name: "",
      role: "viewer",
    });
    expect(created).toMatchObject({ ok: true, intent: "create", email: "new.viewer@example.go.th" });
    if (!created.ok) return;
    const token = tokenOf(created.link);
    expect(token).toHaveLength(43);
    const row = await userRow("new.viewer@example.go.th");
    expect(row).toMatchObject({ role: "viewer", agency_id: agency.id, password_hash: null, name: null });
    const tokens = await t.db
      .selectFrom("password_tokens")
      .select(["id", "purpose"])
      .where("user_id", "=", row!.id)
      .execute();
    expect(tokens).toEqual([{ id: sha256(token), purpose: "set" }]);

    const listed = (await listUsers(t.db, admin)).find((u) => u.id === row!.id);
    expect(listed).toEqual({
      id: row!.id,
      email: "new.viewer@example.go.th",
      name: null,
      role: "viewer",
      agencyName: agency.name_th,
      status: "awaiting-password",
    });

    expect(await getPasswordLink(t.db, token)).toEqual({
      valid: true,
      email: "new.viewer@example.go.th",
      min: 8,
      max: 200,
    });
    expect(await setPasswordWithLink(t.db, token, { password: "short", confirm: "short" })).toEqual({
      ok: false,
      problem: "length",
    });
    expect(await setPasswordWithLink(t.db, token, { password: "viewer-pass-1", confirm: "viewer-pass-2" })).toEqual({
      ok: false,
      problem: "mismatch",
    });
    expect(await setPasswordWithLink(t.db, token, { password: "viewer-pass-1", confirm: "viewer-pass-1" })).toEqual({
      ok: true,
    });
    expect(await setPasswordWithLink(t.db, token, { password: "viewer-pass-2", confirm: "viewer-pass-2" })).toEqual({
      ok: false,
      problem: "expired",
    });
    expect((await getPasswordLink(t.db, token)).valid).toBe(false);
    expect(
      await attemptLogin(t.db, { email: "new.viewer@example.go.th", password: "viewer-pass-1", address: address() }),
    ).toEqual({
      ok: true,
      userId: row!.id,
    });
    expect((await listUsers(t.db, admin)).find((u) => u.id === row!.id)?.status).toBe("active");
    const audit = await auditOf(row!.id);
    expect(audit.map((a) => a.action)).toEqual(["user.create", "user.password"]);
    expect(JSON.parse(audit[0]!.detail!)).toEqual({ email: "new.viewer@example.go.th", role: "viewer" });
  });

  it("lets exactly one of three concurrent uses of a set-password link set the password, with one audit entry", async () => {
    const { admin, clerk } = await createAgencySetup(t.db);
    const reset = await issueResetLink(t.db, admin, clerk.id);
    const token = tokenOf(reset.ok ? reset.link : undefined);
    const passwords = ["race-pass-one-1", "race-pass-two-2", "race-pass-three-3"];
    const results = await Promise.all(
      passwords.map((password) => setPasswordWithLink(t.db, token, { password, confirm: password })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.problem === "expired")).toHaveLength(2);
    expect((await auditOf(clerk.id)).map((a) => a.action)).toEqual(["user.reset-link", "user.password"]);
    expect(await t.db.selectFrom("password_tokens").select("id").where("user_id", "=", clerk.id).execute()).toEqual([]);
    const winner = passwords[results.findIndex((r) => r.ok)]!;
    for (const password of passwords) {
      const login = await attemptLogin(t.db, { email: clerk.email, password, address: address() });
      expect(login.ok, password).toBe(password === winner);
    }
  });

  it("refuses a bad or taken email with Thai and English messages and writes nothing", async () => {
    const { admin, clerk } = await createAgencySetup(t.db);
    const before = await t.db.selectFrom("users").select("id").execute();
    const bad = await createUser(t.db, admin, { email: "not-an-email", name: "", role: "viewer" }, admin.agency_id);
    expect(bad).toEqual({
      ok: false,
      errors: [{ field: "email", message: "A valid email address.", messageTh: "โปรดระบุอีเมลให้ถูกต้อง" }],
    });
    const taken = await createUser(t.db, admin, { email: clerk.email, name: "", role: "viewer" }, admin.agency_id);
    expect(taken).toEqual({
      ok: false,
      errors: [{ field: "email", message: "This email already has an account.", messageTh: "อีเมลนี้มีบัญชีอยู่แล้ว" }],
    });
    const unknown = await handleUserAction(t.db, admin, { intent: "probe", userId: clerk.id });
    expect(unknown.ok ? [] : unknown.errors.map((e) => e.field)).toEqual(["intent"]);
    expect(await t.db.selectFrom("users").select("id").execute()).toHaveLength(before.length);
    expect(await t.db.selectFrom("password_tokens").select("id").where("user_id", "=", clerk.id).execute()).toEqual([]);
  });

  it("refuses a viewer, a role above the actor's and their own account (403), and hides another agency's user (404)", async () => {
    const a = await createAgencySetup(t.db);
    const b = await createAgencySetup(t.db);
    const input = { intent: "create", email: "x@example.go.th", name: "", role: "viewer" };
    await expect(handleUserAction(t.db, a.viewer, input)).rejects.toMatchObject({ status: 403 });
    await expect(handleUserAction(t.db, a.admin, { ...input, role: "super" })).rejects.toMatchObject({ status: 403 });
    await expect(setUserDisabled(t.db, a.admin, a.admin.id, true)).rejects.toMatchObject({ status: 403 });
    await expect(setUserDisabled(t.db, b.admin, a.clerk.id, true)).rejects.toMatchObject({ status: 404 });
    await expect(issueResetLink(t.db, b.admin, a.clerk.id)).rejects.toMatchObject({ status: 404 });
    await expect(listUsers(t.db, b.admin, a.agency.id)).rejects.toMatchObject({ status: 404 });
    const root = await seedUser(t.db, "super", null);
    await expect(issueResetLink(t.db, a.admin, root.id)).rejects.toMatchObject({ status: 404 });
    expect((await userRow(a.clerk.email))?.disabled).toBe(0);
    expect(await userRow("x@example.go.th")).toBeUndefined();
  });

  it("adds a super-administrator's user to the acting agency and refuses a form naming another", async () => {
    const a = await createAgency(t.db);
    const b = await createAgency(t.db);
    const root = await seedUser(t.db, "super", null);
    const acting = actorOf(root, a);
    const page = await getUsersPage(t.db, acting);
    expect(page.agencies).toEqual([{ id: a.id, nameTh: a.name_th }]);
    expect(page.showAgency).toBe(false);
    // Acting for an agency, a super-administrator gives the roles its administrator gives (issue 14, item 5).
    expect(page.roles).toEqual(["admin", "clerk", "viewer"]);
    expect((await getUsersPage(t.db, actorOf(root))).roles).toEqual(["admin", "clerk", "viewer", "super"]);
    const input = { intent: "create", name: "", role: "clerk" };
    const refused = await handleUserAction(t.db, acting, { ...input, email: "clerk@b.example.go.th", agencyId: b.id });
    expect(refused.ok ? "" : refused.errors[0]?.messageTh).toContain("ท่านกำลังทำงานในนามหน่วยงานอื่นอยู่");
    expect(await userRow("clerk@b.example.go.th")).toBeUndefined();
    await handleUserAction(t.db, acting, { ...input, email: "clerk@a.example.go.th" });
    expect((await userRow("clerk@a.example.go.th"))?.agency_id).toBe(a.id);
    // Another agency's page, while acting for A, does not exist (404) and adds nobody (issue 14, item 5)…
    await expect(
      handleUserAction(t.db, acting, { ...input, email: "clerk2@b.example.go.th" }, { agencyId: b.id }),
    ).rejects.toMatchObject({ status: 404 });
    expect(await userRow("clerk2@b.example.go.th")).toBeUndefined();
    // …while a super-administrator acting for none adds B's user there (a cross-agency action, audited with B).
    await handleUserAction(t.db, actorOf(root), { ...input, email: "clerk2@b.example.go.th" }, { agencyId: b.id });
    expect((await userRow("clerk2@b.example.go.th"))?.agency_id).toBe(b.id);
  });

  it("disables an account and ends its sessions, enables it again unlocked, and issues a new link", async () => {
    const { admin, clerk } = await createAgencySetup(t.db);
    const session = await addSession(t.db, clerk.id);
    expect(await setUserDisabled(t.db, admin, clerk.id, true)).toEqual({
      ok: true,
      intent: "disable",
      email: clerk.email,
    });
    expect((await userRow(clerk.email))?.disabled).toBe(1);
    expect(await t.db.selectFrom("sessions").select("id").where("id", "=", session).executeTakeFirst()).toBeUndefined();
    expect((await listUsers(t.db, admin)).find((u) => u.id === clerk.id)?.status).toBe("disabled");
    await t.db
      .updateTable("users")
      .set({ failed_logins: 3, locked_until: new Date(Date.now() + 600_000).toISOString() })
      .where("id", "=", clerk.id)
      .execute();
    expect(await setUserDisabled(t.db, admin, clerk.id, false)).toMatchObject({ ok: true, intent: "enable" });
    expect(await userRow(clerk.email)).toMatchObject({ disabled: 0, failed_logins: 0, locked_until: null });
    const reset = await issueResetLink(t.db, admin, clerk.id);
    const token = tokenOf(reset.ok ? reset.link : undefined);
    const tokens = await t.db
      .selectFrom("password_tokens")
      .select(["id", "purpose"])
      .where("user_id", "=", clerk.id)
      .execute();
    expect(tokens).toEqual([{ id: sha256(token), purpose: "reset" }]);
    expect((await auditOf(clerk.id)).map((a) => a.action)).toEqual(["user.disable", "user.enable", "user.reset-link"]);
  });

  it("signs in with a new session, refuses a wrong password alike, and signs out", async () => {
    const { clerk } = await createAgencySetup(t.db);
    const wrong = await signIn(t.db, { email: clerk.email, password: "wrong-password", address: address() });
    expect(wrong).toEqual({ ok: false });
    const signed = await signIn(t.db, { email: clerk.email, password: PASSWORD, address: address() });
    expect(signed.ok).toBe(true);
    if (!signed.ok) return;
    const token = signed.cookie.match(/^ita_session=([A-Za-z0-9_-]{43});/)?.[1] ?? "";
    expect(token).toHaveLength(43);
    const stored = await t.db
      .selectFrom("sessions")
      .select("user_id")
      .where("id", "=", sha256(token))
      .executeTakeFirst();
    expect(stored).toEqual({ user_id: clerk.id });
    expect((await userRow(clerk.email))?.failed_logins).toBe(0);
    const cleared = await signOut(
      t.db,
      new Request("http://localhost/logout", { headers: { cookie: `ita_session=${token}` } }),
    );
    expect(cleared).toContain("Max-Age=0");
    expect(
      await t.db.selectFrom("sessions").select("id").where("id", "=", sha256(token)).executeTakeFirst(),
    ).toBeUndefined();
  });

  it("locks an account after five wrong passwords with an audit entry, so that the right one is refused", async () => {
    const { agency } = await createAgencySetup(t.db);
    const user = await seedUser(t.db, "viewer", agency.id);
    for (let i = 0; i < 5; i++) {
      expect(await attemptLogin(t.db, { email: user.email, password: `guess-${i}`, address: address() })).toEqual({
        ok: false,
      });
    }
    expect(await attemptLogin(t.db, { email: user.email, password: PASSWORD, address: address() })).toEqual({
      ok: false,
    });
    const row = await userRow(user.email);
    expect(Date.parse(row!.locked_until!)).toBeGreaterThan(Date.now() + 14 * 60_000);
    const audit = await auditOf(user.id);
    expect(audit).toMatchObject([{ action: "user.lock", agency_id: agency.id }]);
    expect(JSON.parse(audit[0]!.detail!)).toEqual({ email: user.email, minutes: 15 });
  });

  it("rolls back every write when its audit entry cannot be written", async () => {
    const { admin, clerk, viewer } = await createAgencySetup(t.db);
    const tables = ["users", "password_tokens", "sessions"] as const;
    await expectRolledBackWhenAuditFails(t.db, tables, () =>
      createUser(t.db, admin, { email: "rolled.back@example.go.th", name: "", role: "clerk" }, admin.agency_id),
    );
    await expectRolledBackWhenAuditFails(t.db, tables, () => issueResetLink(t.db, admin, clerk.id));
    await addSession(t.db, clerk.id);
    await expectRolledBackWhenAuditFails(t.db, tables, () => setUserDisabled(t.db, admin, clerk.id, true));
    await t.db.updateTable("users").set({ disabled: 1 }).where("id", "=", viewer.id).execute();
    await expectRolledBackWhenAuditFails(t.db, tables, () => setUserDisabled(t.db, admin, viewer.id, false));

    const issued = await issueResetLink(t.db, admin, clerk.id);
    const token = tokenOf(issued.ok ? issued.link : undefined);
    await expectRolledBackWhenAuditFails(t.db, tables, () =>
      setPasswordWithLink(t.db, token, { password: "new-password-1", confirm: "new-password-1" }),
    );
    expect((await getPasswordLink(t.db, token)).valid).toBe(true);

    // The fifth wrong password locks the account: the lock and its audit entry commit together.
    await t.db.updateTable("users").set({ failed_logins: 4 }).where("id", "=", clerk.id).execute();
    await expectRolledBackWhenAuditFails(t.db, tables, () =>
      attemptLogin(t.db, { email: clerk.email, password: "wrong-password", address: address() }),
    );
    expect(await userRow(clerk.email)).toMatchObject({ failed_logins: 4, locked_until: null, disabled: 0 });
  });
});
