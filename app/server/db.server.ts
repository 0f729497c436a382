import { createDb, dbKind, type Db } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { config } from "./config.server";
import { firstStart, getSessionSecret } from "./first-start.server";
import { shareLimitsThrough } from "./rate-limit.server";

let ready: Promise<Db> | undefined;

/**
 * The app's database: opened once, migrated and seeded (first administrator, demo agency)
 * before the first query. On PostgreSQL the pool is shared by every request, and the per-address limits are
 * counted in the database.
 */
export function getDb(): Promise<Db> {
  ready ??= openAndPrepare();
  return ready;
}

async function openAndPrepare(): Promise<Db> {
  const cfg = config();
  const db = createDb(cfg.DATABASE_URL);
  await migrateToLatest(db);
  await firstStart(db, cfg);
  // PostgreSQL may serve several processes: the per-address limits are counted in the database, once for all.
  if (dbKind(db) === "postgres") shareLimitsThrough(db, getSessionSecret());
  return db;
}

export { dbKind };
