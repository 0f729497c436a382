import { sql } from "kysely";
import type { Db } from "../client";

// The per-address limits shared by the app's processes on PostgreSQL (UNLOGGED table rate_limits, migration
// 0014). A key's window starts with its first counted attempt and ends `windowMs` later (fixed windows, as the
// in-memory limiter counts); a window that has ended starts afresh on the next attempt.

/** Attempts to count under one key in one statement, all in the same window length. */
export type Consumption = { key: string; points: number; windowMs: number };

/**
 * Counts attempts under many keys in ONE statement (one round trip for every request that arrived together),
 * atomically per key: returns each key's count in its window after this addition, and when that window ends.
 * Keys are locked in sorted order, so that two processes counting the same keys cannot deadlock.
 */
export async function consumePoints(
  db: Db,
  consumptions: readonly Consumption[],
  now: number,
): Promise<Map<string, { points: number; expire: number }>> {
  const out = new Map<string, { points: number; expire: number }>();
  if (consumptions.length === 0) return out;
  const rows = [...consumptions]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((c) => ({ key: c.key, points: c.points, expire: now + c.windowMs }));
  const returned = await db
    .insertInto("rate_limits")
    .values(rows)
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        points: sql`case when rate_limits.expire <= ${now} then excluded.points else rate_limits.points + excluded.points end`,
        expire: sql`case when rate_limits.expire <= ${now} then excluded.expire else rate_limits.expire end`,
      }),
    )
    .returning(["key", "points", "expire"])
    .execute();
  for (const r of returned) out.set(r.key, { points: Number(r.points), expire: Number(r.expire) });
  return out;
}

/** Takes one counted attempt back from a key, within the window it was counted in (never below zero). */
export async function returnPoint(db: Db, key: string, now: number): Promise<void> {
  await db
    .updateTable("rate_limits")
    .set({ points: sql`points - 1` })
    .where("key", "=", key)
    .where(sql<boolean>`expire > ${now}`)
    .where("points", ">", 0)
    .execute();
}

/** Forgets every window that has ended. */
export async function deleteExpiredLimits(db: Db, now: number): Promise<void> {
  await db
    .deleteFrom("rate_limits")
    .where(sql<boolean>`expire <= ${now}`)
    .execute();
}
