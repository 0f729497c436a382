import crypto from "node:crypto";
import { redirect } from "react-router";
import type { Db } from "../../db/client";
import { findRoundById, type Round } from "../../db/repositories/rounds";
import {
  deleteExpiredSessions,
  deleteSession,
  findSessionUser,
  insertSession,
  type SessionUserRow,
} from "../../db/repositories/sessions";
import { can, hasRole, type Permission, type Role, ROLES } from "../lib/roles";
import { config } from "./config.server";
import { getDb } from "./db.server";
import { forbidden, httpError, notFound } from "./http.server";
import { sha256 } from "./ids.server";

export type { Role };
export { ROLES };
export type SessionUser = SessionUserRow;

export const SESSION_COOKIE = "ita_session";
export const SESSION_HOURS = 12;

const cache = new WeakMap<Request, Promise<SessionUser | null>>();

function isApiRequest(request: Request): boolean {
  return new URL(request.url).pathname.startsWith("/api/");
}

/**
 * The first cookie called `name` in the request's Cookie header. A second one of the same name (a browser
 * holding one for another path or domain, or a planted one) is ignored: the first decides, and a junk first
 * one reads as no session (tests/integration/security.test.ts).
 */
function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("cookie") ?? "";
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return undefined;
}

/** The signed-in user of this request, or null (no cookie, unknown or expired session, disabled user). */
export function getUser(request: Request): Promise<SessionUser | null> {
  let pending = cache.get(request);
  if (!pending) {
    pending = (async () => {
      const token = readCookie(request, SESSION_COOKIE);
      if (!token || token.length > 100) return null;
      const db = await getDb();
      return (await findSessionUser(db, sha256(token), new Date().toISOString())) ?? null;
    })();
    cache.set(request, pending);
  }
  return pending;
}

/**
 * Refuses a state-changing request whose Origin (or, lacking it, Referer) is not PUBLIC_URL's origin.
 * Called by requireUser for every method other than GET/HEAD/OPTIONS.
 */
export function requireSameOrigin(request: Request): void {
  if (["GET", "HEAD", "OPTIONS"].includes(request.method.toUpperCase())) return;
  let origin = request.headers.get("origin");
  if (!origin || origin === "null") {
    const referer = request.headers.get("referer");
    try {
      origin = referer ? new URL(referer).origin : null;
    } catch {
      origin = null;
    }
  }
  if (origin !== config().publicOrigin) {
    throw httpError(403, "Cross-site request refused.", "ระบบปฏิเสธคำขอที่ส่งมาจากเว็บไซต์อื่น");
  }
}

/** The page a request is for, without React Router's data-request suffix and parameters (for ?next=). */
function pagePath(request: Request): string {
  const url = new URL(request.url);
  url.searchParams.delete("_routes");
  const path = url.pathname.replace(/\.data$/, "").replace(/^\/_root$/, "/");
  return path + (url.searchParams.size ? `?${url.searchParams}` : "");
}

/**
 * The first line of every admin loader and action. A visitor is sent to /login (pages) or gets 401 (/api/…);
 * a state-changing request from another origin gets 403; a role outside `roles` gets 403 (a super-administrator
 * acting for an agency holds that agency administrator's roles too: hasRole).
 */
export async function requireUser(request: Request, options: { roles?: readonly Role[] } = {}): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    if (isApiRequest(request)) throw httpError(401, "Sign-in required.", "กรุณาเข้าสู่ระบบก่อน");
    throw redirect(`/login?next=${encodeURIComponent(pagePath(request))}`);
  }
  requireSameOrigin(request);
  if (options.roles && !hasRole(user, options.roles)) throw forbidden();
  return user;
}

/**
 * 404 unless the user may reach this agency's data (another agency's data does not exist for them): their own
 * agency; for a super-administrator acting for an agency, that agency only, for every page and action. A
 * super-administrator acting for none keeps the cross-agency actions of decision 0008 (agencies, any agency's
 * users, a round in an agency they name, and reading any round), each write audited with its agency.
 */
export function requireAgencyAccess(user: SessionUser, agencyId: string): void {
  if (user.role === "super") {
    if (user.acting_agency_id && user.acting_agency_id !== agencyId) throw notFound();
    return;
  }
  if (!user.agency_id || user.agency_id !== agencyId) throw notFound();
}

/**
 * The agency a user's lists (rounds, users, audit log) and new rounds are limited to: their own agency; for a
 * super-administrator the agency chosen for this session, or null (all agencies) when there is none.
 */
export function agencyScope(user: SessionUser): string | null {
  // The same agency as agencyOf; only the meaning of null differs (all agencies here, none there).
  return agencyOf(user);
}

/**
 * The one agency a user's agency-scoped pages (official results, reports) work on: their own agency, or for a
 * super-administrator the agency chosen for this session ("work in this agency"); null when there is none.
 */
export function agencyOf(user: SessionUser): string | null {
  return user.role === "super" ? user.acting_agency_id : user.agency_id;
}

/** agencyOf, or 403: a super-administrator is told to choose an agency to work in first. */
export function requireAgencyOf(user: SessionUser): string {
  const agencyId = agencyOf(user);
  if (agencyId) return agencyId;
  if (user.role === "super") {
    throw httpError(
      403,
      "Choose an agency to work in first (Agencies → Work in this agency).",
      "โปรดเลือกหน่วยงานที่จะทำงานในนามก่อน (เมนูหน่วยงาน → ทำงานในนามหน่วยงานนี้)",
    );
  }
  throw forbidden();
}

/** The stored id (sha256 of the cookie's token) of the request's session; 403 when there is none. */
export function sessionIdOf(request: Request): string {
  const token = readCookie(request, SESSION_COOKIE);
  if (!token) throw forbidden();
  return sha256(token);
}

/** 403 unless the user has the permission: the first line of every service function that needs one. */
export function assertCan(user: SessionUser, permission: Permission): void {
  if (!can(user, permission)) throw forbidden();
}

/** requireUser, then loads the round and checks it belongs to the user's agency. */
export async function requireRoundAccess(
  request: Request,
  roundId: string | undefined,
  roles: readonly Role[] = ROLES.any,
): Promise<{ user: SessionUser; round: Round }> {
  const user = await requireUser(request, { roles });
  const round = roundId ? await findRoundById(await getDb(), roundId) : undefined;
  if (!round) throw notFound();
  requireAgencyAccess(user, round.agency_id);
  return { user, round };
}

function cookieHeader(value: string, maxAgeSeconds: number): string {
  const secure = config().PUBLIC_URL.startsWith("https:") ? "; Secure" : "";
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
}

/** Starts a new session (a fresh random id on every sign-in) and returns its Set-Cookie header. */
export async function createSession(db: Db, userId: string): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  const now = new Date();
  await deleteExpiredSessions(db, now.toISOString());
  await insertSession(db, {
    id: sha256(token),
    user_id: userId,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString(),
  });
  return cookieHeader(token, SESSION_HOURS * 3600);
}

/** Revokes the request's session (if any) and returns the Set-Cookie header that clears the cookie. */
export async function destroySession(db: Db, request: Request): Promise<string> {
  const token = readCookie(request, SESSION_COOKIE);
  if (token) await deleteSession(db, sha256(token));
  return cookieHeader("", 0);
}
