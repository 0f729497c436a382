import { describe, expect, it } from "vitest";
import { hashCode } from "../../db/repositories/round-access";
import { useTestApp } from "../support/app";
import { seededRandom } from "../support/answers";
import { FLAVOURS } from "../support/databases";
import {
  createLoadRound,
  eitBody,
  iitBody,
  readStoredState,
  submit,
  type LoadRound,
  type Reply,
  type SubmissionBody,
} from "../support/load";

const DISTINCT = 120;
const COPIES = 3;
const CODES = 30;
const RACERS = 5;

// A rush at the counter: everything at once, with phones that resend and staff who share a code.
describe.each(FLAVOURS)("parallel submissions on %s", (flavour) => {
  let round: LoadRound;
  const { database, server } = useTestApp({
    flavour,
    env: { SUBMIT_RATE_LIMIT: "1000000" },
    seed: async (db) => (round = await createLoadRound(db, { codes: CODES })),
  });

  it("stores one response per submissionId, spends each code once and never answers 5xx", async () => {
    const random = seededRandom(flavour === "sqlite" ? 41 : 42);
    const distinct: SubmissionBody[] = Array.from({ length: DISTINCT }, () => eitBody(round, random));
    // The same code raced by several staff (different submissions), each code by RACERS of them.
    const racers: SubmissionBody[] = round.codes.flatMap((code) =>
      Array.from({ length: RACERS }, () => iitBody(round, random, code)),
    );
    const requests = shuffle(
      [...distinct.flatMap((b) => Array(COPIES).fill(b) as SubmissionBody[]), ...racers],
      random,
    );

    const replies: { body: SubmissionBody; reply: Reply }[] = await Promise.all(
      requests.map(async (body) => ({ body, reply: await submit(server.url, body) })),
    );

    const statuses = new Map<number, number>();
    for (const { reply } of replies) statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
    const unexpected = replies.filter(({ reply }) => ![200, 201, 409].includes(reply.status));
    expect(unexpected.map(({ reply }) => `${reply.status} ${JSON.stringify(reply.body)}`)).toEqual([]);

    // Each EIT submissionId: exactly one 201, every copy told the same id.
    for (const body of distinct) {
      const mine = replies.filter((r) => r.body.submissionId === body.submissionId).map((r) => r.reply);
      expect(mine.map((r) => r.status).sort()).toEqual([200, 200, 201]);
      expect(new Set(mine.map((r) => r.body.id)).size).toBe(1);
    }
    // Each code: one racer won (201), the others were told it is used (409 with a Thai message).
    for (const code of round.codes) {
      const mine = replies.filter((r) => r.body.accessCode === code).map((r) => r.reply);
      expect(mine.filter((r) => r.status === 201)).toHaveLength(1);
      const refused = mine.filter((r) => r.status === 409);
      expect(refused).toHaveLength(RACERS - 1);
      for (const r of refused) expect(r.body.errorTh).toMatch(/[\u0E00-\u0E7F]/);
    }

    const state = await readStoredState(database.url, round.roundId);
    expect(state.counts).toEqual({ iit: CODES, eit: DISTINCT });
    expect(state.responses.size).toBe(CODES + DISTINCT);
    for (const { body, reply } of replies.filter((r) => r.reply.status === 201)) {
      expect(state.responses.get(body.submissionId)?.id).toBe(reply.body.id);
    }
    expect(state.usedCount).toBe(CODES);
    expect(state.usedCodes).toEqual(new Set(round.codes.map(hashCode)));
    expect(state.recountDifferences).toBe(0);
    expect(server.output()).not.toMatch(/SQLITE_BUSY|database is locked|deadlock|could not serialize/i);
  });
});

function shuffle<T>(list: T[], random: () => number): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}
