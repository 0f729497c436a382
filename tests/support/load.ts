import crypto from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { createDb, type Db } from "../../db/client";
import { insertIitCodes, upsertEitChannel } from "../../db/repositories/round-access";
import { findRoundById } from "../../db/repositories/rounds";
import { countDifferences, rebuildCounts } from "../../app/services/results/recount.server";
import type { Answers } from "../../app/ita/index";
import { randomAnswers, readFramework } from "./answers";
import { createAgencyWithRound, type RoundFixture } from "./factories";

// Helpers for the proof tests (crash safety, concurrency, several processes, backups): a round to
// submit to, bodies for POST /api/responses, and a check of everything stored against what was acknowledged.

export const FRAMEWORK = readFramework("ita-2565");

export type LoadRound = RoundFixture & { channel: string; codes: string[] };

/** An open round with one EIT channel ("counter") and, when asked, IIT one-time codes instead of the PIN. */
export async function createLoadRound(db: Db, options: { codes?: number } = {}): Promise<LoadRound> {
  const codes = options.codes ?? 0;
  const fixture = await createAgencyWithRound(db, {
    round: codes > 0 ? { iit_access: "codes", pin: null, min_iit: 5, min_eit: 5 } : {},
  });
  await upsertEitChannel(db, { roundId: fixture.roundId, key: "counter", name: "จุดบริการ", kiosk: false });
  return { ...fixture, channel: "counter", codes: codes > 0 ? await insertIitCodes(db, fixture.roundId, codes) : [] };
}

export type SubmissionBody = {
  round: string;
  instrument: "iit" | "eit";
  answers: Answers;
  submissionId: string;
  channel?: string;
  pin?: string;
  accessCode?: string;
};

export function eitBody(round: LoadRound, random: () => number = Math.random, comment?: string): SubmissionBody {
  const answers = randomAnswers(FRAMEWORK, "EIT", random);
  if (comment !== undefined) answers.comment = comment;
  return { round: round.slug, instrument: "eit", answers, submissionId: crypto.randomUUID(), channel: round.channel };
}

export function iitBody(round: LoadRound, random: () => number = Math.random, accessCode?: string): SubmissionBody {
  const body: SubmissionBody = {
    round: round.slug,
    instrument: "iit",
    answers: randomAnswers(FRAMEWORK, "IIT", random),
    submissionId: crypto.randomUUID(),
  };
  if (accessCode !== undefined) body.accessCode = accessCode;
  else body.pin = round.pin ?? "";
  return body;
}

export type Reply = { status: number; body: any };

/** POSTs one submission; a dropped connection (server killed) is a status of 0. */
export async function submit(serverUrl: string, body: unknown, init: { signal?: AbortSignal } = {}): Promise<Reply> {
  try {
    const res = await fetch(`${serverUrl}/api/responses`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: init.signal,
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* keep the text for the failure message */
    }
    return { status: res.status, body: parsed };
  } catch {
    return { status: 0, body: null };
  }
}

/** Runs `tasks` with at most `limit` in flight. */
export async function runPool<T>(limit: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

export type StoredState = {
  /** submission_id → { id, answers } for both instruments. */
  responses: Map<string, { id: string; instrument: "iit" | "eit"; answers: unknown }>;
  counts: { iit: number; eit: number };
  usedCodes: Set<string>;
  usedCount: number;
  /** Tally and count rows that a recount from the raw answers would change (0 = consistent). */
  recountDifferences: number;
  /** Rows whose answers are missing or not a JSON object. */
  withoutAnswers: number;
};

/** Reads what a round holds, straight from the database, and recounts its tallies from the raw answers. */
export async function readStoredState(databaseUrl: string, roundId: string): Promise<StoredState> {
  const db: Db = createDb(databaseUrl, { poolSize: 1 });
  try {
    const responses: StoredState["responses"] = new Map();
    let withoutAnswers = 0;
    for (const instrument of ["iit", "eit"] as const) {
      const rows = await db
        .selectFrom(instrument === "iit" ? "iit_responses" : "eit_responses")
        .select(["id", "submission_id", "answers"])
        .where("round_id", "=", roundId)
        .execute();
      for (const r of rows) {
        let answers: unknown = null;
        try {
          answers = JSON.parse(r.answers);
        } catch {
          /* counted below */
        }
        if (!answers || typeof answers !== "object" || Object.keys(answers).length === 0) withoutAnswers++;
        responses.set(r.submission_id, { id: r.id, instrument, answers });
      }
    }
    const countRows = await db
      .selectFrom("response_counts")
      .select(["instrument", "count"])
      .where("round_id", "=", roundId)
      .execute();
    const counts = { iit: 0, eit: 0 };
    for (const c of countRows) counts[c.instrument as "iit" | "eit"] += Number(c.count);
    const use = await db
      .selectFrom("iit_code_use")
      .select(["used_hashes", "used_count"])
      .where("round_id", "=", roundId)
      .executeTakeFirst();
    const round = (await findRoundById(db, roundId))!;
    const recountDifferences = await countDifferences(db, round, await rebuildCounts(db, round));
    return {
      responses,
      counts,
      usedCodes: new Set(use ? (JSON.parse(use.used_hashes) as string[]) : []),
      usedCount: Number(use?.used_count ?? 0),
      recountDifferences,
      withoutAnswers,
    };
  } finally {
    await db.destroy();
  }
}

/** The acknowledged submissions (submissionId → id and answers) that the stored state lacks or holds differently. */
export function missingAcknowledged(
  acknowledged: Map<string, { id: string; body: SubmissionBody }>,
  state: StoredState,
): string[] {
  const problems: string[] = [];
  for (const [submissionId, ack] of acknowledged) {
    const row = state.responses.get(submissionId);
    if (!row) problems.push(`${submissionId}: acknowledged as ${ack.id} but not stored`);
    else if (row.id !== ack.id) problems.push(`${submissionId}: acknowledged as ${ack.id}, stored as ${row.id}`);
    else if (!isDeepStrictEqual(row.answers, ack.body.answers))
      problems.push(`${submissionId}: answers differ from those sent`);
  }
  return problems;
}

/** Whether a session cookie opens the admin area: /admin answers, or sends on within it, not to /login. */
export async function isSignedIn(serverUrl: string, cookie: string): Promise<boolean> {
  const res = await fetch(`${serverUrl}/admin`, { headers: { cookie }, redirect: "manual" });
  await res.arrayBuffer();
  if (res.status === 200) return true;
  const location = res.headers.get("location") ?? "";
  if (res.status >= 300 && res.status < 400) return !location.startsWith("/login");
  throw new Error(`/admin answered ${res.status}`);
}
