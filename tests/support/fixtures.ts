import crypto from "node:crypto";
import { createDb, type Db } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import type { RoundTable } from "../../db/schema";

export type RoundFixture = {
  agencyId: string;
  roundId: string;
  slug: string;
  pin: string | null;
};

/**
 * Inserts an agency and one round straight into a test database (migrating it first, so it also
 * works before the server has started). Defaults: an open ita-2565 round with PIN access.
 */
export async function createAgencyWithRound(
  databaseUrl: string,
  options: { agency?: { name_th?: string; type?: string }; round?: Partial<RoundTable> } = {},
): Promise<RoundFixture> {
  const db = createDb(databaseUrl, { poolSize: 1 });
  try {
    return await insertAgencyWithRound(db, options);
  } finally {
    await db.destroy();
  }
}

export async function insertAgencyWithRound(
  db: Db,
  options: { agency?: { name_th?: string; type?: string }; round?: Partial<RoundTable> } = {},
): Promise<RoundFixture> {
  await migrateToLatest(db);
  const now = new Date().toISOString();
  const agencyId = crypto.randomUUID();
  const suffix = crypto.randomBytes(4).toString("hex");
  await db
    .insertInto("agencies")
    .values({
      id: agencyId,
      name_th: options.agency?.name_th ?? `หน่วยงานทดสอบ ${suffix}`,
      name_en: null,
      type: options.agency?.type ?? "sao",
      size: "S",
      staff_count: 30,
      external_count: null,
      created_at: now,
    })
    .execute();
  const round = {
    id: crypto.randomUUID(),
    agency_id: agencyId,
    slug: `test${suffix}`,
    title: null,
    fiscal_year: 2569,
    framework: "ita-2565",
    status: "open" as const,
    opens_on: null,
    closes_on: null,
    iit_access: "pin" as const,
    pin: "246810",
    strength_line: 70,
    target_line: 85,
    min_iit: 5,
    min_eit: 5,
    created_at: now,
    updated_at: now,
    ...options.round,
  };
  await db.insertInto("rounds").values(round).execute();
  return { agencyId, roundId: round.id, slug: round.slug, pin: round.pin };
}
