import type { Kysely } from "kysely";

// One-time links that set or reset a user's password (stored as the sha256 of the token).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("password_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("password_tokens_user_idx").on("password_tokens").column("user_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("password_tokens").execute();
}
