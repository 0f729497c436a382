import type { Db } from "../client";
import type { ChannelCount } from "./results";

/** Responses per instrument and EIT channel ('' = no channel; IIT never has one). */
export async function countResponsesByChannel(db: Db, roundId: string): Promise<ChannelCount[]> {
  const rows = await db
    .selectFrom("response_counts")
    .select(["instrument", "channel", "count"])
    .where("round_id", "=", roundId)
    .orderBy("instrument")
    .orderBy("channel")
    .execute();
  return rows.map((r) => ({ instrument: r.instrument, channel: r.channel, count: Number(r.count) }));
}

/** EIT responses per day (YYYY-MM-DD), oldest first. IIT responses carry no day by design. */
export async function countEitResponsesByDay(db: Db, roundId: string): Promise<{ day: string; count: number }[]> {
  const rows = await db
    .selectFrom("eit_responses")
    .select(["day", (eb) => eb.fn.countAll<number>().as("n")])
    .where("round_id", "=", roundId)
    .groupBy("day")
    .orderBy("day")
    .execute();
  return rows.map((r) => ({ day: r.day, count: Number(r.n) }));
}
