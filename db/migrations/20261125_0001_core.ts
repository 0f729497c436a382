import type { Kysely } from "kysely";
import { sql } from "kysely";

// Agencies, assessment rounds, users, sessions, settings and the audit log.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("agencies")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name_th", "text", (c) => c.notNull())
    .addColumn("name_en", "text")
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("size", "text")
    .addColumn("staff_count", "integer")
    .addColumn("external_count", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("rounds")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id").onDelete("cascade"))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("title", "text")
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("framework", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft"))
    .addColumn("opens_on", "text")
    .addColumn("closes_on", "text")
    .addColumn("iit_access", "text", (c) => c.notNull().defaultTo("pin"))
    .addColumn("pin", "text")
    .addColumn("strength_line", "real", (c) => c.notNull().defaultTo(70))
    .addColumn("target_line", "real", (c) => c.notNull().defaultTo(85))
    .addColumn("min_iit", "integer", (c) => c.notNull())
    .addColumn("min_eit", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("rounds_agency_idx").on("rounds").column("agency_id").execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text")
    .addColumn("password_hash", "text")
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("agency_id", "text", (c) => c.references("agencies.id").onDelete("cascade"))
    .addColumn("failed_logins", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked_until", "text")
    .addColumn("disabled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_user_idx").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "integer", (c) =>
      isSqlite(db) ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity(),
    )
    .addColumn("agency_id", "text")
    .addColumn("user_id", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "text")
    .addColumn("detail", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_agency_idx").on("audit_log").columns(["agency_id", "created_at"]).execute();
  await sql`select 1`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["audit_log", "settings", "sessions", "users", "rounds", "agencies"]) {
    await db.schema.dropTable(t).execute();
  }
}

function isSqlite(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === "SqliteAdapter";
}
