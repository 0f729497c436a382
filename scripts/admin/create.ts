import { findAgency } from "../../db/repositories/agencies";
import { createSupervisorFromConsole } from "../../app/services/groups/groups.server";
import { findUserByEmail, insertUser } from "../../db/repositories/users";
import { audit } from "../../app/server/audit.server";
import { newId, nowIso } from "../../app/server/ids.server";
import { hashPassword, PASSWORD_MAX, PASSWORD_MIN } from "../../app/server/password.server";
import { CliError, defineCommand, openCliDb, parseArgs, requireOption, type CliIo } from "../lib/cli";

const ROLES = ["super", "admin", "clerk", "viewer"] as const;

/**
 * `admin create --email E --password P --role super|admin|clerk|viewer [--agency ID] [--name N]`, or
 * `admin create --email E --role supervisor --group ID [--name N]`: a supervisor of an agency group, made by
 * the groups service as on /admin/groups/ID (no password: it prints the one-time link to set one).
 */
export const command = defineCommand({
  summary: "add a user (a super-administrator, an agency's admin, clerk or viewer, or a group's supervisor)",
  usage:
    "create --email E (--password P --role super|admin|clerk|viewer [--agency ID] | --role supervisor --group ID) [--name N]",
  async run(args, io) {
    const { options } = parseArgs(args);
    if (options.role === "supervisor") return createSupervisor(options, io);
    if (options.group !== undefined)
      throw new CliError("--group is only for --role supervisor (an agency's users take --agency ID)", 2);
    const email = requireOption(options, "email").trim().toLowerCase();
    const password = requireOption(options, "password");
    const role = requireOption(options, "role") as (typeof ROLES)[number];
    const agencyId = typeof options.agency === "string" ? options.agency : null;
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254)
      throw new CliError(`not an email address: ${email}`);
    if (!ROLES.includes(role)) throw new CliError(`--role must be one of ${[...ROLES, "supervisor"].join(", ")}`);
    if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
      throw new CliError(`the password must be ${PASSWORD_MIN}–${PASSWORD_MAX} characters long`);
    }
    if (role !== "super" && !agencyId)
      throw new CliError(`--agency ID is required for role ${role} (see: admin agencies)`);
    if (role === "super" && agencyId)
      throw new CliError("a super-administrator belongs to no agency: leave out --agency");
    const db = await openCliDb(io);
    try {
      if (agencyId && !(await findAgency(db, agencyId))) throw new CliError(`no agency with id ${agencyId}`);
      if (await findUserByEmail(db, email)) throw new CliError(`a user with email ${email} already exists`);
      const id = newId();
      const passwordHash = await hashPassword(password);
      // The user and its audit entry commit together (the operator at the console is "the system": no user id).
      await db.transaction().execute(async (tx) => {
        await insertUser(tx, {
          id,
          email,
          name: typeof options.name === "string" ? options.name : null,
          password_hash: passwordHash,
          role,
          agency_id: agencyId,
          locked_until: null,
          created_at: nowIso(),
        });
        await audit(tx, {
          user: null,
          agencyId,
          action: "user.create",
          entity: "user",
          entityId: id,
          detail: { email, role, via: "cli" },
        });
      });
      io.stdout(`${id}\t${email}\t${role}${agencyId ? `\t${agencyId}` : ""}\n`);
    } finally {
      await db.destroy();
    }
  },
});

/**
 * A group's supervisor, through the groups service (the same checks, account, link and audit entry as the
 * super-administrator's form). Thai first: a usage mistake exits 2, a refusal 1, and nothing is written.
 */
async function createSupervisor(options: Record<string, string | true>, io: CliIo): Promise<void> {
  const usage = "usage: admin create --email E --role supervisor --group ID [--name N]";
  if (typeof options.group !== "string" || !options.group.trim())
    throw new CliError(`ต้องระบุ --group ID (รหัสกลุ่มหน่วยงาน) / missing --group ID (the agency group's id)\n${usage}`, 2);
  if (options.agency !== undefined)
    throw new CliError(
      "ผู้กำกับดูแลไม่สังกัดหน่วยงานใด ให้ตัด --agency ออก / a supervisor belongs to no agency: leave out --agency",
      2,
    );
  if (options.password !== undefined)
    throw new CliError(
      "ผู้กำกับดูแลตั้งรหัสผ่านเองผ่านลิงก์ที่พิมพ์ออกมา ให้ตัด --password ออก / a supervisor sets a password through the printed link: leave out --password",
      2,
    );
  if (typeof options.email !== "string") throw new CliError(`ต้องระบุ --email อีเมล / missing --email E\n${usage}`, 2);
  const db = await openCliDb(io);
  try {
    const result = await createSupervisorFromConsole(db, options.group.trim(), {
      email: options.email,
      name: typeof options.name === "string" ? options.name : "",
    });
    if (!result.ok) throw new CliError(result.errors.map((e) => `${e.messageTh} / ${e.message}`).join("\n"));
    io.stdout(`${result.id}\t${result.email}\tsupervisor\t${options.group.trim()}\t${result.link}\n`);
  } finally {
    await db.destroy();
  }
}
