import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, SqliteAdapter, type SqliteDatabase, type Transaction } from "kysely";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { PostgresNulPlugin } from "./postgres-text";
import type { Database } from "./schema";

export type Db = Kysely<Database>;
/** A transaction: services open it; repositories and the audit log take it (or a Db) as their first argument. */
export type Tx = Transaction<Database>;
export type DbKind = "sqlite" | "postgres";

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

export function sqliteFileFromUrl(url: string): string {
  return url.replace(/^(sqlite|file):(\/\/)?/i, "");
}

/**
 * Opens the database named by a URL: a postgres:// or postgresql:// URL uses PostgreSQL,
 * anything else is a SQLite file path (optionally prefixed with sqlite: or file:).
 * SQLite runs in WAL mode with synchronous=FULL so that an acknowledged commit survives
 * a power cut, with foreign keys on and a busy timeout for the CLI beside the server. For the IIT's anonymity
 * (docs/anonymity.md) deleted content is overwritten with zeros (`secure_delete`: a freed cell or page keeps
 * no old answer or code list) and the WAL is cut back to what the last commit wrote whenever it starts again
 * after a checkpoint (`journal_size_limit = 0`: no frames of earlier transactions linger past its end).
 */
export function createDb(url: string, options: { poolSize?: number } = {}): Db {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new PostgresNulPlugin()] });
  }
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(openSqlite(url)) }) });
}

/**
 * Kysely's SQLite driver prepares every query anew; the submission path runs the same dozen statements
 * per batch, so prepared statements are kept by SQL text (a statement still being iterated is not shared).
 */
function withStatementCache(database: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    prepare(text: string) {
      const cached = statements.get(text);
      if (cached && !cached.busy) return cached;
      const statement = database.prepare(text);
      if (!cached) {
        if (statements.size >= 1000) statements.clear();
        statements.set(text, statement);
      }
      return statement;
    },
    close: () => database.close(),
  };
}

export function openSqlite(url: string): SQLite.Database {
  const file = sqliteFileFromUrl(url);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const database = new SQLite(file);
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = FULL");
  database.pragma("foreign_keys = ON");
  database.pragma("busy_timeout = 5000");
  database.pragma("secure_delete = ON");
  database.pragma("journal_size_limit = 0");
  return database;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: also the migrations' Kysely<any>
export function dbKind(db: Kysely<any>): DbKind {
  return db.getExecutor().adapter instanceof SqliteAdapter ? "sqlite" : "postgres";
}
