import { migrateToLatest } from "../db/migrate";
import { createDb } from "../db/client";

// `npm run db:migrate`: brings DATABASE_URL (default data/ita.sqlite) to the newest schema.
const db = createDb(process.env.DATABASE_URL ?? "data/ita.sqlite", { poolSize: 1 });
try {
  const applied = await migrateToLatest(db);
  console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
