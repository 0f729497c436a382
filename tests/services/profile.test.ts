import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { changeOwnPassword, getProfile } from "../../app/services/users/profile.server";
import { attemptLogin } from "../../app/services/users/sign-in.server";
import type { Db } from "../../db/client";
import { FLAVOURS } from "../support/databases";
import { actorOf, createAgency, createUser, PASSWORD } from "../support/factories";
import { expectRolledBackWhenAuditFails, useServiceDb } from "../support/service-db";

const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");
const address = () => `test-${crypto.randomUUID()}`;

async function addSession(db: Db, userId: string): Promise<string> {
  const id = sha256(crypto.randomUUID());
  const now = Date.now();
  await db
    .insertInto("sessions")
    .values({
      id,
      user_id: userId,
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + 3600_000).toISOString(),
    })
    .execute();
  return id;
}

describe.each(FLAVOURS)("own account (profile) service on %s", (flavour) => {
  const t = useServiceDb(flavour);
  const sessionsOf = async (userId: string) =>
    (await t.db.selectFrom("sessions").select("id").where("user_id", "=", userId).execute()).map((s) => s.id);
  const auditOf = (userId: string) =>
    t.db
      .selectFrom("audit_log")
      .select(["action", "user_id", "detail"])
      .where("entity_id", "=", userId)
      .orderBy("id")
      .execute();

  it("shows the user's own email, role and agency", async () => {
    const agency = await createAgency(t.db);
    const clerk = actorOf(await createUser(t.db, "clerk", agency.id));
    expect(await getProfile(t.db, clerk)).toMatchObject({
      email: clerk.email,
      role: "clerk",
      agencyName: agency.name_th,
      actingAgencyName: null,
      min: 8,
    });
  });

  it("changes the password with the current one, ends the user's other 2 sessions, keeps this one, and audits it", async () => {
    const agency = await createAgency(t.db);
    const row = await createUser(t.db, "viewer", agency.id);
    const viewer = actorOf(row);
    const here = await addSession(t.db, row.id);
    await addSession(t.db, row.id);
    await addSession(t.db, row.id);
    const result = await changeOwnPassword(t.db, viewer, here, {
      current: PASSWORD,
      password: "a-new-password-1",
      confirm: "a-new-password-1",
    });
    expect(result).toEqual({ ok: true, sessionsEnded: 2 });
    expect(await sessionsOf(row.id)).toEqual([here]);
    expect((await attemptLogin(t.db, { email: row.email, password: PASSWORD, address: address() })).ok).toBe(false);
    expect((await attemptLogin(t.db, { email: row.email, password: "a-new-password-1", address: address() })).ok).toBe(
      true,
    );
    const entries = await auditOf(row.id);
    expect(entries.map((e) => [e.action, e.user_id])).toEqual([["user.password", row.id]]);
    expect(JSON.parse(entries[0]!.detail!)).toEqual({ by: "self", otherSessionsEnded: 2 });
  });

  it("refuses a wrong current password, a short or repeated new one and a mismatch in Thai, changing nothing", async () => {
    const agency = await createAgency(t.db);
    const row = await createUser(t.db, "admin", agency.id);
    const admin = actorOf(row);
    const here = await addSession(t.db, row.id);
    const other = await addSession(t.db, row.id);
    const fields = async (input: Record<string, string>) => {
      const r = await changeOwnPassword(t.db, admin, here, input);
      return r.ok ? [] : r.errors.map((e) => [e.field, e.messageTh]);
    };
    expect(await fields({ current: "wrong-password", password: "new-password-1", confirm: "new-password-1" })).toEqual([
      ["current", "รหัสผ่านปัจจุบันไม่ถูกต้อง"],
    ]);
    expect(await fields({ current: PASSWORD, password: "short", confirm: "short" })).toEqual([
      ["password", "รหัสผ่านใหม่ต้องยาว 8–200 ตัวอักษร"],
    ]);
    expect(await fields({ current: PASSWORD, password: PASSWORD, confirm: PASSWORD })).toEqual([
      ["password", "รหัสผ่านใหม่ต้องไม่ซ้ำกับรหัสผ่านปัจจุบัน"],
    ]);
    expect(await fields({ current: PASSWORD, password: "new-password-1", confirm: "new-password-2" })).toEqual([
      ["confirm", "รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกัน"],
    ]);
    expect((await sessionsOf(row.id)).sort()).toEqual([here, other].sort());
    expect(await auditOf(row.id)).toEqual([]);
    expect((await attemptLogin(t.db, { email: row.email, password: PASSWORD, address: address() })).ok).toBe(true);
  });

  it("locks the account for 15 minutes at the fifth wrong current password in a row, audited, and then refuses even the right one", async () => {
    const agency = await createAgency(t.db);
    const row = await createUser(t.db, "admin", agency.id);
    const admin = actorOf(row);
    const here = await addSession(t.db, row.id);
    const wrong = { current: "guess", password: "new-password-1", confirm: "new-password-1" };
    for (let i = 0; i < 4; i++) {
      const r = await changeOwnPassword(t.db, admin, here, wrong);
      expect(!r.ok && r.errors[0]!.messageTh).toBe("รหัสผ่านปัจจุบันไม่ถูกต้อง");
    }
    const fifth = await changeOwnPassword(t.db, admin, here, wrong);
    expect(!fifth.ok && fifth.errors[0]!.messageTh).toBe(
      "ใส่รหัสผ่านปัจจุบันผิดหลายครั้งเกินไป บัญชีถูกล็อกไว้ 15 นาที กรุณาลองใหม่ภายหลัง",
    );
    const right = await changeOwnPassword(t.db, admin, here, { ...wrong, current: PASSWORD });
    expect(right.ok).toBe(false);
    expect((await auditOf(row.id)).map((e) => e.action)).toEqual(["user.lock"]);
    const user = await t.db.selectFrom("users").selectAll().where("id", "=", row.id).executeTakeFirstOrThrow();
    expect(user.locked_until! > new Date(Date.now() + 14 * 60_000).toISOString()).toBe(true);
    expect(user.password_hash).toBe(row.password_hash);
  });

  it("counts wrong current passwords before checking them: 30 sent at once are at most five checks and one lock", async () => {
    const agency = await createAgency(t.db);
    const row = await createUser(t.db, "admin", agency.id);
    const here = await addSession(t.db, row.id);
    const wrong = { current: "guess", password: "new-password-1", confirm: "new-password-1" };
    const results = await Promise.all(
      Array.from({ length: 30 }, () => changeOwnPassword(t.db, actorOf(row), here, wrong)),
    );
    const said = results.map((r) => (!r.ok ? r.errors[0]!.messageTh : "changed"));
    expect(said.filter((m) => m === "รหัสผ่านปัจจุบันไม่ถูกต้อง").length).toBeLessThanOrEqual(4);
    expect(said.filter((m) => m.startsWith("ใส่รหัสผ่านปัจจุบันผิดหลายครั้งเกินไป")).length).toBeGreaterThanOrEqual(26);
    expect((await auditOf(row.id)).map((e) => e.action)).toEqual(["user.lock"]);
    const user = await t.db.selectFrom("users").selectAll().where("id", "=", row.id).executeTakeFirstOrThrow();
    expect(user.failed_logins).toBe(5);
    expect(user.locked_until).not.toBeNull();
  });

  it("rolls back the change when its audit entry cannot be written", async () => {
    const agency = await createAgency(t.db);
    const row = await createUser(t.db, "clerk", agency.id);
    const here = await addSession(t.db, row.id);
    await addSession(t.db, row.id);
    await expectRolledBackWhenAuditFails(t.db, ["users", "sessions"], () =>
      changeOwnPassword(t.db, actorOf(row), here, {
        current: PASSWORD,
        password: "a-new-password-1",
        confirm: "a-new-password-1",
      }),
    );
  });
});
