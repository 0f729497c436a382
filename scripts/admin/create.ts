import { findAgency } from "../../db/repositories/agencies";
import { findUserByEmail, insertUser } from "../../db/repositories/users";
import { audit } from "../../app/server/audit.server";
import { newId, nowIso } from "../../app/server/ids.server";
import { hashPassword, PASSWORD_MAX, PASSWORD_MIN } from "../../app/server/password.server";
import { CliError, defineCommand, openCliDb, parseArgs, requireOption } from "../lib/cli";

const ROLES = ["super", "admin", "clerk", "viewer"] as const;

/** `admin create --email E --password P --role super|admin|clerk|viewer [--agency ID] [--name N]` */
export const command = defineCommand({
  summary: "add a user (a super-administrator, or an agency's admin, clerk or viewer)",
  usage: "create --email E --password P --role super|admin|clerk|viewer [--agency ID] [--name N]",
  async run(args, io) {
    const { options } = parseArgs(args);
    const email = requireOption(options, "email").trim().toLowerCase();
    const password = requireOption(options, "password");
    const role = requireOption(options, "role") as (typeof ROLES)[number];
    const agencyId = typeof options.agency === "string" ? options.agency : null;
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254)
      throw new CliError(`not an email address: ${email}`);
    if (!ROLES.includes(role)) throw new CliError(`--role must be one of ${ROLES.join(", ")}`);
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
