import crypto from "node:crypto";
import { createDb, type Db } from "../../db/client";
import { hashPassword } from "../../app/server/password.server";

export interface SeededAgency {
  agencyId: string;
  roundId: string;
  slug: string;
  pin: string;
  email: string;
  password: string;
}

/**
 * Adds an agency, an open ita-2565 round and a user of that agency straight into the database of a
 * running test server (already migrated), for tests of the admin screens.
 */
export async function seedAgencyWithUser(
  databaseUrl: string,
  options: { role?: "admin" | "clerk" | "viewer"; staffCount?: number; iitAccess?: "pin" | "codes" } = {},
): Promise<SeededAgency> {
  const db: Db = createDb(databaseUrl, { poolSize: 1 });
  try {
    const now = new Date().toISOString();
    const agencyId = crypto.randomUUID();
    const roundId = crypto.randomUUID();
    const slug = `t${crypto.randomBytes(7).toString("hex")}`.slice(0, 14);
    const email = `officer-${crypto.randomBytes(4).toString("hex")}@agency.go.th`;
    const password = "officer-password-1";
    const pin = "482913";
    await db
      .insertInto("agencies")
      .values({
        id: agencyId,
        name_th: "เทศบาลตำบลทดสอบ",
        name_en: "Test Municipality",
        type: "เทศบาลตำบล",
        size: "S",
        staff_count: options.staffCount ?? 20,
        external_count: null,
        created_at: now,
      })
      .execute();
    await db
      .insertInto("rounds")
      .values({
        id: roundId,
        agency_id: agencyId,
        slug,
        title: null,
        fiscal_year: 2569,
        framework: "ita-2565",
        status: "open",
        opens_on: null,
        closes_on: null,
        iit_access: options.iitAccess ?? "pin",
        pin,
        strength_line: 70,
        target_line: 85,
        min_iit: 20,
        min_eit: 30,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await insertAgencyUser(db, agencyId, { email, password, role: options.role ?? "admin", name: "เจ้าหน้าที่ทดสอบ" });
    return { agencyId, roundId, slug, pin, email, password };
  } finally {
    await db.destroy();
  }
}

type NewUser = { email: string; password: string; role: "admin" | "clerk" | "viewer"; name?: string | null };

async function insertAgencyUser(db: Db, agencyId: string, user: NewUser): Promise<void> {
  await db
    .insertInto("users")
    .values({
      id: crypto.randomUUID(),
      email: user.email,
      name: user.name ?? null,
      password_hash: await hashPassword(user.password),
      role: user.role,
      agency_id: agencyId,
      locked_until: null,
      created_at: new Date().toISOString(),
    })
    .execute();
}

/** Adds one more user (a viewer, say) to a seeded agency; the e-mail is random unless given. */
export async function addAgencyUser(
  databaseUrl: string,
  agencyId: string,
  user: Partial<NewUser> & Pick<NewUser, "role">,
): Promise<{ email: string; password: string }> {
  const email = user.email ?? `${user.role}-${crypto.randomBytes(3).toString("hex")}@agency.go.th`;
  const password = user.password ?? `${user.role}-password-1`;
  const db: Db = createDb(databaseUrl, { poolSize: 1 });
  try {
    await insertAgencyUser(db, agencyId, { ...user, email, password });
  } finally {
    await db.destroy();
  }
  return { email, password };
}

/** Signs in through /login like a browser form and returns the session cookie ("name=value"). */
export async function signInCookie(serverUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${serverUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: serverUrl },
    body: new URLSearchParams({ email, password, next: "/admin" }),
  });
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error(`sign-in failed with ${res.status}`);
  return cookie;
}
