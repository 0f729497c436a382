import crypto from "node:crypto";
import { sql, type Kysely } from "kysely";
import { dbKind, type Db } from "../client";
import type { Database } from "../schema";
import { findSealedRounds } from "./iit-seal";
import { cleanNul } from "../postgres-text";
import { insertRows } from "./insert-rows";

/** One answer counted once: item, sub-item (0 when none) and the chosen level. */
export type TallyPoint = { item: string; sub: number; level: number };

/** A validated submission, ready to store. Everything identifying stays out of IIT rows. */
export type Submission = {
  roundId: string;
  framework: string;
  instrument: "iit" | "eit";
  submissionId: string;
  answers: unknown;
  tallies: TallyPoint[];
  /** EIT only: a channel key of the round (checked by the caller) or null. */
  channel?: string | null;
  /** EIT only. */
  respondentType?: string | null;
  /** EIT only: YYYY-MM-DD in the server's TZ. */
  day?: string | null;
  /** IIT with one-time codes: sha256 of the normalised code. */
  codeHash?: string | null;
  /** IIT only: how it came in (counted per round and kind, never stored with the response). */
  iitAccess?: "code" | "pin" | "staff";
  /** EIT keyed in by staff: the sheet's paper serial (unique in the round), who keyed it and when. */
  entry?: { serial: string; enteredBy: string; enteredAt: string } | null;
};

export type StoreOutcome =
  | { status: "created"; id: string }
  | { status: "duplicate"; id: string }
  | { status: "code-unknown" }
  | { status: "code-used" }
  /** The round's IIT was sealed at close (db/repositories/iit-seal.ts): no IIT answer is taken any more. */
  | { status: "iit-sealed" }
  /** The round's IIT was released when it closed: it takes no more IIT responses. */
  | { status: "iit-released" }
  /** A keyed-in EIT sheet whose paper serial the round already holds (or an earlier sheet of this batch). */
  | { status: "serial-taken" };

type Tx = Kysely<Database>;

const CHUNK = 200;

/**
 * Stores a batch of submissions in ONE transaction: responses, code use, tallies, counts and the IIT
 * access counters. Each item gets its own outcome; a repeated submission_id (in this batch, already stored,
 * or committed meanwhile by another process) returns the first id and stores nothing; an IIT response to
 * a round whose IIT was released is refused.
 */
export async function storeSubmissions(db: Db, items: readonly Submission[]): Promise<StoreOutcome[]> {
  if (items.length === 0) return [];
  return inWriteTransaction(db, (tx) => storeInTransaction(tx, dbKind(db), items));
}

/** A write transaction: BEGIN IMMEDIATE on SQLite (no read→write upgrade race between processes). */
async function inWriteTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (dbKind(db) === "postgres") return db.transaction().execute(work);
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await work(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => {});
      throw error;
    }
  });
}

async function storeInTransaction(tx: Tx, kind: string, items: readonly Submission[]) {
  const outcomes: (StoreOutcome | undefined)[] = new Array(items.length);
  // PostgreSQL: every statement is a round trip to the server, so the batch is written in as few as it takes
  // (docs/performance.md, "PostgreSQL, several processes"): BEGIN, stored ids (with the IIT rounds' locks),
  // the IIT's seal and release (IIT batches only), the responses, the counts, COMMIT.
  const postgres = kind === "postgres";

  // 1. Idempotency: submission ids already stored, or repeated within this batch.
  const submissionIds = items.map((i) => i.submissionId);
  const known = postgres
    ? await findStoredIdsLockingRounds(tx, submissionIds, [
        ...new Set(items.filter((i) => i.instrument === "iit").map((i) => i.roundId)),
      ])
    : await findStoredIds(tx, submissionIds);
  const firstInBatch = new Map<string, number>();
  items.forEach((item, index) => {
    const stored = known.get(item.submissionId);
    if (stored) outcomes[index] = { status: "duplicate", id: stored };
    else if (firstInBatch.has(item.submissionId)) outcomes[index] = { status: "duplicate", id: "" };
    else firstInBatch.set(item.submissionId, index);
  });

  // 1b. A sealed round takes no IIT answer, whatever its status says (a lookup cached before the close, a
  // batch queued while the seal ran, a re-opened round): a sheet written after the seal would stand apart.
  const iitRounds = new Set<string>();
  items.forEach((item, index) => {
    if (!outcomes[index] && item.instrument === "iit") iitRounds.add(item.roundId);
  });
  const closed = postgres ? await findClosedIit(tx, [...iitRounds]) : undefined;
  const sealed = closed?.sealed ?? (await findSealedRounds(tx, [...iitRounds]));
  if (sealed.size)
    items.forEach((item, index) => {
      if (!outcomes[index] && item.instrument === "iit" && sealed.has(item.roundId))
        outcomes[index] = { status: "iit-sealed" };
    });

  // 1c. Keyed-in EIT sheets: a paper serial is taken once per round (no query unless a batch holds one).
  await refuseTakenSerials(tx, items, outcomes);

  // 2. Released IIT: no more IIT responses for the round (checked here, under the round row's lock on
  // PostgreSQL, so that a close releasing the IIT and a submission cannot interleave).
  await refuseReleasedIit(tx, items, outcomes, closed?.released);

  // 3. One-time codes: must exist, must not be used (before, or earlier in this batch).
  const codeUse = await checkCodes(tx, kind, items, outcomes);

  // 4. Responses; a conflict on submission_id means another process committed it meanwhile.
  const pending = items.map((item, index) => ({ item, index })).filter(({ index }) => !outcomes[index]);
  const ids = new Map<number, string>();
  for (const { index } of pending) ids.set(index, crypto.randomUUID());
  const inserted = postgres ? await insertResponsesPostgres(tx, pending, ids) : new Set<string>();
  for (const instrument of postgres ? [] : (["iit", "eit"] as const)) {
    const rows = pending.filter(({ item }) => item.instrument === instrument);
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      const returned =
        instrument === "iit"
          ? await insertRows(
              tx,
              "iit_responses",
              IIT_COLUMNS,
              chunk.map(({ item, index }) => iitRow(item, ids.get(index)!)),
              (values) =>
                tx
                  .insertInto("iit_responses")
                  .values(values)
                  .onConflict((oc) => oc.column("submission_id").doNothing())
                  .returning("submission_id"),
            )
          : await insertRows(
              tx,
              "eit_responses",
              EIT_COLUMNS,
              chunk.map(({ item, index }) => eitRow(item, ids.get(index)!)),
              (values) =>
                tx
                  .insertInto("eit_responses")
                  .values(values)
                  .onConflict((oc) => oc.column("submission_id").doNothing())
                  .returning("submission_id"),
            );
      for (const r of returned) inserted.add(r.submission_id);
    }
  }
  const lateDuplicates: string[] = [];
  for (const { item, index } of pending) {
    if (inserted.has(item.submissionId)) outcomes[index] = { status: "created", id: ids.get(index)! };
    else lateDuplicates.push(item.submissionId);
  }
  if (lateDuplicates.length) {
    const late = await findStoredIds(tx, lateDuplicates);
    for (const { item, index } of pending) {
      if (!outcomes[index]) outcomes[index] = { status: "duplicate", id: late.get(item.submissionId) ?? "" };
    }
  }
  const created = pending.filter(({ index }) => outcomes[index]!.status === "created").map(({ item }) => item);

  // 4b. The keyed-in sheets' serials, who keyed them and when.
  const keyed = pending.filter(({ item, index }) => item.entry && outcomes[index]!.status === "created");
  if (keyed.length)
    await tx
      .insertInto("keyed_entries")
      .values(
        keyed.map(({ item, index }) => ({
          response_id: ids.get(index)!,
          round_id: item.roundId,
          serial: item.entry!.serial,
          entered_by: item.entry!.enteredBy,
          entered_at: item.entry!.enteredAt,
        })),
      )
      .execute();

  // 5. Code use: one sorted row per round, rewritten.
  await writeCodeUse(tx, codeUse, new Set(created.filter((c) => c.codeHash).map((c) => c.codeHash!)));

  // 6. Tallies, counts and IIT access counters, aggregated in memory and upserted once per key.
  if (postgres) await addAllCountsPostgres(tx, created);
  else {
    await addTallies(tx, created);
    await addCounts(tx, created);
    await addAccessCounts(tx, created);
  }

  // Duplicates within the batch take the id their first copy got.
  items.forEach((item, index) => {
    const outcome = outcomes[index]!;
    if (outcome.status === "duplicate" && outcome.id === "") {
      const first = outcomes[firstInBatch.get(item.submissionId)!];
      outcomes[index] = first && "id" in first ? { status: "duplicate", id: first.id } : first!;
    }
  });
  return outcomes as StoreOutcome[];
}

const IIT_COLUMNS = ["id", "round_id", "framework", "submission_id", "answers"] as const;
const EIT_COLUMNS = [...IIT_COLUMNS, "channel", "respondent_type", "day"] as const;
const TALLY_COLUMNS = ["round_id", "instrument", "channel", "item", "sub", "level", "count"] as const;

function iitRow(item: Submission, id: string) {
  return {
    id,
    round_id: item.roundId,
    framework: item.framework,
    submission_id: item.submissionId,
    answers: JSON.stringify(item.answers),
  };
}

function eitRow(item: Submission, id: string) {
  return {
    ...iitRow(item, id),
    channel: item.channel ?? null,
    respondent_type: item.respondentType ?? "",
    day: item.day ?? "",
  };
}

async function findStoredIds(tx: Tx, submissionIds: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const unique = [...new Set(submissionIds)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const chunk = unique.slice(i, i + CHUNK);
    const rows = await tx
      .selectFrom("iit_responses")
      .select(["submission_id", "id"])
      .where("submission_id", "in", chunk)
      .unionAll(tx.selectFrom("eit_responses").select(["submission_id", "id"]).where("submission_id", "in", chunk))
      .execute();
    for (const r of rows) found.set(r.submission_id, r.id);
  }
  return found;
}

type CodeUse = Map<string, { before: Set<string>; taken: Set<string> }>;

async function checkCodes(tx: Tx, kind: string, items: readonly Submission[], outcomes: (StoreOutcome | undefined)[]) {
  const use: CodeUse = new Map();
  const rounds = new Set<string>();
  items.forEach((item, index) => {
    if (!outcomes[index] && item.instrument === "iit" && item.codeHash) rounds.add(item.roundId);
  });
  for (const roundId of rounds) {
    const hashes = items.filter((i) => i.roundId === roundId && i.codeHash).map((i) => i.codeHash!);
    const existing = await findKnownCodes(tx, roundId, hashes);
    // The round's code-use row exists before it is read, and is locked on PostgreSQL, so that
    // two processes cannot both spend one code (SQLite: BEGIN IMMEDIATE already serialises writers).
    await tx
      .insertInto("iit_code_use")
      .values({ round_id: roundId, used_hashes: "[]", used_count: 0 })
      .onConflict((oc) => oc.column("round_id").doNothing())
      .execute();
    const before = await findUsedCodes(tx, roundId, kind === "postgres");
    const taken = new Set<string>();
    use.set(roundId, { before, taken });
    items.forEach((item, index) => {
      if (outcomes[index] || item.instrument !== "iit" || item.roundId !== roundId || !item.codeHash) return;
      if (!existing.has(item.codeHash)) outcomes[index] = { status: "code-unknown" };
      else if (before.has(item.codeHash) || taken.has(item.codeHash)) outcomes[index] = { status: "code-used" };
      else taken.add(item.codeHash);
    });
  }
  return use;
}

/** The hashes among `hashes` that are one-time codes of the round. */
async function findKnownCodes(tx: Tx, roundId: string, hashes: string[]): Promise<Set<string>> {
  const rows = await tx
    .selectFrom("iit_codes")
    .select("code_hash")
    .where("round_id", "=", roundId)
    .where("code_hash", "in", [...new Set(hashes)])
    .execute();
  return new Set(rows.map((r) => r.code_hash));
}

/** The round's spent codes (locked for update on PostgreSQL when `lock`). */
async function findUsedCodes(tx: Tx, roundId: string, lock: boolean): Promise<Set<string>> {
  let query = tx.selectFrom("iit_code_use").select("used_hashes").where("round_id", "=", roundId);
  if (lock) query = query.forUpdate();
  const current = await query.executeTakeFirst();
  return new Set<string>(current ? (JSON.parse(current.used_hashes) as string[]) : []);
}

/**
 * Whether a one-time code could be spent now, by the same lookups as storing a submission,
 * reading only: the code is spent by the submission alone.
 */
export async function findCodeState(db: Db, roundId: string, codeHash: string): Promise<"unknown" | "used" | "unused"> {
  if (!(await findKnownCodes(db, roundId, [codeHash])).has(codeHash)) return "unknown";
  return (await findUsedCodes(db, roundId, false)).has(codeHash) ? "used" : "unused";
}

async function writeCodeUse(tx: Tx, use: CodeUse, spent: Set<string>) {
  for (const [roundId, { before, taken }] of use) {
    // Only codes really spent count (a late duplicate did not spend its code).
    const added = [...taken].filter((h) => spent.has(h));
    if (added.length === 0) continue;
    const all = [...before, ...added].sort();
    await tx
      .updateTable("iit_code_use")
      .set({ used_hashes: JSON.stringify(all), used_count: all.length })
      .where("round_id", "=", roundId)
      .execute();
  }
}

async function addTallies(tx: Tx, created: Submission[]) {
  // Nested maps (group, item, sub, level) rather than one joined-string key: a batch sums thousands of
  // answers, and building and hashing a string per answer cost more than the rest of this function.
  type Row = {
    round_id: string;
    instrument: "iit" | "eit";
    channel: string;
    item: string;
    sub: number;
    level: number;
    count: number;
  };
  const rows: Row[] = [];
  const groups = new Map<string, Map<string, Map<number, Map<number, Row>>>>();
  for (const s of created) {
    const channel = s.instrument === "eit" ? (s.channel ?? "") : "";
    const group = `${s.roundId}\0${s.instrument}\0${channel}`;
    let items = groups.get(group);
    if (!items) groups.set(group, (items = new Map()));
    for (const t of s.tallies) {
      let subs = items.get(t.item);
      if (!subs) items.set(t.item, (subs = new Map()));
      let levels = subs.get(t.sub);
      if (!levels) subs.set(t.sub, (levels = new Map()));
      const row = levels.get(t.level);
      if (row) row.count += 1;
      else {
        const added = {
          round_id: s.roundId,
          instrument: s.instrument,
          channel,
          item: t.item,
          sub: t.sub,
          level: t.level,
          count: 1,
        };
        levels.set(t.level, added);
        rows.push(added);
      }
    }
  }
  for (let i = 0; i < rows.length; i += CHUNK) {
    await insertRows(tx, "tallies", TALLY_COLUMNS, rows.slice(i, i + CHUNK), (values) =>
      tx
        .insertInto("tallies")
        .values(values)
        .onConflict((oc) =>
          oc
            .columns(["round_id", "instrument", "channel", "item", "sub", "level"])
            .doUpdateSet({ count: sql`tallies.count + excluded.count` }),
        ),
    );
  }
}

async function addCounts(tx: Tx, created: Submission[]) {
  const sums = new Map<string, { round_id: string; instrument: "iit" | "eit"; channel: string; count: number }>();
  for (const s of created) {
    const channel = s.instrument === "eit" ? (s.channel ?? "") : "";
    const key = `${s.roundId}\0${s.instrument}\0${channel}`;
    const row = sums.get(key);
    if (row) row.count += 1;
    else sums.set(key, { round_id: s.roundId, instrument: s.instrument, channel, count: 1 });
  }
  if (sums.size === 0) return;
  await tx
    .insertInto("response_counts")
    .values([...sums.values()])
    .onConflict((oc) =>
      oc
        .columns(["round_id", "instrument", "channel"])
        .doUpdateSet({ count: sql`response_counts.count + excluded.count` }),
    )
    .execute();
}

async function refuseTakenSerials(tx: Tx, items: readonly Submission[], outcomes: (StoreOutcome | undefined)[]) {
  const keyed = items
    .map((item, index) => ({ item, index }))
    .filter(({ item, index }) => !outcomes[index] && item.entry);
  if (keyed.length === 0) return;
  const taken = new Set<string>();
  for (const roundId of new Set(keyed.map(({ item }) => item.roundId))) {
    const serials = keyed.filter(({ item }) => item.roundId === roundId).map(({ item }) => item.entry!.serial);
    const rows = await tx
      .selectFrom("keyed_entries")
      .select("serial")
      .where("round_id", "=", roundId)
      .where("serial", "in", [...new Set(serials)])
      .execute();
    for (const r of rows) taken.add(`${roundId}\0${r.serial}`);
  }
  for (const { item, index } of keyed) {
    const key = `${item.roundId}\0${item.entry!.serial}`;
    if (taken.has(key)) outcomes[index] = { status: "serial-taken" };
    else taken.add(key);
  }
}

/**
 * Refuses IIT items of released rounds. SQLite: read here (BEGIN IMMEDIATE serialises writers). PostgreSQL:
 * `released` was read by findClosedIit after findStoredIdsLockingRounds took the round rows FOR SHARE, held
 * until commit; closing a round updates its row first, so a close waits for this batch (and releases it) or
 * this batch waits for the close (and sees its release).
 */
async function refuseReleasedIit(
  tx: Tx,
  items: readonly Submission[],
  outcomes: (StoreOutcome | undefined)[],
  releasedRounds?: Set<string>,
) {
  const rounds = new Set<string>();
  items.forEach((item, index) => {
    if (!outcomes[index] && item.instrument === "iit") rounds.add(item.roundId);
  });
  if (rounds.size === 0) return;
  const ids = [...rounds];
  const released =
    releasedRounds ??
    new Set(
      (
        await tx
          .selectFrom("iit_releases")
          .select("round_id")
          .where("round_id", "in", ids)
          .where("released", "=", 1)
          .execute()
      ).map((r) => r.round_id),
    );
  items.forEach((item, index) => {
    if (!outcomes[index] && item.instrument === "iit" && released.has(item.roundId))
      outcomes[index] = { status: "iit-released" };
  });
}

async function addAccessCounts(tx: Tx, created: Submission[]) {
  const sums = new Map<string, { round_id: string; kind: "code" | "pin" | "staff"; count: number }>();
  for (const s of created) {
    if (s.instrument !== "iit" || !s.iitAccess) continue;
    const key = `${s.roundId}\0${s.iitAccess}`;
    const row = sums.get(key);
    if (row) row.count += 1;
    else sums.set(key, { round_id: s.roundId, kind: s.iitAccess, count: 1 });
  }
  if (sums.size === 0) return;
  await tx
    .insertInto("iit_access_counts")
    .values([...sums.values()])
    .onConflict((oc) =>
      oc.columns(["round_id", "kind"]).doUpdateSet({ count: sql`iit_access_counts.count + excluded.count` }),
    )
    .execute();
}

// ---- PostgreSQL: the batch in few statements (arrays through unnest: one SQL text whatever the batch size) ----

const texts = (values: readonly (string | null)[]) => values.map((v) => cleanNul(v) as string | null);

/**
 * The stored ids of `submissionIds` (as findStoredIds), and in the same statement the rows of `iitRounds` taken
 * FOR SHARE until commit (before the IIT's release is read: see refuseReleasedIit).
 */
async function findStoredIdsLockingRounds(
  tx: Tx,
  submissionIds: string[],
  iitRounds: string[],
): Promise<Map<string, string>> {
  const unique = texts([...new Set(submissionIds)]);
  const { rows } = await sql<{ submission_id: string | null; id: string }>`
    with locked as (select id from rounds where id = any(${texts([...iitRounds].sort())}::text[]) order by id for share)
    select submission_id, id from iit_responses where submission_id = any(${unique}::text[])
    union all select submission_id, id from eit_responses where submission_id = any(${unique}::text[])
    union all select null, id from locked`.execute(tx);
  const found = new Map<string, string>();
  for (const r of rows) if (r.submission_id !== null) found.set(r.submission_id, r.id);
  return found;
}

/** Which of the rounds have a sealed IIT (seal rows FOR SHARE, as findSealedRounds) or a released one. */
async function findClosedIit(tx: Tx, roundIds: string[]): Promise<{ sealed: Set<string>; released: Set<string> }> {
  const sealed = new Set<string>();
  const released = new Set<string>();
  if (roundIds.length === 0) return { sealed, released };
  const ids = texts(roundIds);
  const { rows } = await sql<{ what: "sealed" | "released"; round_id: string }>`
    with seals as (select round_id from iit_seals where round_id = any(${ids}::text[]) for share)
    select 'sealed' as what, round_id from seals
    union all select 'released', round_id from iit_releases where round_id = any(${ids}::text[]) and released = 1`.execute(
    tx,
  );
  for (const r of rows) (r.what === "sealed" ? sealed : released).add(r.round_id);
  return { sealed, released };
}

/** The IIT and EIT rows of a batch in one statement; returns the submission ids really inserted. */
async function insertResponsesPostgres(
  tx: Tx,
  pending: { item: Submission; index: number }[],
  ids: Map<number, string>,
): Promise<Set<string>> {
  const iit = pending
    .filter(({ item }) => item.instrument === "iit")
    .map(({ item, index }) => iitRow(item, ids.get(index)!));
  const eit = pending
    .filter(({ item }) => item.instrument === "eit")
    .map(({ item, index }) => eitRow(item, ids.get(index)!));
  if (iit.length + eit.length === 0) return new Set();
  const col = <R, K extends keyof R>(rows: R[], key: K) => texts(rows.map((r) => r[key] as string | null));
  const { rows } = await sql<{ submission_id: string }>`
    with i as (
      insert into iit_responses (id, round_id, framework, submission_id, answers)
      select * from unnest(${col(iit, "id")}::text[], ${col(iit, "round_id")}::text[], ${col(iit, "framework")}::text[],
        ${col(iit, "submission_id")}::text[], ${col(iit, "answers")}::text[])
      on conflict (submission_id) do nothing
      returning submission_id
    ), e as (
      insert into eit_responses (id, round_id, framework, submission_id, answers, channel, respondent_type, day)
      select * from unnest(${col(eit, "id")}::text[], ${col(eit, "round_id")}::text[], ${col(eit, "framework")}::text[],
        ${col(eit, "submission_id")}::text[], ${col(eit, "answers")}::text[], ${col(eit, "channel")}::text[],
        ${col(eit, "respondent_type")}::text[], ${col(eit, "day")}::text[])
      on conflict (submission_id) do nothing
      returning submission_id
    )
    select submission_id from i union all select submission_id from e`.execute(tx);
  return new Set(rows.map((r) => r.submission_id));
}

/**
 * Tallies, response counts and IIT access counters of the created responses in one statement. Rows are
 * upserted in sorted key order, so that batches of several processes lock the shared counter rows in the same
 * order and cannot deadlock.
 */
async function addAllCountsPostgres(tx: Tx, created: Submission[]) {
  if (created.length === 0) return;
  const tallies = new Map<string, { key: string[]; sub: number; level: number; count: number }>();
  const counts = new Map<string, { key: string[]; count: number }>();
  const access = new Map<string, { key: string[]; count: number }>();
  for (const s of created) {
    const channel = s.instrument === "eit" ? (s.channel ?? "") : "";
    const group = `${s.roundId}\0${s.instrument}\0${channel}`;
    const count = counts.get(group);
    if (count) count.count += 1;
    else counts.set(group, { key: [s.roundId, s.instrument, channel], count: 1 });
    if (s.instrument === "iit" && s.iitAccess) {
      const k = `${s.roundId}\0${s.iitAccess}`;
      const row = access.get(k);
      if (row) row.count += 1;
      else access.set(k, { key: [s.roundId, s.iitAccess], count: 1 });
    }
    for (const t of s.tallies) {
      const k = `${group}\0${t.item}\0${t.sub}\0${t.level}`;
      const row = tallies.get(k);
      if (row) row.count += 1;
      else tallies.set(k, { key: [s.roundId, s.instrument, channel, t.item], sub: t.sub, level: t.level, count: 1 });
    }
  }
  const byKey = <R extends { key: string[] }>(rows: Iterable<R>, extra: (r: R) => number[] = () => []) =>
    [...rows].sort((a, b) => {
      for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return a.key[i]! < b.key[i]! ? -1 : 1;
      const x = extra(a);
      const y = extra(b);
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
      return 0;
    });
  const t = byKey(tallies.values(), (r) => [r.sub, r.level]);
  const c = byKey(counts.values());
  const a = byKey(access.values());
  const at = <R extends { key: string[] }>(rows: R[], i: number) => texts(rows.map((r) => r.key[i]!));
  await sql`
    with t as (
      insert into tallies (round_id, instrument, channel, item, sub, level, count)
      select * from unnest(${at(t, 0)}::text[], ${at(t, 1)}::text[], ${at(t, 2)}::text[], ${at(t, 3)}::text[],
        ${t.map((r) => r.sub)}::int[], ${t.map((r) => r.level)}::int[], ${t.map((r) => r.count)}::int[])
      on conflict (round_id, instrument, channel, item, sub, level) do update set count = tallies.count + excluded.count
      returning 1
    ), c as (
      insert into response_counts (round_id, instrument, channel, count)
      select * from unnest(${at(c, 0)}::text[], ${at(c, 1)}::text[], ${at(c, 2)}::text[], ${c.map((r) => r.count)}::int[])
      on conflict (round_id, instrument, channel) do update set count = response_counts.count + excluded.count
      returning 1
    ), a as (
      insert into iit_access_counts (round_id, kind, count)
      select * from unnest(${at(a, 0)}::text[], ${at(a, 1)}::text[], ${a.map((r) => r.count)}::int[])
      on conflict (round_id, kind) do update set count = iit_access_counts.count + excluded.count
      returning 1
    )
    select (select count(*) from t) + (select count(*) from c) + (select count(*) from a) as n`.execute(tx);
}
