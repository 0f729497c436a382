import { describe, expect, it } from "vitest";
import { createDb } from "../../db/client";
import { useTestApp } from "../support/app";
import { FLAVOURS } from "../support/databases";
import { createAgencyWithRound, type RoundFixture } from "../support/factories";
import { createLoadRound, iitBody, submit, type LoadRound } from "../support/load";
import type { RunningServer } from "../support/server";

// POST /api/access-check: the IIT's PIN or one-time code checked before the staff member answers,
// by the submission path's own checks, changing nothing and counted by the same per-address limit.

async function check(server: RunningServer, body: unknown, init: { type?: string; method?: string } = {}) {
  const res = await fetch(`${server.url}/api/access-check`, {
    method: init.method ?? "POST",
    headers: { "content-type": init.type ?? "application/json" },
    body: init.method === "GET" ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
}

const STORED = [
  "iit_responses",
  "iit_code_use",
  "iit_codes",
  "tallies",
  "response_counts",
  "iit_releases",
  "iit_access_counts",
  "audit_log",
] as const;

async function snapshot(url: string): Promise<Record<string, unknown>> {
  const db = createDb(url, { poolSize: 1 });
  try {
    const out: Record<string, unknown> = {};
    for (const table of STORED) out[table] = await db.selectFrom(table).selectAll().execute();
    return JSON.parse(JSON.stringify(out));
  } finally {
    await db.destroy();
  }
}

describe.each(FLAVOURS)("POST /api/access-check on %s", (flavour) => {
  let pinRound: RoundFixture;
  let codesRound: LoadRound;
  const { database, server } = useTestApp({
    flavour,
    seed: async (db) => {
      pinRound = await createAgencyWithRound(db, { round: { iit_access: "pin", pin: "482915" } });
      codesRound = await createLoadRound(db, { codes: 3 });
      await createAgencyWithRound(db, { round: { slug: "shutround", status: "closed" } });
      await createAgencyWithRound(db, { round: { slug: "draftround", status: "draft" } });
    },
  });

  it("answers 200 for the right PIN and 403 with a Thai message for a wrong or missing one, never cacheable", async () => {
    const right = await check(server, { round: pinRound.slug, pin: " 482915 " });
    expect(right.status).toBe(200);
    expect(right.body).toEqual({ ok: true });
    expect(right.headers.get("cache-control")).toBe("no-store");
    for (const body of [
      { round: pinRound.slug, pin: "000000" },
      { round: pinRound.slug },
      { round: pinRound.slug, accessCode: "ABCDE-FGHJK" },
    ]) {
      const wrong = await check(server, body);
      expect(wrong.status, JSON.stringify(body)).toBe(403);
      expect(wrong.body.errorTh).toBe("รหัส PIN ของรอบการประเมินไม่ถูกต้อง");
      expect(wrong.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("answers 200 for an unused code (typed in any case and grouping), 403 for an unknown one, 404 and 409 for rounds that take no answers", async () => {
    const code = codesRound.codes[0]!;
    expect((await check(server, { round: codesRound.slug, accessCode: code })).status).toBe(200);
    expect(
      (await check(server, { round: codesRound.slug, accessCode: code.toLowerCase().replace("-", " ") })).status,
    ).toBe(200);
    const unknown = await check(server, { round: codesRound.slug, accessCode: "AAAAA-AAAAA" });
    expect(unknown.status).toBe(403);
    expect(unknown.body.errorTh).toBe("รหัสเข้าตอบไม่ถูกต้อง");
    const missing = await check(server, { round: codesRound.slug });
    expect(missing.status).toBe(403);
    expect(missing.body.errorTh).toBe("กรุณากรอกรหัสเข้าตอบ");

    const closed = await check(server, { round: "shutround", pin: "246810" });
    expect(closed.status).toBe(409);
    expect(closed.body.errorTh).toBe("การประเมินรอบนี้ปิดรับคำตอบแล้ว");
    for (const slug of ["draftround", "nosuchround"]) {
      const none = await check(server, { round: slug, pin: "246810" });
      expect(none.status, slug).toBe(404);
      expect(none.body.errorTh).toContain("ไม่พบรอบการประเมินนี้");
    }
  });

  it("changes nothing: the checked code is still spent by one submission, and then refused with 409 code-used", async () => {
    const code = codesRound.codes[1]!;
    const before = await snapshot(database.url);
    for (let i = 0; i < 3; i++)
      expect((await check(server, { round: codesRound.slug, accessCode: code })).status).toBe(200);
    await check(server, { round: codesRound.slug, accessCode: "AAAAA-AAAAA" });
    await check(server, { round: pinRound.slug, pin: "482915" });
    expect(await snapshot(database.url)).toEqual(before);

    const stored = await submit(server.url, iitBody(codesRound, Math.random, code));
    expect(stored.status).toBe(201);
    const used = await check(server, { round: codesRound.slug, accessCode: code });
    expect(used.status).toBe(409);
    expect(used.body).toMatchObject({ errorTh: "รหัสเข้าตอบนี้ถูกใช้ไปแล้ว", reason: "code-used" });
    // The submission answers the same way, so that the page can offer to enter another code.
    const again = await submit(server.url, iitBody(codesRound, Math.random, code));
    expect(again.status).toBe(409);
    expect(again.body.reason).toBe("code-used");
    // Nothing about the code reaches the server's log.
    expect(server.output()).not.toContain(code);
    expect(server.output()).not.toContain(code.replace("-", ""));
  });

  it("refuses malformed requests with a clear 4xx and a Thai message", async () => {
    const cases: [unknown, { type?: string; method?: string }, number][] = [
      [{ round: pinRound.slug, pin: "482915" }, { type: "text/plain" }, 415],
      ['{"round":', {}, 400],
      [{ round: pinRound.slug, pin: "482915", answers: {} }, {}, 422],
      [{ round: pinRound.slug, pin: 482915 }, {}, 422],
      [{ pin: "482915" }, {}, 422],
      [null, { method: "GET" }, 405],
      [{ round: pinRound.slug, pin: "482915" }, { method: "PUT" }, 405],
    ];
    for (const [body, init, status] of cases) {
      const res = await check(server, body, init);
      expect(res.status, JSON.stringify([body, init])).toBe(status);
      const thai = res.body.errorTh ?? res.body.errors?.[0]?.messageTh;
      expect(thai, JSON.stringify(res.body)).toMatch(/[\u0E00-\u0E7F]/);
    }
  });
});

describe.each(FLAVOURS)("the access check's rate limit on %s", (flavour) => {
  let round: LoadRound;
  const { server } = useTestApp({
    flavour,
    env: { SUBMIT_RATE_LIMIT: "6" },
    seed: async (db) => (round = await createLoadRound(db, { codes: 1 })),
  });

  it("counts checks with submissions against one per-address limit, so that guessing codes stays limited", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await check(server, { round: round.slug, accessCode: `GUESS-${i}AAAA` })).status);
    expect(statuses).toEqual([403, 403, 403, 403, 403]);
    expect((await submit(server.url, iitBody(round, Math.random, round.codes[0]!))).status).toBe(201);
    const limited = await check(server, { round: round.slug, accessCode: round.codes[0]! });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("600");
    expect(limited.body.errorTh).toMatch(/[\u0E00-\u0E7F]/);
    expect((await submit(server.url, iitBody(round, Math.random, round.codes[0]!))).status).toBe(429);
  });
});
