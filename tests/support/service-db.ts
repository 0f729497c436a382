import { sql } from "kysely";
import { afterAll, beforeAll, expect } from "vitest";
import { createDb, dbKind, type Db } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import type { Database } from "../../db/schema";
import { createTestDatabase, type DbFlavour, type TestDatabase } from "./databases";

/**
 * A migrated throw-away database for the services tier: a SQLite file or a fresh PostgreSQL database,
 * opened in-process (no build, no server). Use inside a describe block; read `.db` in tests.
 */
export function useServiceDb(flavour: DbFlavour): { readonly db: Db; readonly url: string } {
  let database: TestDatabase | undefined;
  let db: Db | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(flavour);
    db = createDb(database.url, { poolSize: 4 });
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });
  return {
    get db() {
      if (!db) throw new Error("useServiceDb: the database is ready only inside tests (beforeAll has not run)");
      return db;
    },
    get url() {
      if (!database) throw new Error("useServiceDb: the database is ready only inside tests");
      return database.url;
    },
  };
}

const REFUSAL = "audit insert refused by test";

/** Makes every insert into audit_log fail (a trigger in the database itself) until the returned function runs. */
export async function failAuditInserts(db: Db): Promise<() => Promise<void>> {
  if (dbKind(db) === "postgres") {
    await sql`create or replace function ita_test_audit_fails() returns trigger language plpgsql as $$
      begin raise exception '${sql.raw(REFUSAL)}'; end $$`.execute(db);
    await sql`create trigger ita_test_audit_fails before insert on audit_log for each row execute function ita_test_audit_fails()`.execute(
      db,
    );
    return async () => {
      await sql`drop trigger if exists ita_test_audit_fails on audit_log`.execute(db);
      await sql`drop function if exists ita_test_audit_fails()`.execute(db);
    };
  }
  await sql`create trigger ita_test_audit_fails before insert on audit_log begin select raise(abort, '${sql.raw(REFUSAL)}'); end`.execute(
    db,
  );
  return async () => {
    await sql`drop trigger if exists ita_test_audit_fails`.execute(db);
  };
}

/** Every row of the named tables, in a stable order, to compare before and after. */
export async function snapshot(db: Db, tables: readonly (keyof Database)[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of tables) {
    const rows = await db.selectFrom(table).selectAll().execute();
    out[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return out;
}

/**
 * Runs a service call while the audit log refuses inserts, and checks that it failed and that the named
 * tables (and the audit log) are exactly as before: the change and its audit entry commit together.
 */
export async function expectRolledBackWhenAuditFails(
  db: Db,
  tables: readonly (keyof Database)[],
  act: () => Promise<unknown>,
): Promise<void> {
  const watched = [...new Set([...tables, "audit_log" as const])];
  const before = await snapshot(db, watched);
  const restore = await failAuditInserts(db);
  try {
    await expect(act()).rejects.toThrow(REFUSAL);
  } finally {
    await restore();
  }
  expect(await snapshot(db, watched)).toEqual(before);
}
