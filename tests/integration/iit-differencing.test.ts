import { execFile } from "node:child_process";
import crypto from "node:crypto";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Answers } from "../../app/ita/index";
import { signIn, useTestApp } from "../support/app";
import { randomAnswers, readFramework, seededRandom } from "../support/answers";
import { FLAVOURS } from "../support/databases";
import { ROOT } from "../support/env";
import { createAgencyWithOfficer, createUser, type OfficerFixture, type UserRow } from "../support/factories";
import { setRoundStatus } from "../support/round-status";

// Issue 13, attack 3 — differencing by the agency's own administrator, over HTTP on the built server. With the
// PIN, five staff answer; the administrator takes every IIT figure, row, comment and export the app offers; a
// sixth answers; the administrator adds four identical answers of their own (and a clerk keys in one more);
// comparing the two takes must give nothing, because while the round is open there is no IIT figure at all.
// After the close: aggregates only, no answer sheet; after re-opening: IIT refused (409), figures unchanged.

const run = promisify(execFile);
const fw = readFramework();

async function cli(databaseUrl: string, ...args: string[]) {
  const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/ita.ts", ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", DATABASE_URL: databaseUrl, TZ: "Asia/Bangkok" },
  });
  return JSON.parse(stdout);
}

/** Every cell of every worksheet, by sheet name. */
async function sheets(body: ArrayBuffer): Promise<Record<string, unknown[][]>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body);
  return Object.fromEntries(
    book.worksheets.map((w) => {
      const rows: unknown[][] = [];
      w.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return [w.name, rows];
    }),
  );
}

/** Every answer at one level (the highest a yes/no item has, when lower), with a comment. */
function sheet(level: number, comment: string): Answers {
  const answers: Answers = {};
  for (const item of fw.items.IIT) {
    const at = Math.min(level, fw.scales[item.scale]!.choices.length - 1);
    answers[item.id] = item.subItems ? Object.fromEntries(item.subItems.map((_, i) => [String(i + 1), at])) : at;
  }
  answers.comment = comment;
  return answers;
}

describe.each(FLAVOURS)("an administrator differencing the IIT (attack 3) on %s", (flavour) => {
  let seed: OfficerFixture;
  let clerkUser: UserRow;
  const { database, server, db } = useTestApp({
    flavour,
    seed: async (db) => {
      seed = await createAgencyWithOfficer(db, { role: "admin", iitAccess: "pin" });
      clerkUser = await createUser(db, "clerk", seed.agencyId);
    },
  });
  let admin: string;
  let clerk: string;
  const random = seededRandom(flavour === "sqlite" ? 13 : 1313);

  const post = (path: string, body: unknown, cookie = "") =>
    fetch(`${server.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url, ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });
  const staffAnswers = (answers: Answers) =>
    post("/api/responses", {
      round: seed.slug,
      instrument: "iit",
      answers,
      submissionId: crypto.randomUUID(),
      pin: seed.pin,
    });
  const clerkEntry = (answers: Answers) =>
    post(
      `/admin/rounds/${seed.roundId}/entry/submit?instrument=iit&channel=paper`,
      { answers, submissionId: crypto.randomUUID() },
      clerk,
    );
  const get = (path: string, cookie = admin) =>
    fetch(`${server.url}${path}`, { redirect: "manual", headers: { cookie } });
  const text = async (path: string) => {
    const res = await get(path);
    expect(res.status, path).toBe(200);
    // The per-request CSP nonce is the one thing that differs between two loads of the same page.
    return (await res.text()).replace(/nonce="[^"]*"/g, "");
  };

  let reportId: string;

  /**
   * Everything IIT-derived an administrator can take while the round is open, counts of responses left out
   * (those may show: staff and admins need progress). Two takes that are equal leave nothing to difference.
   */
  async function take() {
    const api = await (await get(`/api/rounds/${seed.roundId}/results`)).json();
    const { responseCounts, iitRelease, provisional, ...figures } = api;
    const { access, ...release } = iitRelease;
    const page = await text(`/admin/rounds/${seed.roundId}/results`);
    const drill: string[] = [];
    for (const n of [1, 2, 3, 4, 5]) drill.push(await text(`/admin/rounds/${seed.roundId}/results/${n}`));
    const csv = await text(`/admin/rounds/${seed.roundId}/responses/csv`);
    const xlsx = await sheets(await (await get(`/admin/rounds/${seed.roundId}/responses/xlsx`)).arrayBuffer());
    const report = await text(`/admin/reports/${reportId}/print`);
    const fromCli = await cli(database.url, "results", "--round", seed.slug);
    expect(fromCli).toEqual(api);
    return { api, figures, release, counts: { responseCounts, access, provisional }, page, drill, csv, xlsx, report };
  }

  /** Nothing of the IIT in a take: no score, no row, no column, no comment, no aggregate. */
  function expectNoIit(t: Awaited<ReturnType<typeof take>>, comments: string[]) {
    expect(t.figures.instruments.IIT).toBeNull();
    expect(t.figures.ranking.filter((r: { instrument: string }) => r.instrument === "IIT")).toEqual([]);
    expect(t.release).toMatchObject({ state: "pending", count: null, releasedAt: null });
    expect(t.page).toMatch(/data-testid="instrument-IIT">–</);
    expect(t.page).not.toContain('data-testid="iit-comments"');
    for (const d of t.drill) {
      expect(d).toContain('data-testid="indicator-withheld"');
      expect(d).not.toContain('data-testid="questions"');
    }
    expect(t.csv.split("\r\n").filter((l) => l.startsWith("IIT"))).toEqual([]);
    expect(Object.keys(t.xlsx)).toEqual(["ITA 2569"]);
    expect(t.xlsx["ITA 2569"]!.filter((r) => r[0] === "IIT")).toEqual([]);
    expect(t.report).toContain("ยังไม่มีคะแนนตัวชี้วัดที่ 1, 2, 3, 4, 5");
    for (const c of comments)
      for (const surface of [t.page, t.csv, t.report, ...t.drill]) expect(surface).not.toContain(c);
  }

  beforeAll(async () => {
    admin = await signIn(server, seed.email, seed.password);
    clerk = await signIn(server, clerkUser.email);
    const res = await fetch(`${server.url}/admin/reports`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: server.url, cookie: admin, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ basis: `round:${seed.roundId}` }),
    });
    expect(res.status).toBe(302);
    reportId = res.headers.get("location")!.split("/").pop()!;
  });

  it("gives the administrator nothing to difference while the round is open, aggregates only after the close, and refuses IIT after re-opening", async () => {
    const comments = Array.from({ length: 6 }, (_, i) => `ความเห็นบุคลากรคนที่ ${i + 1} ${crypto.randomUUID()}`);
    for (let i = 0; i < 5; i++)
      expect((await staffAnswers({ ...randomAnswers(fw, "IIT", random), comment: comments[i]! })).status).toBe(201);
    const first = await take();
    expect(first.counts.responseCounts.iit).toBe(5);
    expectNoIit(first, comments);

    // The sixth person answers; the administrator pads with four identical answers by the PIN, a clerk keys one.
    expect((await staffAnswers({ ...randomAnswers(fw, "IIT", random), comment: comments[5]! })).status).toBe(201);
    for (let i = 0; i < 4; i++) expect((await staffAnswers(sheet(3, "ผู้ดูแลระบบตอบเอง"))).status).toBe(201);
    expect((await clerkEntry(sheet(3, "บันทึกจากกระดาษ"))).status).toBe(201);
    const second = await take();
    expect(second.counts.responseCounts.iit).toBe(11);
    expectNoIit(second, [...comments, "ผู้ดูแลระบบตอบเอง", "บันทึกจากกระดาษ"]);
    // The two takes differ in counts only: there is no figure, row or comment to subtract.
    expect(second.figures).toEqual(first.figures);
    expect(second.release).toEqual(first.release);
    expect(second.drill).toEqual(first.drill);
    expect(second.csv).toBe(first.csv);
    expect(second.xlsx).toEqual(first.xlsx);
    expect(second.report).toBe(first.report);
    // Padding is visible: how the 11 came in.
    expect(second.counts.access).toEqual({ code: 0, pin: 10, staff: 1, codesIssued: 0, codesUsed: 0 });
    expect(second.page).toContain("ด้วยรหัส PIN 10 · บันทึกโดยบัญชีเจ้าหน้าที่ 1");
    // And the PIN mode says plainly on the access page what it allows.
    expect(await text(`/admin/rounds/${seed.roundId}/access`)).toContain(
      "คำเตือน: ใครก็ตามที่รู้รหัส PIN ส่งคำตอบ IIT เพิ่มได้ รวมถึงผู้ดูแลระบบเอง",
    );

    // The close releases all 11 once: aggregates only, never an answer sheet.
    expect(await setRoundStatus(server, admin, db, seed.roundId, "closed")).toBe(302);
    const closed = await take();
    expect(closed.release).toMatchObject({ state: "released", count: 11 });
    expect(closed.figures.instruments.IIT).not.toBeNull();
    expect(closed.csv.split("\r\n").filter((l) => l.startsWith("IIT"))).toEqual([]);
    expect(
      closed.csv
        .split("\r\n")[0]!
        .split(",")
        .filter((h) => /^i\d/.test(h)),
    ).toEqual([]);
    expect(Object.keys(closed.xlsx)).toEqual(["ITA 2569", "IIT (aggregate)"]);
    const aggregate = closed.xlsx["IIT (aggregate)"]!;
    expect(aggregate[0]).toEqual(["item", "topic", "mean", "answered", "level_0", "level_1", "level_2", "level_3"]);
    const itemRows = fw.items.IIT.reduce((n, item) => n + (item.subItems?.length ?? 1), 0);
    expect(aggregate).toHaveLength(1 + itemRows);
    // One row per item, each counting all 11 answers: nothing per person.
    expect(aggregate.slice(1).every((r) => r[3] === 11)).toBe(true);
    expect(closed.page).toContain('data-testid="iit-comments"');
    for (const c of comments) expect(closed.page).toContain(c);
    expect(closed.page).toContain(`จากคำตอบ 11 ชุด`);
    // The comments sit in a list of their own: no date or answer in the list.
    const list = closed.page.slice(closed.page.indexOf('data-testid="iit-comments"'));
    const items = [...list.slice(0, list.indexOf("</ul>")).matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1]);
    expect(items).toHaveLength(11);
    expect(items.filter((i) => /\d{4}-\d{2}-\d{2}/.test(i!))).toEqual([]);

    // Re-opened: EIT only. An IIT answer by PIN or by a clerk is refused with 409 and the Thai reason.
    expect(await setRoundStatus(server, admin, db, seed.roundId, "open")).toBe(302);
    const settings = await text(`/admin/rounds/${seed.roundId}/settings`);
    expect(settings).toContain("การเปิดรอบอีกครั้งเปิดรับเฉพาะแบบวัด EIT");
    for (const refused of [await staffAnswers(sheet(0, "หลังประกาศ")), await clerkEntry(sheet(0, "หลังประกาศ"))]) {
      expect(refused.status).toBe(409);
      // The close released the IIT and then sealed the round: the seal's refusal answers first.
      expect(await refused.json()).toEqual({
        error: "The staff questionnaire (IIT) of this round was closed and sealed; it takes no more answers",
        errorTh: "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT) ของรอบนี้ปิดและผนึกข้อมูลแล้ว จึงไม่รับคำตอบเพิ่ม",
        reason: "iit-sealed",
      });
    }
    const access = await post("/api/access-check", { round: seed.slug, pin: seed.pin });
    expect(access.status).toBe(409);
    const iitPage = await fetch(`${server.url}/s/${seed.slug}/iit`);
    expect(await iitPage.text()).toContain("ปิดรับคำตอบ");
    const eit = await post("/api/responses", {
      round: seed.slug,
      instrument: "eit",
      answers: randomAnswers(fw, "EIT", random),
      submissionId: crypto.randomUUID(),
    });
    expect(eit.status).toBe(201);
    const reopened = await take();
    expect(reopened.counts.responseCounts.iit).toBe(11);
    expect(reopened.release).toEqual(closed.release);
    expect(reopened.figures.instrumentsExact.IIT).toBe(closed.figures.instrumentsExact.IIT);
    // The IIT scores stay (ranks may move: the new EIT answer gives the EIT indicators a score).
    const iitScores = (t: Awaited<ReturnType<typeof take>>) =>
      t.figures.ranking
        .filter((r: { instrument: string }) => r.instrument === "IIT")
        .map((r: { indicator: number; score: number }) => [r.indicator, r.score])
        .sort((x: number[], y: number[]) => x[0]! - y[0]!);
    expect(iitScores(reopened)).toHaveLength(5);
    expect(iitScores(reopened)).toEqual(iitScores(closed));
    expect(reopened.xlsx["IIT (aggregate)"]).toEqual(aggregate);
  });
});
