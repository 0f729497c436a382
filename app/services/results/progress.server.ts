import type { Db } from "../../../db/client";
import { countEitResponsesByDay, countResponsesByChannel } from "../../../db/repositories/progress";
import { listChannelNames } from "../../../db/repositories/results";
import type { SurveyKind } from "../../lib/instruments";
import { assertCan, type SessionUser } from "../../server/auth.server";
import { roundOfActor } from "../rounds/rounds.server";

export type RoundProgress = {
  round: { id: string; status: string; minIit: number; minEit: number };
  iit: number;
  eit: number;
  /** EIT responses per channel ('' = no channel; `name` null when the channel has since been removed). */
  channels: { key: string; name: string | null; count: number }[];
  /** EIT responses per day, oldest first (IIT answers keep no day). */
  days: { day: string; count: number }[];
  /** The round is still open, or an instrument is below its minimum sample. */
  provisional: boolean;
};

/** How many have answered a round so far: per instrument against the minimum, EIT per channel and per day. */
export async function getRoundProgress(db: Db, actor: SessionUser, roundId: string): Promise<RoundProgress> {
  assertCan(actor, "any");
  const round = await roundOfActor(db, actor, roundId);
  const [counts, names, days] = await Promise.all([
    countResponsesByChannel(db, round.id),
    listChannelNames(db, round.id),
    countEitResponsesByDay(db, round.id),
  ]);
  const total = (kind: SurveyKind) => counts.filter((c) => c.instrument === kind).reduce((n, c) => n + c.count, 0);
  const iit = total("iit");
  const eit = total("eit");
  return {
    round: { id: round.id, status: round.status, minIit: round.min_iit, minEit: round.min_eit },
    iit,
    eit,
    channels: counts
      .filter((c) => c.instrument === "eit")
      .map((c) => ({ key: c.channel, name: names.get(c.channel) ?? null, count: c.count })),
    days,
    provisional: round.status !== "closed" || iit < round.min_iit || eit < round.min_eit,
  };
}
