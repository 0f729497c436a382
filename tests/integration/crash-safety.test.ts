import { afterAll, describe, expect, it } from "vitest";
import { hashCode } from "../../db/repositories/round-access";
import { useTestApp } from "../support/app";
import { seededRandom } from "../support/answers";
import {
  createLoadRound,
  eitBody,
  iitBody,
  missingAcknowledged,
  readStoredState,
  submit,
  type LoadRound,
  type SubmissionBody,
} from "../support/load";
import { startServer, type RunningServer } from "../support/server";

const CYCLES = 3;
const CLIENTS = 24;
const ENV = { SUBMIT_RATE_LIMIT: "1000000" };

// SIGKILL is what a power cut or an OOM kill looks like to the app: no shutdown hook runs. An answer
// the server acknowledged (201) must be on disk with its tallies; anything else may be lost but never half-stored.
describe("acknowledged submissions survive the server being killed (SQLite file)", () => {
  let round: LoadRound;
  // The test starts and kills the server itself.
  const { database } = useTestApp({
    servers: 0,
    seed: async (db) => (round = await createLoadRound(db, { codes: 3000 })),
  });
  let server: RunningServer | undefined;

  afterAll(async () => {
    await server?.kill();
  });

  it(`keeps every 201 with its answers, tallies and code use over ${CYCLES} kill-and-restart cycles`, async () => {
    const random = seededRandom(20261125);
    const acknowledged = new Map<string, { id: string; body: SubmissionBody }>();
    const unanswered: SubmissionBody[] = [];
    const unexpected: string[] = [];
    let nextCode = 0;
    let cutOff = 0;

    for (let cycle = 0; cycle < CYCLES; cycle++) {
      server = await startServer({ databaseUrl: database.url, env: ENV });

      // Clients that lost their connection in the last cycle retry with the same submissionId,
      // as the respondent page does: each gets 201 (it was lost) or 200 with the id it was stored under.
      for (const body of unanswered.splice(0)) {
        const reply = await submit(server.url, body);
        if (reply.status === 201 || reply.status === 200)
          acknowledged.set(body.submissionId, { id: reply.body.id, body });
        else unexpected.push(`retry ${body.submissionId}: ${reply.status} ${JSON.stringify(reply.body)}`);
      }
      const before = await readStoredState(database.url, round.roundId);
      expect(missingAcknowledged(acknowledged, before)).toEqual([]);

      let stop = false;
      let acksThisCycle = 0;
      const running = server;
      const clients = Array.from({ length: CLIENTS }, async () => {
        while (!stop) {
          const body =
            random() < 0.35 ? iitBody(round, random, round.codes[nextCode++]) : eitBody(round, random, "ขอบคุณครับ");
          const reply = await submit(running.url, body);
          if (reply.status === 201) {
            acknowledged.set(body.submissionId, { id: reply.body.id, body });
            acksThisCycle++;
          } else if (reply.status === 0) {
            unanswered.push(body);
            cutOff++;
          } else unexpected.push(`${body.instrument}: ${reply.status} ${JSON.stringify(reply.body)}`);
        }
      });
      // Kill at a different moment in each cycle, while requests are in flight.
      const target = 60 + Math.floor(random() * 120);
      const deadline = Date.now() + 8_000;
      while (acksThisCycle < target && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      await running.kill();
      stop = true;
      await Promise.all(clients);
      server = undefined;
      expect(acksThisCycle).toBeGreaterThanOrEqual(target);
    }

    // A last start: the database opens cleanly after the final kill and holds everything acknowledged.
    server = await startServer({ databaseUrl: database.url, env: ENV });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    await server.stop();
    server = undefined;

    expect(unexpected).toEqual([]);
    const state = await readStoredState(database.url, round.roundId);
    expect(missingAcknowledged(acknowledged, state)).toEqual([]);
    expect(state.withoutAnswers).toBe(0);
    expect(state.recountDifferences).toBe(0);
    expect(state.counts.iit + state.counts.eit).toBe(state.responses.size);
    const iitStored = [...state.responses.values()].filter((r) => r.instrument === "iit").length;
    expect(state.counts.iit).toBe(iitStored);
    // Every stored IIT response spent exactly one code, and every acknowledged code is marked used.
    expect(state.usedCount).toBe(iitStored);
    expect(state.usedCodes.size).toBe(iitStored);
    for (const { body } of acknowledged.values()) {
      if (body.accessCode) expect(state.usedCodes.has(hashCode(body.accessCode))).toBe(true);
    }
    // Unanswered requests that were stored anyway came back as 200 with their id above; none stored twice.
    expect(state.responses.size).toBeGreaterThanOrEqual(acknowledged.size);
    expect(acknowledged.size).toBeGreaterThan(CYCLES * 60);
    // The kills really landed mid-stream: requests were cut off and retried.
    expect(cutOff).toBeGreaterThan(0);
  });
});
