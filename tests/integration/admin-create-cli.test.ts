import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { admin as adminProgram } from "../../scripts/admin/program";
import { useTestApp } from "../support/app";
import { runCliInProcess } from "../support/cli";
import { FLAVOURS } from "../support/databases";
import { createAgency, createUser } from "../support/factories";
import { createGroup } from "../support/groups";

// `npm run --silent admin -- create --role supervisor --group ID` (issue 18): a group's supervisor made from the
// console by the groups service, as on /admin/groups/ID: no password, a one-time set-password link printed once,
// the group tied to the account, one `user.create` audit entry. Refusals are Thai first and write nothing.

/** `npm run --silent admin -- …args` on the given database, run in this process. */
async function admin(databaseUrl: string, ...args: string[]) {
  return runCliInProcess(adminProgram, args, { env: { DATABASE_URL: databaseUrl, TZ: "Asia/Bangkok" } });
}

describe.each(FLAVOURS)("admin create --role supervisor on %s", (flavour) => {
  let groupId: string;
  let agencyId: string;
  const { database, db } = useTestApp({
    flavour,
    servers: 0,
    seed: async (db) => {
      groupId = await createGroup(db, "จังหวัดทดสอบ", "province");
      agencyId = (await createAgency(db)).id;
    },
  });
  const counts = async () => ({
    users: (await db.selectFrom("users").select("id").execute()).length,
    supervisors: (await db.selectFrom("group_supervisors").select("user_id").execute()).length,
    links: (await db.selectFrom("password_tokens").select("id").execute()).length,
    audit: (await db.selectFrom("audit_log").select("id").execute()).length,
  });

  it("creates a supervisor of the group without a password and prints the one-time link to set one", async () => {
    const res = await admin(
      database.url,
      "create",
      "--email",
      " Head@Province.go.th ",
      "--role",
      "supervisor",
      "--group",
      groupId,
      "--name",
      "หัวหน้าสำนักงาน",
    );
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    const [id, email, role, group, link, ...rest] = res.stdout.trimEnd().split("\t");
    expect(rest).toEqual([]);
    expect([email, role, group]).toEqual(["head@province.go.th", "supervisor", groupId]);
    expect(link).toMatch(/^http.*\/password\/[A-Za-z0-9_-]{43}$/);

    const user = await db.selectFrom("users").selectAll().where("id", "=", id!).executeTakeFirstOrThrow();
    expect([user.email, user.name, user.role, user.agency_id, user.password_hash]).toEqual([
      "head@province.go.th",
      "หัวหน้าสำนักงาน",
      "supervisor",
      null,
      null,
    ]);
    const tied = await db.selectFrom("group_supervisors").selectAll().where("user_id", "=", id!).execute();
    expect(tied.map((t) => t.group_id)).toEqual([groupId]);
    // Only the link's hash is kept, for this user, to set a first password.
    const token = link!.split("/").pop()!;
    const stored = await db.selectFrom("password_tokens").selectAll().where("user_id", "=", id!).execute();
    expect(stored.map((s) => [s.id, s.purpose, s.created_by])).toEqual([
      [crypto.createHash("sha256").update(token).digest("hex"), "set", null],
    ]);
    const entries = await db.selectFrom("audit_log").selectAll().where("entity_id", "=", id!).execute();
    expect(entries.map((e) => [e.action, e.user_id, JSON.parse(e.detail!)])).toEqual([
      ["user.create", null, { email: "head@province.go.th", role: "supervisor", group: groupId, via: "cli" }],
    ]);
  });

  it("refuses, Thai first and writing nothing: no group, an unknown group, a bad or taken email, --agency or --password", async () => {
    await createUser(db, "viewer", agencyId, { email: "taken@province.go.th" });
    const before = await counts();
    const cases: [string[], number, RegExp][] = [
      [
        ["--email", "a@b.go.th", "--role", "supervisor"],
        2,
        /^admin create: ต้องระบุ --group ID .* \/ missing --group ID/,
      ],
      [
        ["--email", "a@b.go.th", "--role", "supervisor", "--group", "no-such-group"],
        1,
        /^admin create: ไม่พบกลุ่มหน่วยงานที่มีรหัสนี้ \/ No agency group has this id\.\n$/,
      ],
      [
        ["--email", "not-an-email", "--role", "supervisor", "--group", groupId],
        1,
        /^admin create: โปรดระบุอีเมลให้ถูกต้อง \/ A valid email address\.\n$/,
      ],
      [
        ["--email", "head@province.go.th", "--role", "supervisor", "--group", groupId],
        1,
        /^admin create: อีเมลนี้มีบัญชีอยู่แล้ว \/ This email already has an account\.\n$/,
      ],
      [
        ["--email", "a@b.go.th", "--role", "supervisor", "--group", groupId, "--agency", agencyId],
        2,
        /^admin create: ผู้กำกับดูแลไม่สังกัดหน่วยงานใด/,
      ],
      [
        ["--email", "a@b.go.th", "--role", "supervisor", "--group", groupId, "--password", "long-enough-pw"],
        2,
        /^admin create: ผู้กำกับดูแลตั้งรหัสผ่านเอง/,
      ],
      [
        [
          "--email",
          "a@b.go.th",
          "--password",
          "long-enough-pw",
          "--role",
          "admin",
          "--agency",
          agencyId,
          "--group",
          groupId,
        ],
        2,
        /--group is only for --role supervisor/,
      ],
    ];
    for (const [args, code, message] of cases) {
      const res = await admin(database.url, "create", ...args);
      expect(res.code, args.join(" ")).toBe(code);
      expect(res.stderr, args.join(" ")).toMatch(message);
      expect(res.stdout).toBe("");
    }
    expect(await counts()).toEqual(before);
  });
});
