import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { round2, scoreAnswers, type Answers } from "../../app/ita";
import { getDashboard } from "../../app/services/dashboard.server";
import { copyOitFromPreviousRound } from "../../app/services/oit.server";
import { recountRound } from "../../app/services/results/recount.server";
import type { Db } from "../../db/client";
import { saveOitAnswers } from "../../db/repositories/oit";
import type { RoundTable } from "../../db/schema";
import { readFramework, randomAnswers, seededRandom } from "../support/answers";
import { FLAVOURS } from "../support/databases";
import { actorOf, createAgencySetup, createOfficialResult, createRound, createUser } from "../support/factories";
import { useServiceDb } from "../support/service-db";

const fw = readFramework("ita-2565");
/** 5 December 2026, 10:00 in Bangkok. */
const NOW = new Date("2026-12-05T03:00:00Z");

/** Stores `iit` staff answers and `eit` citizen answers (channel "web" for the first `web` of them), then counts. */
async function answer(db: Db, round: RoundTable, seed: number, iit: number, eit: number, web: number) {
  const random = seededRandom(seed);
  const eitAnswers: Answers[] = [];
  for (let i = 0; i < iit; i++)
    await db
      .insertInto("iit_responses")
      .values({
        id: crypto.randomUUID(),
        round_id: round.id,
        framework: fw.id,
        submission_id: crypto.randomUUID(),
        answers: JSON.stringify(randomAnswers(fw, "IIT", random)),
      })
      .execute();
  for (let i = 0; i < eit; i++) {
    const answers = randomAnswers(fw, "EIT", random);
    eitAnswers.push(answers);
    await db
      .insertInto("eit_responses")
      .values({
        id: crypto.randomUUID(),
        round_id: round.id,
        framework: fw.id,
        submission_id: crypto.randomUUID(),
        channel: i < web ? "web" : null,
        respondent_type: String(answers.respondent_type),
        day: "2026-12-01",
        answers: JSON.stringify(answers),
      })
      .execute();
  }
  await recountRound(db, round);
  return eitAnswers;
}

async function addChannel(db: Db, roundId: string, key: string, name: string) {
  await db
    .insertInto("eit_channels")
    .values({ id: crypto.randomUUID(), round_id: roundId, key, name, created_at: new Date().toISOString() })
    .execute();
}

/** Every OIT item answered มี with one evidence link. */
function everyItemWithLink(url: (item: string) => string) {
  return fw.oitItems.map((o) => ({ item: o.id, has: true, urls: [url(o.id)], note: null, responsible: null }));
}

/** The worked example's checklist: the first n items of each sub-indicator มี with a link, the rest ไม่มี. */
async function fillExampleChecklist(db: Db, roundId: string, userId: string) {
  const yes: Record<string, number> = { "9.1": 7, "9.2": 2, "9.3": 7, "9.4": 4, "9.5": 2, "10.1": 3, "10.2": 1 };
  const inputs = fw.subindicators.flatMap((sub) =>
    fw.oitItems
      .filter((o) => o.subindicator === sub.id)
      .map((o, i) => ({
        item: o.id,
        has: i < yes[sub.id]!,
        urls: i < yes[sub.id]! ? [`https://example.go.th/ita/${o.id}`] : [],
        note: null,
        responsible: null,
      })),
  );
  await saveOitAnswers(db, roundId, inputs, { userId, now: new Date().toISOString() });
}

describe.each(FLAVOURS)("dashboard service on %s", (flavour) => {
  const t = useServiceDb(flavour);

  it("shows an open round's samples, days left, OIT gaps, last year beside this round, the points and the next step", async () => {
    const setup = await createAgencySetup(t.db, {
      title: "รอบทดสอบ",
      closes_on: "2026-12-31",
      min_iit: 8,
      min_eit: 5,
    });
    const { round, admin } = setup;
    await addChannel(t.db, round.id, "web", "เว็บไซต์หน่วยงาน");
    await addChannel(t.db, round.id, "counter-1", "เคาน์เตอร์ 1");
    // Six staff: above the anonymity group of 5, yet an open round's IIT scores never reach the dashboard.
    const eitAnswers = await answer(t.db, round, 1, 6, 7, 4);
    await fillExampleChecklist(t.db, round.id, admin.id);
    await createOfficialResult(t.db, setup.agency.id, { fiscal_year: 2568 });
    await createOfficialResult(t.db, setup.agency.id, { fiscal_year: 2567, published_total: 70.12 });

    const dashboard = await getDashboard(t.db, admin, { now: NOW });
    expect(dashboard.hasAgency).toBe(true);
    expect(dashboard.today).toBe("2026-12-05");
    expect(dashboard.rounds).toHaveLength(1);
    const r = dashboard.rounds[0]!;
    expect(r).toMatchObject({
      id: round.id,
      fiscalYear: 2569,
      title: "รอบทดสอบ",
      closesOn: "2026-12-31",
      closesOnTh: "31 ธันวาคม 2569",
      closesOnEn: "31 December 2026",
      daysLeft: 26,
      iit: { count: 6, min: 8, reached: false },
      eit: { count: 7, min: 5, reached: true },
    });
    expect(r.channels).toEqual([
      { key: "counter-1", name: "เคาน์เตอร์ 1", count: 0 },
      { key: "web", name: "เว็บไซต์หน่วยงาน", count: 4 },
      { key: "", name: "", count: 3 },
    ]);
    expect(r.oit).toEqual({ total: 43, earning: 26, no: 17, needsEvidence: 0, unanswered: 0, recheck: 0 });

    const eit = scoreAnswers(fw, "EIT", eitAnswers).indicators;
    const e = [6, 7, 8].map((n) => eit[n]!);
    expect(r.comparison).toEqual({
      lastYear: { fiscalYear: 2568, total: 79.64, rating: "B", eit: 92.05, oit: 56.16 },
      thisRound: {
        eit: round2((e[0]! + e[1]! + e[2]!) / 3),
        // (68.5556 + 43.75) / 2 = 56.1528
        oit: 56.15,
        points: round2((10 * (e[0]! + e[1]! + e[2]!) + 20 * (617 / 9 + 43.75)) / 100),
        ofPoints: 70,
      },
    });
    expect(r.points!.items.map((i) => [i.id, i.gain, i.status])).toEqual([
      ["o43", 5, "no"],
      ["o37", 1.25, "no"],
      ["o38", 1.25, "no"],
      ["o39", 1.25, "no"],
      ["o40", 1.25, "no"],
    ]);
    expect(r.points!.indicators.map((i) => [i.indicator, i.gain])).toEqual([
      [9, 1],
      [10, 1],
      [6, 0.5],
    ]);
    expect(r.next).toEqual({
      key: "fill-oit",
      text: {
        th: "แบบ OIT ยังขาดอีก 17 ข้อ กรอกแบบตรวจ OIT พร้อมลิงก์หลักฐาน",
        en: "17 OIT items still earn nothing: fill in the OIT checklist with evidence links.",
      },
      href: `/admin/rounds/${round.id}/oit`,
    });
    expect(r.links).toEqual({
      round: `/admin/rounds/${round.id}`,
      progress: `/admin/rounds/${round.id}/progress`,
      oit: `/admin/rounds/${round.id}/oit`,
      results: `/admin/rounds/${round.id}/results`,
    });
    // No IIT score anywhere: only EIT and OIT indicators, and no field that carries an IIT figure.
    expect(JSON.stringify(r)).not.toMatch(/"IIT"|"iitScore"|"overall"/);
    expect(r.points!.indicators.every((i) => i.indicator >= 6)).toBe(true);
  });

  it("counts มี without a link and unanswered items as gaps, and leaves out OIT figures until the checklist is complete", async () => {
    const { round, admin } = await createAgencySetup(t.db);
    await fillExampleChecklist(t.db, round.id, admin.id);
    await saveOitAnswers(
      t.db,
      round.id,
      [
        { item: "o1", has: true, urls: [], note: null, responsible: null },
        { item: "o43", has: null, urls: [], note: null, responsible: null },
      ],
      { userId: admin.id, now: new Date().toISOString() },
    );
    const r = (await getDashboard(t.db, admin, { now: NOW })).rounds[0]!;
    expect(r.oit).toEqual({ total: 43, earning: 25, no: 16, needsEvidence: 1, unanswered: 1, recheck: 0 });
    expect(r.points!.items[0]).toMatchObject({ id: "o43", status: "unanswered", gain: 5 });
    expect(r.comparison!.thisRound).toEqual({ eit: null, oit: null, points: null, ofPoints: 70 });
    expect(r.comparison!.lastYear).toBeNull();
    // Indicator 9 is complete, 10 is not: only 9 has a score to raise.
    expect(r.points!.indicators.map((i) => [i.indicator, i.gain])).toEqual([[9, 1]]);
    expect(r.daysLeft).toBeNull();
  });

  it("chooses the next step: print the poster with no EIT answer, close the round once the samples are in and the date has passed", async () => {
    const fresh = await createAgencySetup(t.db, { closes_on: "2026-12-10" });
    const poster = (await getDashboard(t.db, fresh.admin, { now: NOW })).rounds[0]!;
    expect(poster.next).toEqual({
      key: "print-poster",
      text: {
        th: "ยังไม่มีผู้ตอบแบบ EIT พิมพ์โปสเตอร์ QR code ติดที่จุดบริการ",
        en: "No EIT responses yet: print the QR-code poster for your service counters.",
      },
      href: `/admin/rounds/${fresh.round.id}/channels`,
    });
    // A viewer reads the same sentence without a link to a page they may not open.
    expect((await getDashboard(t.db, fresh.viewer, { now: NOW })).rounds[0]!.next.href).toBeNull();

    const done = await createAgencySetup(t.db, { closes_on: "2026-12-01", min_iit: 3, min_eit: 4 });
    await answer(t.db, done.round, 2, 3, 4, 0);
    const close = (await getDashboard(t.db, done.admin, { now: NOW })).rounds[0]!;
    expect(close.daysLeft).toBe(-4);
    expect(close.next.key).toBe("close-round");
    expect(close.next.text.th).toBe("ครบจำนวนขั้นต่ำและเลยวันปิดรับแล้ว ปิดรอบการประเมินเพื่อเปิดเผยผล IIT");
    expect(close.next.href).toBe(`/admin/rounds/${done.round.id}/settings`);

    // Samples reached, OIT complete with evidence, closing date ahead: wait for the closing date.
    const ready = await createAgencySetup(t.db, { closes_on: "2026-12-20", min_iit: 3, min_eit: 4 });
    await answer(t.db, ready.round, 3, 3, 4, 0);
    await saveOitAnswers(
      t.db,
      ready.round.id,
      everyItemWithLink(() => "https://example.go.th/x"),
      { userId: ready.admin.id, now: new Date().toISOString() },
    );
    const wait = (await getDashboard(t.db, ready.admin, { now: NOW })).rounds[0]!;
    expect(wait.oit).toMatchObject({ earning: 43, no: 0 });
    expect(wait.points!.items).toEqual([]);
    expect(wait.next.key).toBe("wait-for-closing");

    // Fewer EIT answers than the minimum: a clerk is sent to key in paper forms.
    const short = await createAgencySetup(t.db, { min_eit: 10 });
    await answer(t.db, short.round, 4, 0, 2, 0);
    await saveOitAnswers(
      t.db,
      short.round.id,
      everyItemWithLink(() => "https://example.go.th/x"),
      { userId: short.admin.id, now: new Date().toISOString() },
    );
    const clerkView = (await getDashboard(t.db, short.clerk, { now: NOW })).rounds[0]!;
    expect(clerkView.next).toMatchObject({ key: "more-eit", href: `/admin/rounds/${short.round.id}/entry` });
    expect(clerkView.next.text.th).toBe("ต้องการผู้ตอบแบบ EIT อีก 8 คน ชวนผู้มาติดต่อสแกน QR code หรือบันทึกแบบกระดาษ");
  });

  it("counts the OIT items copied from last round until they are re-checked, and sends the officer to re-check them", async () => {
    const at = (iso: string) => ({ created_at: iso, updated_at: iso });
    const now = new Date().toISOString();
    const setup = await createAgencySetup(t.db, {
      fiscal_year: 2569,
      closes_on: "2026-12-20",
      min_iit: 3,
      min_eit: 4,
      ...at("2026-11-01T00:00:00Z"),
    });
    const last = await createRound(t.db, setup.agency.id, { fiscal_year: 2568, ...at("2025-11-01T00:00:00Z") });
    const everyItem = everyItemWithLink((id) => `https://example.go.th/${id}`);
    await saveOitAnswers(t.db, last.id, everyItem, { userId: setup.admin.id, now });
    await answer(t.db, setup.round, 5, 3, 4, 0);
    expect(await copyOitFromPreviousRound(t.db, setup.admin, setup.round.id, {})).toMatchObject({ ok: true });

    const copied = (await getDashboard(t.db, setup.admin, { now: NOW })).rounds[0]!;
    // Every copied item earns its points as it stands, and every one still waits for an officer to look at it.
    expect(copied.oit).toMatchObject({ total: 43, earning: 43, recheck: 43 });
    expect(copied.next).toEqual({
      key: "recheck-oit",
      text: {
        th: "แบบ OIT มี 43 ข้อที่คัดลอกมาจากรอบก่อนและยังไม่ได้ตรวจสอบ เปิดลิงก์หลักฐานของแต่ละข้อ แล้วยืนยันหรือแก้ไข",
        en: "43 OIT items were copied from the previous round and not re-checked yet: open each evidence link, then confirm or correct it.",
      },
      href: `/admin/rounds/${setup.round.id}/oit`,
    });

    // An item changed by an officer is checked; the rest confirmed as they are, the dashboard moves on.
    const edited = { ...everyItem[0]!, urls: ["https://example.go.th/new-structure"] };
    await saveOitAnswers(t.db, setup.round.id, [edited], { userId: setup.admin.id, now });
    expect((await getDashboard(t.db, setup.admin, { now: NOW })).rounds[0]!.oit!.recheck).toBe(42);
    const rest = everyItem.slice(1);
    await saveOitAnswers(t.db, setup.round.id, rest, {
      userId: setup.admin.id,
      now,
      confirm: rest.map((i) => i.item),
    });
    const checked = (await getDashboard(t.db, setup.admin, { now: NOW })).rounds[0]!;
    expect(checked.oit!.recheck).toBe(0);
    expect(checked.next.key).toBe("wait-for-closing");
  });

  it("shows a clerk the samples only, lists only the agency's open rounds, and nothing for a super-administrator outside an agency", async () => {
    const setup = await createAgencySetup(t.db);
    await createRound(t.db, setup.agency.id, { status: "draft", fiscal_year: 2570 });
    await createRound(t.db, setup.agency.id, { status: "closed", fiscal_year: 2568 });
    const other = await createAgencySetup(t.db);

    const clerk = await getDashboard(t.db, setup.clerk, { now: NOW });
    expect(clerk.rounds.map((r) => r.id)).toEqual([setup.round.id]);
    expect(clerk.rounds[0]).toMatchObject({ oit: null, comparison: null, points: null });
    expect(clerk.rounds[0]!.links).toMatchObject({ oit: null, results: null });
    expect((await getDashboard(t.db, other.admin, { now: NOW })).rounds.map((r) => r.id)).toEqual([other.round.id]);

    const superUser = await createUser(t.db, "super", null);
    expect(await getDashboard(t.db, actorOf(superUser), { now: NOW })).toEqual({
      hasAgency: false,
      today: "2026-12-05",
      rounds: [],
    });
    const acting = await getDashboard(t.db, actorOf(superUser, setup.agency), { now: NOW });
    expect(acting.rounds.map((r) => r.id)).toEqual([setup.round.id]);
    expect(acting.rounds[0]!.oit).not.toBeNull();
  });
});
