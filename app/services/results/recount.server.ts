import type { Db } from "../../../db/client";
import { listRawResponses, listResponseCounts, listTallies, replaceCounts } from "../../../db/repositories/results";
import type { ChannelCount, RebuiltCounts, TallyCount } from "../../../db/repositories/results";
import type { Round } from "../../../db/repositories/rounds";
import { tallyAnswers } from "../../ita";
import type { Answers } from "../../ita";
import { instrumentOf, SURVEY_KINDS, type SurveyKind } from "../../lib/instruments";
import { audit } from "../../server/audit.server";
import { frameworkFor } from "../frameworks/frameworks.server";

export type RecountReport = {
  round: { id: string; slug: string };
  responseCounts: { iit: number; eit: number };
  /** Tally and count rows that differed from the rebuilt ones before the recount (0 when they agreed). */
  changedRows: number;
};

/** Rebuilds tallies and response counts of a round from the stored answers (pure; nothing is written). */
export async function rebuildCounts(db: Db, round: Round): Promise<RebuiltCounts> {
  const rebuilt: RebuiltCounts = { tallies: [], counts: [] };
  for (const instrument of SURVEY_KINDS) {
    const groups = new Map<string, { framework: string; channel: string; answers: Answers[] }>();
    for (const r of await listRawResponses(db, round.id, instrument)) {
      const channel = instrument === "eit" ? (r.channel ?? "") : "";
      const key = `${r.framework}\0${channel}`;
      const group = groups.get(key) ?? { framework: r.framework, channel, answers: [] };
      group.answers.push(JSON.parse(r.answers) as Answers);
      groups.set(key, group);
    }
    const tallies = new Map<string, TallyCount & { instrument: SurveyKind }>();
    const counts = new Map<string, ChannelCount>();
    for (const g of groups.values()) {
      const fw = await frameworkFor(db, g.framework);
      for (const row of tallyAnswers(fw, instrumentOf(instrument), g.answers).rows) {
        const key = `${g.channel}\0${row.item}\0${row.sub}\0${row.level}`;
        const t = tallies.get(key) ?? {
          instrument,
          channel: g.channel,
          item: row.item,
          sub: row.sub,
          level: row.level,
          count: 0,
        };
        t.count += row.count;
        tallies.set(key, t);
      }
      const c = counts.get(g.channel) ?? { instrument, channel: g.channel, count: 0 };
      c.count += g.answers.length;
      counts.set(g.channel, c);
    }
    rebuilt.tallies.push(...tallies.values());
    rebuilt.counts.push(...counts.values());
  }
  return rebuilt;
}

const tallyKey = (instrument: string, t: TallyCount) =>
  `${instrument}|${t.channel}|${t.item}|${t.sub}|${t.level}|${t.count}`;

/** Rows of the stored tallies and counts that the rebuilt ones do not reproduce exactly (both ways). */
export async function countDifferences(db: Db, round: Round, rebuilt: RebuiltCounts): Promise<number> {
  const stored = new Set<string>();
  for (const instrument of SURVEY_KINDS)
    for (const t of await listTallies(db, round.id, instrument)) if (t.count > 0) stored.add(tallyKey(instrument, t));
  for (const c of await listResponseCounts(db, round.id))
    if (c.count > 0) stored.add(`count|${c.instrument}|${c.channel}|${c.count}`);
  const fresh = new Set<string>([
    ...rebuilt.tallies.map((t) => tallyKey(t.instrument, t)),
    ...rebuilt.counts.map((c) => `count|${c.instrument}|${c.channel}|${c.count}`),
  ]);
  let changed = 0;
  for (const k of stored) if (!fresh.has(k)) changed++;
  for (const k of fresh) if (!stored.has(k)) changed++;
  return changed;
}

/**
 * `ita recount`: rebuilds tallies and counts from the raw answers (never the IIT release: released figures do
 * not move). The rebuild, the rewrite and its audit entry ("round.recount", by the system: the command has no signed-in user) are one
 * transaction: the counts are replaced together with the line that says so, or not at all.
 */
export async function recountRound(db: Db, round: Round): Promise<RecountReport> {
  return db.transaction().execute(async (tx) => {
    const rebuilt = await rebuildCounts(tx, round);
    const changedRows = await countDifferences(tx, round, rebuilt);
    await replaceCounts(tx, round.id, rebuilt);
    const total = (i: SurveyKind) => rebuilt.counts.filter((c) => c.instrument === i).reduce((n, c) => n + c.count, 0);
    const responseCounts = { iit: total("iit"), eit: total("eit") };
    await audit(tx, {
      user: null,
      agencyId: round.agency_id,
      action: "round.recount",
      entity: "round",
      entityId: round.id,
      detail: { changedRows, responseCounts },
    });
    return { round: { id: round.id, slug: round.slug }, responseCounts, changedRows };
  });
}
