import crypto from "node:crypto";
import { sql, type Selectable } from "kysely";
import { dbKind, type Db } from "../client";
import type { IitSealTable } from "../schema";

// The seal of a closed round's IIT storage (docs/anonymity.md, "A copy of the database after close").
// While a round is open, a one-time code is spent in the same transaction that stores its answer sheet, and
// the database's own history (SQLite WAL frames and freed pages, PostgreSQL dead tuples and xmin) pairs the
// two. Sealing rewrites everything that history touched, in one transaction: the spent-code hashes become a
// count, the code list goes, the answer sheets get new ids in a random order, and the IIT tallies, counts and
// access counters are written afresh (the IIT release, written once at the close, has no such history). Compacting the files afterwards removes the old versions.

export type IitSeal = Selectable<IitSealTable>;

/** What a seal rewrote. */
export type SealCounts = { responses: number; codesIssued: number; codesUsed: number };

/** The IIT tables a seal rewrites, and the only ones holding a round's IIT history. */
export const SEALED_TABLES = [
  "iit_codes",
  "iit_code_use",
  "iit_responses",
  "tallies",
  "response_counts",
  "iit_access_counts",
] as const;

const CHUNK = 200;

export async function findIitSeal(db: Db, roundId: string): Promise<IitSeal | undefined> {
  return db.selectFrom("iit_seals").selectAll().where("round_id", "=", roundId).executeTakeFirst();
}

/**
 * The first statement of a seal's transaction, before anything is read. PostgreSQL: an EXCLUSIVE lock on
 * `iit_seals`, which every IIT submission's transaction asks for in ROW SHARE mode (findSealedRounds), so
 * that no answer sheet or code spend slips in between the seal's reads and its commit. SQLite: a write that
 * changes nothing takes the database's write lock at once (waiting up to the busy timeout), so a server
 * writing beside the CLI cannot make the seal's later writes fail on a stale snapshot.
 */
export async function lockIitWrites(tx: Db): Promise<void> {
  if (dbKind(tx) === "postgres") await sql`lock table iit_seals in exclusive mode`.execute(tx);
  else await sql`update iit_seals set storage_cleaned = storage_cleaned where 1 = 0`.execute(tx);
}

/**
 * Inside a submission's write transaction: which of `roundIds` are sealed (their IIT is closed for good). On
 * PostgreSQL `for share` takes a ROW SHARE lock on the table, so a seal in progress is waited for and its
 * commit is seen (the statement's snapshot is taken after the lock).
 */
export async function findSealedRounds(tx: Db, roundIds: readonly string[]): Promise<Set<string>> {
  if (roundIds.length === 0) return new Set();
  let query = tx
    .selectFrom("iit_seals")
    .select("round_id")
    .where("round_id", "in", [...roundIds]);
  if (dbKind(tx) === "postgres") query = query.forShare();
  return new Set((await query.execute()).map((r) => r.round_id));
}

/** Fisher–Yates with a cryptographic source: the new order says nothing about the old one. */
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Rewrites a round's IIT storage in the caller's transaction (see the head of this file) and records the seal.
 * Every row it writes carries this transaction's id; none keeps its old id, submission id or position.
 */
export async function rewriteIitStorage(tx: Db, roundId: string, sealedAt: string): Promise<SealCounts> {
  // Codes: only the two counts survive.
  const issued = await tx
    .selectFrom("iit_codes")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("round_id", "=", roundId)
    .executeTakeFirstOrThrow();
  const use = await tx
    .selectFrom("iit_code_use")
    .select("used_count")
    .where("round_id", "=", roundId)
    .executeTakeFirst();
  const counts: SealCounts = {
    responses: 0,
    codesIssued: Number(issued.n),
    codesUsed: Number(use?.used_count ?? 0),
  };
  await tx.deleteFrom("iit_code_use").where("round_id", "=", roundId).execute();
  await tx.deleteFrom("iit_codes").where("round_id", "=", roundId).execute();

  // Answer sheets: new ids and submission ids, written in a random order.
  const sheets = await tx
    .selectFrom("iit_responses")
    .select(["framework", "answers"])
    .where("round_id", "=", roundId)
    .execute();
  counts.responses = sheets.length;
  await tx.deleteFrom("iit_responses").where("round_id", "=", roundId).execute();
  const fresh = shuffled(sheets).map((s) => ({
    id: crypto.randomUUID(),
    round_id: roundId,
    framework: s.framework,
    submission_id: crypto.randomUUID(),
    answers: s.answers,
  }));
  for (let i = 0; i < fresh.length; i += CHUNK)
    await tx
      .insertInto("iit_responses")
      .values(fresh.slice(i, i + CHUNK))
      .execute();

  // IIT tallies and counts: each row written once more, in key order. Their old
  // versions were updated once per submission, and their increments spelled out each answer sheet.
  const tallies = await tx
    .selectFrom("tallies")
    .selectAll()
    .where("round_id", "=", roundId)
    .where("instrument", "=", "iit")
    .orderBy("item")
    .orderBy("sub")
    .orderBy("level")
    .execute();
  await tx.deleteFrom("tallies").where("round_id", "=", roundId).where("instrument", "=", "iit").execute();
  for (let i = 0; i < tallies.length; i += CHUNK)
    await tx
      .insertInto("tallies")
      .values(tallies.slice(i, i + CHUNK))
      .execute();
  const responseCounts = await tx
    .selectFrom("response_counts")
    .selectAll()
    .where("round_id", "=", roundId)
    .where("instrument", "=", "iit")
    .execute();
  await tx.deleteFrom("response_counts").where("round_id", "=", roundId).where("instrument", "=", "iit").execute();
  if (responseCounts.length) await tx.insertInto("response_counts").values(responseCounts).execute();
  // The access counters (code, PIN, staff) were bumped in each submission's transaction: written afresh too.
  const access = await tx
    .selectFrom("iit_access_counts")
    .selectAll()
    .where("round_id", "=", roundId)
    .orderBy("kind")
    .execute();
  await tx.deleteFrom("iit_access_counts").where("round_id", "=", roundId).execute();
  if (access.length) await tx.insertInto("iit_access_counts").values(access).execute();

  await tx
    .insertInto("iit_seals")
    .values({
      round_id: roundId,
      sealed_at: sealedAt,
      codes_issued: counts.codesIssued,
      codes_used: counts.codesUsed,
      storage_cleaned: 0,
    })
    .execute();
  return counts;
}

export async function countIitResponses(db: Db, roundId: string): Promise<number> {
  const row = await db
    .selectFrom("iit_responses")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("round_id", "=", roundId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function markStorageCleaned(db: Db, roundId: string): Promise<void> {
  await db.updateTable("iit_seals").set({ storage_cleaned: 1 }).where("round_id", "=", roundId).execute();
}

/** Why compacting the files did not finish: a reader kept the WAL in use. */
export class StorageBusyError extends Error {}

/**
 * SQLite: copies the WAL into the database file and truncates it to zero bytes. Refused (false) while another
 * connection still reads an older snapshot; `waitMs` bounds the wait (the server's event loop waits with it).
 */
export async function truncateWal(db: Db, waitMs = 5000): Promise<boolean> {
  if (dbKind(db) !== "sqlite") return true;
  return db.connection().execute(async (conn) => {
    await sql.raw(`pragma busy_timeout = ${Math.max(0, Math.floor(waitMs))}`).execute(conn);
    try {
      const result = await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(conn);
      return result.rows[0]?.busy === 0;
    } finally {
      await sql`pragma busy_timeout = 5000`.execute(conn);
    }
  });
}

/**
 * Removes every old version of the sealed tables from the files, then marks the round's seal as cleaned.
 * SQLite (secure_delete is on for every connection, so cells and pages freed by the seal were zeroed): the WAL
 * is truncated, the database rebuilt by VACUUM (a fresh file: no freed page, rows laid out by key alone), the
 * mark written and the WAL truncated again, to zero bytes. PostgreSQL: VACUUM FULL writes each table into a
 * new file holding only its live rows (the old file is unlinked), ANALYZE refreshes the planner's sample of
 * their values, then the mark. Throws StorageBusyError when a reader holds the WAL (nothing is marked).
 */
export async function compactIitStorage(db: Db, roundId: string): Promise<void> {
  const busy = () => new StorageBusyError("another connection is reading the SQLite database; run the seal again");
  if (dbKind(db) === "sqlite") {
    if (!(await truncateWal(db))) throw busy();
    await sql`vacuum`.execute(db);
    await markStorageCleaned(db, roundId);
    if (!(await truncateWal(db))) throw busy();
    return;
  }
  const tables = sql.join(SEALED_TABLES.map((t) => sql.id(t)));
  await sql`vacuum (full) ${tables}`.execute(db);
  await sql`analyze ${tables}`.execute(db);
  await markStorageCleaned(db, roundId);
}
