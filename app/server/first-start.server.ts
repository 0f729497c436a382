import crypto from "node:crypto";
import type { Db } from "../../db/client";
import { countAgencies, insertAgency } from "../../db/repositories/agencies";
import { insertRound } from "../../db/repositories/rounds";
import { getOrInsertSetting } from "../../db/repositories/settings";
import { countUsersWithRole, insertUser } from "../../db/repositories/users";
import { DEFAULT_FRAMEWORK_ID } from "../lib/frameworks";
import type { Config } from "./config.server";
import { newId, newSlug, nowIso, randomString } from "./ids.server";
import { hashPassword } from "./password.server";
import { loadFramework } from "../services/frameworks/frameworks.server";
import { defaultSampleSizes } from "../services/rounds/sample-size.server";

let sessionSecret: string | undefined;

/** The secret that signs cookies: from SESSION_SECRET, else generated once and kept in the database. */
export function getSessionSecret(): string {
  if (!sessionSecret) throw new Error("session secret read before the database was prepared");
  return sessionSecret;
}

/** Everything a fresh database needs: a session secret, the first super-administrator, the demo agency. */
export async function firstStart(db: Db, cfg: Config): Promise<void> {
  sessionSecret =
    cfg.SESSION_SECRET ?? (await getOrInsertSetting(db, "session_secret", crypto.randomBytes(32).toString("hex")));
  await ensureFirstAdministrator(db, cfg);
  if (cfg.DEMO && (await countAgencies(db)) === 0) await createDemoAgency(db);
}

async function ensureFirstAdministrator(db: Db, cfg: Config): Promise<void> {
  if ((await countUsersWithRole(db, "super")) > 0) return;
  const password = cfg.ADMIN_PASSWORD ?? randomString("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 16);
  await insertUser(db, {
    id: newId(),
    email: cfg.ADMIN_EMAIL.toLowerCase(),
    name: "ผู้ดูแลระบบ",
    password_hash: await hashPassword(password),
    role: "super",
    agency_id: null,
    locked_until: null,
    created_at: nowIso(),
  });
  if (!cfg.ADMIN_PASSWORD) {
    console.log(
      `[ita] First administrator created: ${cfg.ADMIN_EMAIL} / ${password}  (shown once; change it after signing in)`,
    );
  }
}

/** Buddhist-era fiscal year of a date: the Thai fiscal year starts on 1 October. */
export function fiscalYearBE(date: Date): number {
  const year = date.getFullYear() + 543;
  return date.getMonth() >= 9 ? year + 1 : year;
}

async function createDemoAgency(db: Db): Promise<void> {
  const agencyId = newId();
  const now = nowIso();
  const agency = {
    id: agencyId,
    name_th: "องค์การบริหารส่วนตำบลตัวอย่าง (สาธิต)",
    name_en: "Demo Subdistrict Administrative Organisation",
    type: "sao",
    size: "S",
    staff_count: 32,
    external_count: null,
    created_at: now,
  };
  await insertAgency(db, agency);
  const samples = defaultSampleSizes(loadFramework(DEFAULT_FRAMEWORK_ID), agency);
  await insertRound(db, {
    id: newId(),
    agency_id: agencyId,
    slug: newSlug(),
    title: null,
    fiscal_year: fiscalYearBE(new Date()),
    framework: DEFAULT_FRAMEWORK_ID,
    status: "open",
    opens_on: null,
    closes_on: null,
    iit_access: "pin",
    pin: randomString("0123456789", 6),
    strength_line: 70,
    target_line: 85,
    min_iit: samples.iit,
    min_eit: samples.eit,
    created_at: now,
    updated_at: now,
  });
}
