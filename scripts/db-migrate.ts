import { config } from "../app/server/config.server";
import { createDb } from "../db/client";
import { migrateToLatest } from "../db/migrate";

// `npm run db:migrate`: brings the configured DATABASE_URL (default data/ita.sqlite) to the newest schema.
const db = createDb(config().DATABASE_URL, { poolSize: 1 });
try {
  const applied = await migrateToLatest(db);
  console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
