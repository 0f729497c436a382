import crypto from "node:crypto";
import { hashPassword } from "../../app/server/password.server";
import { createDb, type Db } from "../../db/client";
import type { RunningServer } from "./server";

export type Role = "super" | "admin" | "clerk" | "viewer";
export const PASSWORD = "correct-horse-battery";

export interface AgencyFixture {
  id: string;
  name: string;
  roundId: string;
  roundSlug: string;
  users: Record<Exclude<Role, "super">, string>;
}

/** An agency with one open round and one user per role (emails <role>@<tag>.test.go.th), written straight to the database. */
export async function seedAgency(db: Db, tag: string): Promise<AgencyFixture> {
  const id = crypto.randomUUID();
  const now = new Date().toISOString();
  const name = `หน่วยงานทดสอบ-${tag}-${crypto.randomBytes(3).toString("hex")}`;
  await db
    .insertInto("agencies")
    .values({
      id,
      name_th: name,
      name_en: null,
      type: "sao",
      size: "S",
      staff_count: 30,
      external_count: null,
      created_at: now,
    })
    .execute();
  const roundId = crypto.randomUUID();
  const roundSlug = `r${tag}${crypto.randomBytes(5).toString("hex")}`.slice(0, 14);
  await db
    .insertInto("rounds")
    .values({
      id: roundId,
      agency_id: id,
      slug: roundSlug,
      title: null,
      fiscal_year: 2569,
      framework: "ita-2565",
      status: "open",
      opens_on: null,
      closes_on: null,
      iit_access: "pin",
      pin: "123456",
      strength_line: 70,
      target_line: 85,
      min_iit: 25,
      min_eit: 30,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const hash = await hashPassword(PASSWORD);
  const users = {} as AgencyFixture["users"];
  for (const role of ["admin", "clerk", "viewer"] as const) {
    const email = `${role}@${tag}.test.go.th`;
    await db
      .insertInto("users")
      .values({
        id: crypto.randomUUID(),
        email,
        name: null,
        password_hash: hash,
        role,
        agency_id: id,
        locked_until: null,
        created_at: now,
      })
      .execute();
    users[role] = email;
  }
  return { id, name, roundId, roundSlug, users };
}

export function openDb(url: string): Db {
  return createDb(url, { poolSize: 2 });
}

/** Signs in through the real /login form and returns the Cookie header value. */
export async function signIn(server: RunningServer, email: string, password = PASSWORD): Promise<string> {
  const res = await fetch(`${server.url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password }),
  });
  const cookie = res.headers.get("set-cookie")?.match(/ita_session=[^;]+/)?.[0];
  if (res.status !== 302 || !cookie) throw new Error(`sign-in of ${email} failed with ${res.status}`);
  return cookie;
}

/** A same-origin form POST as a signed-in user (cookie may be empty for a visitor). */
export function post(
  server: RunningServer,
  path: string,
  cookie: string,
  fields: Record<string, string>,
  origin: string = server.url,
) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: origin, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
}

export function get(server: RunningServer, path: string, cookie = "") {
  return fetch(`${server.url}${path}`, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
}
