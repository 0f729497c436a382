import crypto from "node:crypto";
import http from "node:http";
import { describe, expect, it } from "vitest";
import { scoreAnswers, scoreFromTallies, type Answers } from "../../app/ita/index";
import type { Db } from "../../db/client";
import { insertIitCodes, upsertEitChannel } from "../../db/repositories/round-access";
import { useTestApp } from "../support/app";
import { randomAnswers, readFramework, seededRandom } from "../support/answers";
import { FLAVOURS } from "../support/databases";
import { createAgencyWithRound, type RoundFixture } from "../support/factories";
import { startServer } from "../support/server";

const fw = readFramework();
const random = seededRandom(4);
const iitAnswers = () => randomAnswers(fw, "IIT", random);
const eitAnswers = () => randomAnswers(fw, "EIT", random);

async function post(base: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/api/responses`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** Every row the submission path can write, summed up, to prove a refusal changed nothing. */
async function snapshot(db: Db) {
  const count = async (table: "iit_responses" | "eit_responses" | "iit_releases" | "iit_release_tallies") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const sum = async (table: "tallies" | "response_counts" | "iit_access_counts") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.sum<number>("count").as("n"))
          .executeTakeFirstOrThrow()
      ).n ?? 0,
    );
  const codes = await db.selectFrom("iit_code_use").select(["round_id", "used_hashes"]).orderBy("round_id").execute();
  return {
    iit: await count("iit_responses"),
    eit: await count("eit_responses"),
    released: await count("iit_releases"),
    releasedTallies: await count("iit_release_tallies"),
    accessCounts: await sum("iit_access_counts"),
    tallies: await sum("tallies"),
    counts: await sum("response_counts"),
    codes: JSON.stringify(codes),
  };
}

describe.each(FLAVOURS)("POST /api/responses on %s", (flavour) => {
  let pinRound: RoundFixture;
  let codeRound: RoundFixture;
  let codes: string[];
  const rounds: Record<string, RoundFixture> = {};
  const { database, server, db } = useTestApp({
    flavour,
    env: { SUBMIT_RATE_LIMIT: "100000" },
    seed: async (db) => {
      pinRound = await createAgencyWithRound(db);
      codeRound = await createAgencyWithRound(db, { round: { iit_access: "codes", pin: null } });
      codes = await insertIitCodes(db, codeRound.roundId, 10);
      await upsertEitChannel(db, { roundId: pinRound.roundId, key: "counter-1", name: "เคาน์เตอร์ 1", kiosk: true });
      rounds.draft = await createAgencyWithRound(db, { round: { status: "draft" } });
      rounds.closed = await createAgencyWithRound(db, { round: { status: "closed" } });
      rounds.pastClose = await createAgencyWithRound(db, { round: { closes_on: "2020-09-30" } });
      rounds.notYet = await createAgencyWithRound(db, { round: { opens_on: "2999-01-01" } });
    },
  });

  const iit = (extra: Record<string, unknown> = {}) => ({
    round: pinRound.slug,
    instrument: "iit",
    answers: iitAnswers(),
    submissionId: crypto.randomUUID(),
    pin: pinRound.pin,
    ...extra,
  });
  const eit = (extra: Record<string, unknown> = {}) => ({
    round: pinRound.slug,
    instrument: "eit",
    answers: eitAnswers(),
    submissionId: crypto.randomUUID(),
    ...extra,
  });

  /** Sends a request that must be refused with `status`, and proves the database did not change. */
  async function expectRefused(status: number, send: () => Promise<{ status: number; body: any }>) {
    const before = await snapshot(db);
    const res = await send();
    expect(res.status).toBe(status);
    expect(await snapshot(db)).toEqual(before);
    return res.body;
  }

  it("stores an IIT response with the PIN and answers 201 with a random id, and no time, channel or code", async () => {
    const body = iit();
    const res = await post(server.url, body);
    expect(res.status).toBe(201);
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    const row = await db
      .selectFrom("iit_responses")
      .selectAll()
      .where("id", "=", res.body.id)
      .executeTakeFirstOrThrow();
    expect(Object.keys(row).sort()).toEqual(["answers", "framework", "id", "round_id", "submission_id"]);
    expect(row.framework).toBe("ita-2565");
    expect(JSON.parse(row.answers)).toEqual(body.answers);
  });

  it("stores an EIT response with its channel, respondent type and day in Asia/Bangkok", async () => {
    const body = eit({ channel: "counter-1" });
    const res = await post(server.url, body);
    expect(res.status).toBe(201);
    const row = await db
      .selectFrom("eit_responses")
      .selectAll()
      .where("id", "=", res.body.id)
      .executeTakeFirstOrThrow();
    expect(row.channel).toBe("counter-1");
    expect(row.respondent_type).toBe(body.answers.respondent_type);
    const bangkok = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Bangkok" }).format(new Date());
    expect(row.day).toBe(bangkok);
    const counted = await db
      .selectFrom("response_counts")
      .select("count")
      .where("round_id", "=", pinRound.roundId)
      .where("instrument", "=", "eit")
      .where("channel", "=", "counter-1")
      .executeTakeFirstOrThrow();
    expect(Number(counted.count)).toBe(1);
  });

  it("answers a repeated submissionId with 200 and the first id, storing nothing new", async () => {
    const body = eit();
    const first = await post(server.url, body);
    expect(first.status).toBe(201);
    const again = await expectRefused(200, () => post(server.url, { ...body, answers: eitAnswers() }));
    expect(again).toEqual({ id: first.body.id });
  });

  it("stores one response for 20 concurrent requests with one submissionId", async () => {
    const body = iit();
    const before = await snapshot(db);
    const results = await Promise.all(Array.from({ length: 20 }, () => post(server.url, body)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(19);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const after = await snapshot(db);
    expect(after.iit).toBe(before.iit + 1);
    const stored = await db
      .selectFrom("iit_responses")
      .select("id")
      .where("submission_id", "=", body.submissionId)
      .execute();
    expect(stored).toEqual([{ id: results[0]!.body.id }]);
  });

  it("refuses an unknown round and a draft round with 404", async () => {
    await expectRefused(404, () => post(server.url, iit({ round: "no-such-round" })));
    const body = await expectRefused(404, () =>
      post(server.url, iit({ round: rounds.draft!.slug, pin: rounds.draft!.pin })),
    );
    expect(body.errorTh).toMatch(/ไม่พบรอบการประเมิน/);
  });

  it("refuses a wrong or missing PIN with 403", async () => {
    await expectRefused(403, () => post(server.url, iit({ pin: "000000" })));
    const { pin: _pin, ...noPin } = iit();
    await expectRefused(403, () => post(server.url, noPin));
  });

  it("refuses a closed round, a round past its close date and one not yet open with 409", async () => {
    for (const r of [rounds.closed!, rounds.pastClose!, rounds.notYet!]) {
      await expectRefused(409, () => post(server.url, iit({ round: r.slug, pin: r.pin })));
      await expectRefused(409, () => post(server.url, eit({ round: r.slug })));
    }
  });

  it("accepts a one-time code once, in any spelling, then refuses it with 409; an unknown code gets 403", async () => {
    const code = codes[0]!;
    const typed = code.toLowerCase().replace("-", " ");
    const first = await post(server.url, iit({ round: codeRound.slug, pin: undefined, accessCode: typed }));
    expect(first.status).toBe(201);
    await expectRefused(409, () => post(server.url, iit({ round: codeRound.slug, pin: undefined, accessCode: code })));
    await expectRefused(403, () =>
      post(server.url, iit({ round: codeRound.slug, pin: undefined, accessCode: "AAAAA-AAAAA" })),
    );
    await expectRefused(403, () => post(server.url, iit({ round: codeRound.slug, pin: undefined })));
  });

  it("lets only one of two racing requests spend the same code", async () => {
    const code = codes[1]!;
    const results = await Promise.all([
      post(server.url, iit({ round: codeRound.slug, pin: undefined, accessCode: code })),
      post(server.url, iit({ round: codeRound.slug, pin: undefined, accessCode: code })),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const use = await db
      .selectFrom("iit_code_use")
      .selectAll()
      .where("round_id", "=", codeRound.roundId)
      .executeTakeFirstOrThrow();
    expect(use.used_count).toBe(2);
  });

  it("refuses a body over 64 KB with 413, by Content-Length and by streamed bytes", async () => {
    const big = JSON.stringify(iit({ answers: { ...iitAnswers(), comment: "ก".repeat(30_000) } }));
    expect(Buffer.byteLength(big)).toBeGreaterThan(64 * 1024);
    await expectRefused(413, () => post(server.url, big));
    await expectRefused(413, () => chunkedPost(server.url, big));
  });

  it("refuses a body that is not JSON with 415", async () => {
    const body = await expectRefused(415, () =>
      post(server.url, JSON.stringify(iit()), { "Content-Type": "text/plain" }),
    );
    expect(body.errorTh).toBeTruthy();
    await expectRefused(415, () => post(server.url, "a=1", { "Content-Type": "application/x-www-form-urlencoded" }));
  });

  it("refuses malformed JSON with 400", async () => {
    await expectRefused(400, () => post(server.url, "{not json"));
  });

  it("refuses unknown fields, a bad submissionId and invalid answers with 422 and Thai messages per field", async () => {
    const unknown = await expectRefused(422, () => post(server.url, iit({ ipAddress: "1.2.3.4" })));
    expect(unknown.errors).toEqual([expect.objectContaining({ field: "ipAddress", messageTh: expect.any(String) })]);
    const badId = await expectRefused(422, () => post(server.url, iit({ submissionId: "123" })));
    expect(badId.errors[0].field).toBe("submissionId");

    const answers: Answers = iitAnswers();
    answers.i2 = 7;
    delete answers.i4;
    (answers as Record<string, unknown>).i99 = 1;
    const wrong = await expectRefused(422, () => post(server.url, iit({ answers })));
    const fields = wrong.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(["answers.i2", "answers.i4", "answers.i99"]);
    for (const e of wrong.errors) expect(e.messageTh).toMatch(/[ก-๙]/);

    const noType = eitAnswers();
    delete noType.respondent_type;
    const eitWrong = await expectRefused(422, () => post(server.url, eit({ answers: noType })));
    expect(eitWrong.errors.map((e: { field: string }) => e.field)).toEqual(["answers.respondent_type"]);
  });

  it("refuses an unknown EIT channel and any channel on IIT with 422", async () => {
    const unknown = await expectRefused(422, () => post(server.url, eit({ channel: "counter-9" })));
    expect(unknown.errors[0].field).toBe("channel");
    await expectRefused(422, () => post(server.url, iit({ channel: "counter-1" })));
  });

  it("keeps tallies whose scores equal the scoring module's for the same answers", async () => {
    const round = await createAgencyWithRound(db);
    const sent = { IIT: [] as Answers[], EIT: [] as Answers[] };
    for (let i = 0; i < 7; i++) {
      const a = iit({ round: round.slug, pin: round.pin });
      const e = eit({ round: round.slug });
      expect((await post(server.url, a)).status).toBe(201);
      expect((await post(server.url, e)).status).toBe(201);
      sent.IIT.push(a.answers);
      sent.EIT.push(e.answers);
    }
    for (const instrument of ["IIT", "EIT"] as const) {
      const rows = await db
        .selectFrom("tallies")
        .select(["item", "sub", "level", "count"])
        .where("round_id", "=", round.roundId)
        .where("instrument", "=", instrument.toLowerCase() as "iit" | "eit")
        .execute();
      const tallies = {
        respondents: 7,
        rows: rows.map((r) => ({ ...r, sub: Number(r.sub), level: Number(r.level), count: Number(r.count) })),
      };
      const fromTallies = scoreFromTallies(fw, instrument, tallies);
      const direct = scoreAnswers(fw, instrument, sent[instrument]);
      expect(fromTallies.indicators).toEqual(direct.indicators);
      expect(fromTallies.questions).toEqual(direct.questions);
    }
  });

  it("keeps no IIT figure for results while the round is open, however many answer, and counts each answer's access kind", async () => {
    const round = await createAgencyWithRound(db);
    const released = () =>
      db.selectFrom("iit_release_tallies").select("count").where("round_id", "=", round.roundId).execute();
    for (let i = 1; i <= 6; i++)
      expect((await post(server.url, iit({ round: round.slug, pin: round.pin }))).status).toBe(201);
    // Before issue 13 a snapshot advanced at 5; now nothing is released before the round closes.
    expect(await released()).toEqual([]);
    expect(await db.selectFrom("iit_releases").selectAll().where("round_id", "=", round.roundId).execute()).toEqual([]);
    const access = await db
      .selectFrom("iit_access_counts")
      .select(["kind", "count"])
      .where("round_id", "=", round.roundId)
      .execute();
    expect(access.map((a) => ({ kind: a.kind, count: Number(a.count) }))).toEqual([{ kind: "pin", count: 6 }]);
  });

  it("limits submissions per address with 429 and stores nothing past the limit", async () => {
    // On PostgreSQL the limits are counted in the database, shared with this file's first server (which has taken
    // this address's earlier submissions in the same window): the limited server starts from no count.
    if (flavour === "postgres") await db.deleteFrom("rate_limits").execute();
    const limited = await startServer({ databaseUrl: database.url, env: { SUBMIT_RATE_LIMIT: "3" } });
    try {
      for (let i = 0; i < 3; i++) expect((await post(limited.url, eit())).status).toBe(201);
      const body = await expectRefused(429, () => post(limited.url, eit()));
      expect(body.errorTh).toMatch(/ถี่เกินไป/);
    } finally {
      await limited.stop();
    }
  });
});

/** POST without Content-Length (chunked), so that only counting streamed bytes can catch the size. */
function chunkedPost(base: string, text: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}/api/responses`,
      { method: "POST", headers: { "Content-Type": "application/json" } },
      (res) => {
        let data = "";
        res.on("data", (d) => (data += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: data ? JSON.parse(data) : null }));
      },
    );
    req.on("error", reject);
    const bytes = Buffer.from(text);
    for (let i = 0; i < bytes.length; i += 8192) req.write(bytes.subarray(i, i + 8192));
    req.end();
  });
}
