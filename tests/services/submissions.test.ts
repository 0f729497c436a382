import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkAccess } from "../../app/services/submissions/access-check.server";
import { loadRespondentPage } from "../../app/services/submissions/respondent-page.server";
import { submit } from "../../app/services/submissions/submit.server";
import type { Db } from "../../db/client";
import { insertIitCodes, upsertEitChannel } from "../../db/repositories/round-access";
import { randomAnswers, readFramework } from "../support/answers";
import { FLAVOURS } from "../support/databases";
import { createAgencySetup } from "../support/factories";
import { snapshot, useServiceDb } from "../support/service-db";

const fw = readFramework();
const RESPONSE_TABLES = ["eit_responses", "iit_responses", "tallies", "response_counts", "iit_code_use"] as const;

/** The submission path called in-process with a JSON body, as the route and the Node handler call it. */
function send(db: Db, body: unknown, exempt = true) {
  return submit(db, {
    contentType: "application/json",
    readBody: async () => JSON.stringify(body),
    clientAddress: `10.0.0.${crypto.randomInt(1, 250)}`,
    exempt,
  });
}

function check(db: Db, body: unknown) {
  return checkAccess(db, {
    contentType: "application/json",
    readBody: async () => JSON.stringify(body),
    clientAddress: crypto.randomUUID(),
  });
}

describe.each(FLAVOURS)("submissions service on %s", (flavour) => {
  const t = useServiceDb(flavour);

  it("stores an EIT response with its channel and answers a repeated submissionId with the first id", async () => {
    const { round } = await createAgencySetup(t.db);
    await upsertEitChannel(t.db, { roundId: round.id, key: "counter-1", name: "เคาน์เตอร์", kiosk: false });
    const body = {
      round: round.slug,
      instrument: "eit",
      answers: randomAnswers(fw, "EIT"),
      submissionId: crypto.randomUUID(),
      channel: "counter-1",
    };
    const created = await send(t.db, body);
    expect(created.status).toBe(201);
    expect(created.headers["Cache-Control"]).toBe("no-store");
    const { id } = created.body as { id: string };
    const row = await t.db.selectFrom("eit_responses").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.round_id).toBe(round.id);
    expect(row.channel).toBe("counter-1");
    expect(row.respondent_type).toBe(body.answers.respondent_type);

    const again = await send(t.db, body);
    expect(again).toMatchObject({ status: 200, body: { id } });
    const stored = await t.db.selectFrom("eit_responses").select("id").where("round_id", "=", round.id).execute();
    expect(stored).toHaveLength(1);
  });

  it("refuses an invalid answer with 422 and Thai messages, and writes nothing", async () => {
    const { round } = await createAgencySetup(t.db);
    const answers = randomAnswers(fw, "IIT");
    answers.i2 = 7;
    const before = await snapshot(t.db, RESPONSE_TABLES);
    const refused = await send(t.db, {
      round: round.slug,
      instrument: "iit",
      answers,
      submissionId: crypto.randomUUID(),
      pin: round.pin,
    });
    expect(refused.status).toBe(422);
    const { errors } = refused.body as { errors: { field: string; messageTh: string }[] };
    expect(errors.map((e) => e.field)).toEqual(["answers.i2"]);
    expect(errors[0]!.messageTh).toMatch(/[ก-๙]/);
    const wrongPin = await send(t.db, {
      round: round.slug,
      instrument: "iit",
      answers: randomAnswers(fw, "IIT"),
      submissionId: crypto.randomUUID(),
      pin: "000000",
    });
    expect(wrongPin.status).toBe(403);
    expect(await snapshot(t.db, RESPONSE_TABLES)).toEqual(before);
  });

  it("spends a one-time code once: 201, then 409 code-used; an unknown code gets 403", async () => {
    const { round } = await createAgencySetup(t.db, { iit_access: "codes", pin: null });
    const [code] = await insertIitCodes(t.db, round.id, 3);
    const iit = (accessCode: string) => ({
      round: round.slug,
      instrument: "iit",
      answers: randomAnswers(fw, "IIT"),
      submissionId: crypto.randomUUID(),
      accessCode,
    });
    expect((await check(t.db, { round: round.slug, accessCode: code })).status).toBe(200);
    expect((await send(t.db, iit(code!.toLowerCase()))).status).toBe(201);
    expect(await send(t.db, iit(code!))).toMatchObject({ status: 409, body: { reason: "code-used" } });
    expect(await check(t.db, { round: round.slug, accessCode: code })).toMatchObject({
      status: 409,
      body: { reason: "code-used" },
    });
    expect((await send(t.db, iit("AAAAA-AAAAA"))).status).toBe(403);
    expect((await check(t.db, { round: round.slug, accessCode: "AAAAA-AAAAA" })).status).toBe(403);
    const use = await t.db
      .selectFrom("iit_code_use")
      .select("used_count")
      .where("round_id", "=", round.id)
      .executeTakeFirst();
    expect(Number(use?.used_count)).toBe(1);
  });

  it("checks a PIN before the staff member answers, reading only", async () => {
    const { round } = await createAgencySetup(t.db);
    expect(await check(t.db, { round: round.slug, pin: round.pin })).toMatchObject({
      status: 200,
      body: { ok: true },
    });
    expect((await check(t.db, { round: round.slug, pin: "111111" })).status).toBe(403);
    expect((await check(t.db, { round: "no-such-round", pin: "111111" })).status).toBe(404);
  });

  it("loads the respondent page: open with the kiosk channel, closed, or unknown for a draft round", async () => {
    const { round, agency } = await createAgencySetup(t.db);
    await upsertEitChannel(t.db, { roundId: round.id, key: "kiosk-1", name: "ตู้บริการ", kiosk: true });
    const open = await loadRespondentPage(t.db, { slug: round.slug, kind: "eit", lang: "th", channelKey: "kiosk-1" });
    expect(open).toMatchObject({
      state: "open",
      agency: { th: agency.name_th, en: agency.name_th },
      slug: round.slug,
      iitAccess: "pin",
      channel: "kiosk-1",
      kiosk: true,
    });
    expect(open.state === "open" && JSON.stringify(open.survey)).toContain("ตัวชี้วัดที่ 6");
    const unknownChannel = await loadRespondentPage(t.db, {
      slug: round.slug,
      kind: "eit",
      lang: "en",
      channelKey: "nowhere",
    });
    expect(unknownChannel).toMatchObject({ state: "open", channel: null, kiosk: false });

    const closed = await createAgencySetup(t.db, { status: "closed", closes_on: "2026-01-31" });
    expect(await loadRespondentPage(t.db, { slug: closed.round.slug, kind: "iit", lang: "th" })).toEqual({
      state: "closed",
      agency: { th: closed.agency.name_th, en: closed.agency.name_th },
      closesOn: "2026-01-31",
    });
    const draft = await createAgencySetup(t.db, { status: "draft" });
    expect(await loadRespondentPage(t.db, { slug: draft.round.slug, kind: "iit", lang: "th" })).toEqual({
      state: "unknown",
    });
    expect(await loadRespondentPage(t.db, { slug: "no-such-round", kind: "eit", lang: "th" })).toEqual({
      state: "unknown",
    });
  });
});
