import crypto from "node:crypto";
import type { Db } from "../client";

// The one release of a round's IIT figures (docs/anonymity.md, "Release once"): the only IIT figures anything
// may read, copied from the live tallies when the round closes with enough responses, and never changed.

export type IitRelease = {
  releasedAt: string;
  count: number;
  rows: { item: string; sub: number; level: number; count: number }[];
};

export type IitAccessCounts = { code: number; pin: number; staff: number };

const num = (v: unknown) => Number(v);

/** The decision taken at the round's first close, or undefined while it was never closed. */
export async function findIitDecision(
  db: Db,
  roundId: string,
): Promise<{ released: boolean; decidedAt: string; count: number } | undefined> {
  const row = await db
    .selectFrom("iit_releases")
    .select(["released_at", "count", "released"])
    .where("round_id", "=", roundId)
    .executeTakeFirst();
  return row ? { released: num(row.released) === 1, decidedAt: row.released_at, count: num(row.count) } : undefined;
}

/** When and from how many responses the round's IIT was released, or undefined when it was not. */
export async function findIitReleaseHead(
  db: Db,
  roundId: string,
): Promise<{ releasedAt: string; count: number } | undefined> {
  const decision = await findIitDecision(db, roundId);
  return decision?.released ? { releasedAt: decision.decidedAt, count: decision.count } : undefined;
}

/** The round's released IIT figures, or null when its IIT was not released. */
export async function findIitRelease(db: Db, roundId: string): Promise<IitRelease | null> {
  const head = await findIitReleaseHead(db, roundId);
  if (!head) return null;
  const rows = await db
    .selectFrom("iit_release_tallies")
    .select(["item", "sub", "level", "count"])
    .where("round_id", "=", roundId)
    .execute();
  return {
    ...head,
    rows: rows.map((r) => ({ item: r.item, sub: num(r.sub), level: num(r.level), count: num(r.count) })),
  };
}

export type ReleaseOutcome =
  | { status: "released"; count: number }
  | { status: "withheld"; count: number }
  /** Decided at an earlier close: nothing changes. */
  | { status: "already"; count: number };

/**
 * Decides the round's IIT once, at its first close: with at least `minGroup` IIT responses counted, copies the
 * live IIT tallies and records the time and count (released); with fewer, records it as withheld for good. A
 * later close changes nothing. Several statements: run it in the caller's transaction, after the round's status
 * was changed in it (on PostgreSQL a submission holds the round row FOR SHARE while it stores, so the copy sees
 * every response stored before the close).
 */
export async function releaseIit(tx: Db, roundId: string, minGroup: number, now: string): Promise<ReleaseOutcome> {
  const existing = await findIitDecision(tx, roundId);
  if (existing) return { status: "already", count: existing.count };
  const counted = await tx
    .selectFrom("response_counts")
    .select("count")
    .where("round_id", "=", roundId)
    .where("instrument", "=", "iit")
    .executeTakeFirst();
  const count = num(counted?.count ?? 0);
  if (count < Math.max(5, minGroup)) {
    await tx.insertInto("iit_releases").values({ round_id: roundId, released_at: now, count, released: 0 }).execute();
    return { status: "withheld", count };
  }
  await tx
    .insertInto("iit_release_tallies")
    .columns(["round_id", "item", "sub", "level", "count"])
    .expression(
      tx
        .selectFrom("tallies")
        .select(["round_id", "item", "sub", "level", "count"])
        .where("round_id", "=", roundId)
        .where("instrument", "=", "iit"),
    )
    .execute();
  await tx.insertInto("iit_releases").values({ round_id: roundId, released_at: now, count, released: 1 }).execute();
  return { status: "released", count };
}

/**
 * Only the IIT sheets whose stored JSON may hold `field` (`LIKE` pattern; every sheet for an unusual name): a
 * national-size agency has a thousand sheets and few comments (JSON.stringify writes `"comment":`; a false match
 * is parsed and checked anyway).
 */
export function commentPattern(field: string): string {
  return /^[a-z0-9]+$/i.test(field) ? `%"${field}":%` : "%";
}

/**
 * The non-empty `field` texts of stored IIT answer sheets, in a fresh random order on every call (never by id,
 * storage order or anything that could date them; nothing else of them). Only for a released round: the caller
 * checks.
 */
export function commentsOf(answers: readonly string[], field: string): string[] {
  const comments: string[] = [];
  for (const text of answers) {
    const value = (JSON.parse(text) as Record<string, unknown>)[field];
    if (typeof value === "string" && value.trim()) comments.push(value.trim());
  }
  for (let i = comments.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [comments[i], comments[j]] = [comments[j]!, comments[i]!];
  }
  return comments;
}
