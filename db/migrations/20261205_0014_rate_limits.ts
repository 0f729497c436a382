import { sql, type Kysely } from "kysely";

// Per-address limits shared by every app process on one PostgreSQL database (issue 18): one row per limiter and
// address while its window runs — the key is the limiter's name and a keyed hash of the address (never the
// address itself), the attempts counted and when the window ends (ms since 1970). UNLOGGED: the counts are not
// written to the WAL (cheap on every request, never replicated, emptied by a crash, as a restart empties the
// in-memory limiter). SQLite serves one process and keeps its limits in memory: no table there.
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`create unlogged table rate_limits (
    key text primary key,
    points integer not null,
    expire bigint not null
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await db.schema.dropTable("rate_limits").execute();
}

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name !== "SqliteAdapter";
}
