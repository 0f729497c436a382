import { sql } from "kysely";
import type { Db, Tx } from "../client";
import type { TallyPoint } from "./responses";

// EIT sheets keyed in by staff (migration 20261205_0011): listing them, and the writes behind correcting or
// voiding one. The caller opens the transaction; tallies and response counts move with the response.

export interface KeyedEntryRow {
  id: string;
  serial: string;
  channel: string | null;
  entered_by: string | null;
  entered_by_name: string | null;
  entered_by_email: string | null;
  entered_at: string;
}

/** The round's keyed-in EIT sheets with who keyed them: the columns of a `KeyedEntryRow`. */
function keyedEntriesOf(db: Db | Tx, roundId: string) {
  return db
    .selectFrom("keyed_entries as k")
    .innerJoin("eit_responses as r", "r.id", "k.response_id")
    .leftJoin("users as u", "u.id", "k.entered_by")
    .select([
      "r.id as id",
      "k.serial as serial",
      "r.channel as channel",
      "k.entered_by as entered_by",
      "u.name as entered_by_name",
      "u.email as entered_by_email",
      "k.entered_at as entered_at",
    ])
    .where("k.round_id", "=", roundId);
}

/** The round's keyed-in EIT sheets, newest first; only those `enteredBy` keyed when given. */
export async function listKeyedEntries(db: Db, roundId: string, enteredBy: string | null): Promise<KeyedEntryRow[]> {
  let query = keyedEntriesOf(db, roundId);
  if (enteredBy) query = query.where("k.entered_by", "=", enteredBy);
  return query.orderBy("k.entered_at", "desc").orderBy("k.serial").execute();
}

export interface KeyedEntryDetail extends KeyedEntryRow {
  framework: string;
  answers: string;
}

/** One keyed-in EIT sheet of the round, with its answers. */
export async function findKeyedEntry(
  db: Db | Tx,
  roundId: string,
  responseId: string,
): Promise<KeyedEntryDetail | undefined> {
  return keyedEntriesOf(db, roundId)
    .select(["r.framework as framework", "r.answers as answers"])
    .where("k.response_id", "=", responseId)
    .executeTakeFirst();
}

export async function isSerialKeyed(db: Db, roundId: string, serial: string): Promise<boolean> {
  const row = await db
    .selectFrom("keyed_entries")
    .select("serial")
    .where("round_id", "=", roundId)
    .where("serial", "=", serial)
    .executeTakeFirst();
  return !!row;
}

/** Adds `delta` (±1) for each point to the round's EIT tallies of `channel`; rows falling to 0 are removed. */
export async function moveEitTallies(
  tx: Tx,
  roundId: string,
  channel: string | null,
  points: readonly TallyPoint[],
  delta: number,
): Promise<void> {
  const ch = channel ?? "";
  for (const p of points) {
    if (delta > 0) {
      await tx
        .insertInto("tallies")
        .values({
          round_id: roundId,
          instrument: "eit",
          channel: ch,
          item: p.item,
          sub: p.sub,
          level: p.level,
          count: delta,
        })
        .onConflict((oc) =>
          oc
            .columns(["round_id", "instrument", "channel", "item", "sub", "level"])
            .doUpdateSet({ count: sql`tallies.count + excluded.count` }),
        )
        .execute();
    } else {
      await tx
        .updateTable("tallies")
        .set({ count: sql`count + ${delta}` })
        .where("round_id", "=", roundId)
        .where("instrument", "=", "eit")
        .where("channel", "=", ch)
        .where("item", "=", p.item)
        .where("sub", "=", p.sub)
        .where("level", "=", p.level)
        .execute();
    }
  }
  if (delta < 0)
    await tx
      .deleteFrom("tallies")
      .where("round_id", "=", roundId)
      .where("instrument", "=", "eit")
      .where("channel", "=", ch)
      .where("count", "<=", 0)
      .execute();
}

export async function updateEitAnswers(tx: Tx, id: string, answers: unknown, respondentType: string): Promise<void> {
  await tx
    .updateTable("eit_responses")
    .set({ answers: JSON.stringify(answers), respondent_type: respondentType })
    .where("id", "=", id)
    .execute();
}

/** Deletes a keyed-in EIT response (its keyed_entries row goes with it) and takes it off the round's count. */
export async function deleteEitResponse(tx: Tx, roundId: string, id: string, channel: string | null): Promise<void> {
  await tx.deleteFrom("keyed_entries").where("response_id", "=", id).execute();
  await tx.deleteFrom("eit_responses").where("id", "=", id).execute();
  await tx
    .updateTable("response_counts")
    .set({ count: sql`count - 1` })
    .where("round_id", "=", roundId)
    .where("instrument", "=", "eit")
    .where("channel", "=", channel ?? "")
    .execute();
  await tx
    .deleteFrom("response_counts")
    .where("round_id", "=", roundId)
    .where("instrument", "=", "eit")
    .where("channel", "=", channel ?? "")
    .where("count", "<=", 0)
    .execute();
}

/** Takes the write lock on a response row before it is read for a change (PostgreSQL row lock; SQLite: the writer). */
export async function lockEitResponse(tx: Tx, id: string): Promise<void> {
  await tx
    .updateTable("eit_responses")
    .set({ id: sql`id` })
    .where("id", "=", id)
    .execute();
}
