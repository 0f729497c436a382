import crypto from "node:crypto";
import type { Db } from "../../db/client";
import type { AgencyTable, OfficialResultTable, RoundTable, UserTable } from "../../db/schema";
import { hashPassword } from "../../app/server/password.server";
import type { SessionUser } from "../../app/server/auth.server";

// One place that writes seed data straight into a test database: agencies, rounds, users, and the
// actor a service is called as. Every value has a default; a test names only what it cares about.

export const PASSWORD = "correct-horse-battery";
let passwordHash: Promise<string> | undefined;
const hashed = () => (passwordHash ??= hashPassword(PASSWORD));
const hex = (bytes: number) => crypto.randomBytes(bytes).toString("hex");

export async function createAgency(db: Db, values: Partial<AgencyTable> = {}): Promise<AgencyTable> {
  const agency: AgencyTable = {
    id: crypto.randomUUID(),
    name_th: `หน่วยงานทดสอบ-${hex(3)}`,
    name_en: null,
    type: "sao",
    size: "S",
    staff_count: 30,
    external_count: null,
    created_at: new Date().toISOString(),
    ...values,
  };
  await db.insertInto("agencies").values(agency).execute();
  return agency;
}

export async function createRound(db: Db, agencyId: string, values: Partial<RoundTable> = {}): Promise<RoundTable> {
  const now = new Date().toISOString();
  const round: RoundTable = {
    id: crypto.randomUUID(),
    agency_id: agencyId,
    slug: `t${hex(7)}`.slice(0, 14),
    title: null,
    fiscal_year: 2569,
    framework: "ita-2565",
    status: "open",
    opens_on: null,
    closes_on: null,
    iit_access: "pin",
    pin: "246810",
    strength_line: 70,
    target_line: 85,
    min_iit: 5,
    min_eit: 5,
    created_at: now,
    updated_at: now,
    ...values,
  };
  await db.insertInto("rounds").values(round).execute();
  return round;
}

/** A round's settings form as the browser posts it: the round's own values, with the status given. */
export function roundSettingsForm(round: RoundTable, status: string): Record<string, string> {
  return {
    fiscal_year: String(round.fiscal_year),
    title: round.title ?? "",
    framework: round.framework,
    status,
    opens_on: round.opens_on ?? "",
    closes_on: round.closes_on ?? "",
    iit_access: round.iit_access,
    pin: round.pin ?? "",
    strength_line: String(round.strength_line),
    target_line: String(round.target_line),
    min_iit: String(round.min_iit),
    min_eit: String(round.min_eit),
  };
}

/**
 * An agency's official results of a year (ita-2565): the ten indicator scores as published (defaults: the
 * example agency of tests/fixtures/example-2565.json, total 79.64, grade B).
 */
export async function createOfficialResult(
  db: Db,
  agencyId: string,
  values: Partial<OfficialResultTable> = {},
): Promise<OfficialResultTable> {
  const now = new Date().toISOString();
  const result: OfficialResultTable = {
    id: crypto.randomUUID(),
    agency_id: agencyId,
    fiscal_year: 2565,
    framework: "ita-2565",
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
      10: 43.75,
    }),
    published_total: 79.64,
    published_grade: "B",
    note: null,
    created_by: null,
    created_at: now,
    updated_by: null,
    updated_at: now,
    ...values,
  };
  await db.insertInto("official_results").values(result).execute();
  return result;
}

export type UserRow = Omit<UserTable, "failed_logins" | "disabled"> & { failed_logins?: number; disabled?: number };

/**
 * A user with the shared test password (PASSWORD), or with `password` when given; a super-administrator has
 * no agency.
 */
export async function createUser(
  db: Db,
  role: UserTable["role"],
  agencyId: string | null,
  { password, ...values }: Partial<UserRow> & { password?: string } = {},
): Promise<UserRow> {
  const user: UserRow = {
    id: crypto.randomUUID(),
    email: `${role}-${hex(4)}@test.go.th`,
    name: null,
    password_hash: password === undefined ? await hashed() : await hashPassword(password),
    role,
    agency_id: role === "super" ? null : agencyId,
    locked_until: null,
    created_at: new Date().toISOString(),
    ...values,
  };
  await db.insertInto("users").values(user).execute();
  return user;
}

/** The signed-in user a service is called as (what the route guards hand it). */
export function actorOf(user: UserRow, actingAgency: { id: string; name_th: string } | null = null): SessionUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    agency_id: user.agency_id,
    acting_agency_id: actingAgency?.id ?? null,
    acting_agency_name: actingAgency?.name_th ?? null,
  };
}

export interface AgencySetup {
  agency: AgencyTable;
  round: RoundTable;
  admin: SessionUser;
  clerk: SessionUser;
  viewer: SessionUser;
}

/** An agency with one open round and one user per agency role, returned as actors. */
export async function createAgencySetup(db: Db, round: Partial<RoundTable> = {}): Promise<AgencySetup> {
  const agency = await createAgency(db);
  const created = await createRound(db, agency.id, round);
  const [admin, clerk, viewer] = await Promise.all(
    (["admin", "clerk", "viewer"] as const).map(async (role) => actorOf(await createUser(db, role, agency.id))),
  );
  return { agency, round: created, admin: admin!, clerk: clerk!, viewer: viewer! };
}

// The shapes the HTTP tiers (tests/integration, tests/e2e) read: each a preset of the three writers above.

/** An agency and one round, for the respondent and submission tests. */
export interface RoundFixture {
  agencyId: string;
  roundId: string;
  slug: string;
  pin: string | null;
}

/** An agency with one round: by default open, ita-2565, PIN 246810 (createRound's defaults). */
export async function createAgencyWithRound(
  db: Db,
  options: { agency?: Partial<AgencyTable>; round?: Partial<RoundTable> } = {},
): Promise<RoundFixture> {
  const suffix = hex(4);
  const agency = await createAgency(db, { name_th: `หน่วยงานทดสอบ ${suffix}`, ...options.agency });
  const round = await createRound(db, agency.id, { slug: `test${suffix}`, ...options.round });
  return { agencyId: agency.id, roundId: round.id, slug: round.slug, pin: round.pin };
}

export type AgencyRole = Exclude<UserTable["role"], "super" | "supervisor">;

/** An agency named by a tag ("a", "b"), with one open round and one user per agency role. */
export interface AgencyFixture {
  id: string;
  name: string;
  roundId: string;
  roundSlug: string;
  /** role → e-mail (<role>@<tag>.test.go.th); every one signs in with PASSWORD. */
  users: Record<AgencyRole, string>;
}

export async function createAgencyWithUsers(db: Db, tag: string): Promise<AgencyFixture> {
  const agency = await createAgency(db, { name_th: `หน่วยงานทดสอบ-${tag}-${hex(3)}` });
  const round = await createRound(db, agency.id, {
    slug: `r${tag}${hex(5)}`.slice(0, 14),
    pin: "123456",
    min_iit: 25,
    min_eit: 30,
  });
  const users = {} as Record<AgencyRole, string>;
  for (const role of ["admin", "clerk", "viewer"] as const) {
    users[role] = (await createUser(db, role, agency.id, { email: `${role}@${tag}.test.go.th` })).email;
  }
  return { id: agency.id, name: agency.name_th, roundId: round.id, roundSlug: round.slug, users };
}

/** A municipality with an open round (PIN 482913) and one officer who signs in with `email` and `password`. */
export interface OfficerFixture {
  agencyId: string;
  roundId: string;
  slug: string;
  pin: string;
  email: string;
  password: string;
}

export async function createAgencyWithOfficer(
  db: Db,
  options: { role?: AgencyRole; staffCount?: number; iitAccess?: "pin" | "codes" } = {},
): Promise<OfficerFixture> {
  const agency = await createAgency(db, {
    name_th: "เทศบาลตำบลทดสอบ",
    name_en: "Test Municipality",
    type: "เทศบาลตำบล",
    staff_count: options.staffCount ?? 20,
  });
  const pin = "482913";
  const round = await createRound(db, agency.id, {
    iit_access: options.iitAccess ?? "pin",
    pin,
    min_iit: 20,
    min_eit: 30,
  });
  const email = `officer-${hex(4)}@agency.go.th`;
  const password = "officer-password-1";
  await createUser(db, options.role ?? "admin", agency.id, { email, password, name: "เจ้าหน้าที่ทดสอบ" });
  return { agencyId: agency.id, roundId: round.id, slug: round.slug, pin, email, password };
}
