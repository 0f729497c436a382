import { createDb, dbKind, type Db } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { config } from "./config.server";
import { firstStart } from "./first-start.server";

let ready: Promise<Db> | undefined;

/**
 * The app's database: opened once, migrated and seeded (first administrator, demo agency)
 * before the first query. On PostgreSQL the pool is shared by every request.
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
  return db;
}

export { dbKind };
