import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { round2, scoreAnswers, type Answers } from "../../app/ita/index";
import { listTallies } from "../../db/repositories/results";
import { signIn, useTestApp } from "../support/app";
import { randomAnswers, readFramework, seededRandom } from "../support/answers";
import { FLAVOURS } from "../support/databases";
import { ROOT } from "../support/env";
import { createAgencyWithOfficer, createUser, type OfficerFixture, type UserRow } from "../support/factories";

const run = promisify(execFile);
const fw = readFramework();
const example = JSON.parse(fs.readFileSync(path.join(ROOT, "tests/fixtures/example-2565.json"), "utf8"));

async function cli(databaseUrl: string, ...args: string[]) {
  const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/ita.ts", ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", DATABASE_URL: databaseUrl, TZ: "Asia/Bangkok" },
  });
  return JSON.parse(stdout);
}

describe.each(FLAVOURS)("round results on %s", (flavour) => {
  let seed: OfficerFixture;
  let other: OfficerFixture;
  let viewerUser: UserRow;
  const { database, server, db } = useTestApp({
    flavour,
    seed: async (db) => {
      seed = await createAgencyWithOfficer(db, { role: "admin" });
      other = await createAgencyWithOfficer(db, { role: "admin" });
      viewerUser = await createUser(db, "viewer", seed.agencyId, { name: "ผู้ดูผล" });
      await db
        .insertInto("eit_channels")
        .values({
          id: crypto.randomUUID(),
          round_id: seed.roundId,
          key: "counter-1",
          name: "เคาน์เตอร์ 1",
          kiosk: 0,
          created_at: new Date().toISOString(),
        })
        .execute();
    },
  });
  let admin: string;
  let viewer: string;
  let stranger: string;
  const random = seededRandom(flavour === "sqlite" ? 8 : 88);
  const iit: Answers[] = [];
  const eit: Answers[] = [];

  const submit = async (instrument: "iit" | "eit", answers: Answers, extra: Record<string, unknown> = {}) => {
    const res = await fetch(`${server.url}/api/responses`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ round: seed.slug, instrument, answers, submissionId: crypto.randomUUID(), ...extra }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    (instrument === "iit" ? iit : eit).push(answers);
  };
  const get = (path: string, cookie?: string) =>
    fetch(`${server.url}${path}`, { redirect: "manual", headers: cookie ? { cookie } : {} });
  const api = async (cookie = admin) => (await get(`/api/rounds/${seed.roundId}/results`, cookie)).json();
  const csv = async () => {
    const res = await get(`/admin/rounds/${seed.roundId}/responses/csv`, admin);
    expect(res.status).toBe(200);
    return {
      text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer()),
      iitRows: res.headers.get("x-iit-rows"),
    };
  };
  const iitScores = () => scoreAnswers(fw, "IIT", iit).indicators;

  beforeAll(async () => {
    admin = await signIn(server, seed.email, seed.password);
    viewer = await signIn(server, viewerUser.email);
    stranger = await signIn(server, other.email, other.password);
  });

  it("refuses a visitor with 401 on the API and sends pages to the sign-in", async () => {
    const res = await get(`/api/rounds/${seed.roundId}/results`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ errorTh: expect.any(String) });
    for (const path of ["results", "results/1", "responses/csv", "responses/xlsx"]) {
      const page = await get(`/admin/rounds/${seed.roundId}/${path}`);
      expect(page.status).toBe(302);
      expect(page.headers.get("location")).toMatch(/^\/login\?next=/);
    }
  });

  it("refuses another agency's user the API, the page and the export", async () => {
    for (const path of [
      `/api/rounds/${seed.roundId}/results`,
      `/admin/rounds/${seed.roundId}/results`,
      `/admin/rounds/${seed.roundId}/responses/csv`,
    ]) {
      const res = await get(path, stranger);
      expect([403, 404]).toContain(res.status);
      expect(await res.text()).not.toContain('"ranking"');
    }
  });

  it("scores EIT from the tallies exactly as the scoring module scores the same answers", async () => {
    for (let i = 0; i < 3; i++) await submit("eit", randomAnswers(fw, "EIT", random), { channel: "counter-1" });
    await submit("eit", { ...randomAnswers(fw, "EIT", random), comment: '=HYPERLINK("http://x") ขอบคุณเจ้าหน้าที่' });
    const body = await api();
    const expected = scoreAnswers(fw, "EIT", eit).indicators;
    for (const n of [6, 7, 8])
      expect(body.ranking.find((r: { indicator: number }) => r.indicator === n).score).toBe(round2(expected[n]!));
    expect(body.responseCounts).toEqual({ iit: 0, eit: 4 });
    expect(body.missing).toEqual([1, 2, 3, 4, 5, 9, 10]);
    expect(body.overall).toBeNull();
    expect(body.grade).toBeNull();
    expect(body.withheld).toMatch(/withheld/);
    expect(body.provisional).toEqual(["IIT", "EIT"]);
    for (const key of [
      "framework",
      "gradingMode",
      "overallExact",
      "meetsTarget",
      "target",
      "strengthLine",
      "instruments",
      "instrumentsExact",
      "highest",
      "lowest",
      "strengths",
      "weaknesses",
      "belowTarget",
    ])
      expect(body).toHaveProperty(key);
  });

  it("shows no IIT score anywhere from 4 IIT responses, shows it at 5, and a 6th does not move it", async () => {
    for (let i = 0; i < 4; i++) await submit("iit", randomAnswers(fw, "IIT", random), { pin: seed.pin });
    let body = await api();
    expect(body.responseCounts.iit).toBe(4);
    expect(body.ranking.filter((r: { instrument: string }) => r.instrument === "IIT")).toEqual([]);
    expect(body.instruments.IIT).toBeNull();
    let page = await (await get(`/admin/rounds/${seed.roundId}/results`, admin)).text();
    expect(page).toMatch(/data-testid="instrument-IIT">–</);
    expect(page).toContain("จะแสดงผล IIT เมื่อมีบุคลากรตอบครบ 5 คน");
    const drill = await (await get(`/admin/rounds/${seed.roundId}/results/1`, admin)).text();
    expect(drill).toContain('data-testid="indicator-withheld"');
    expect(drill).not.toContain('data-testid="questions"');
    let file = await csv();
    expect(file.iitRows).toBe("withheld");
    expect(file.text.split("\r\n").filter((l) => l.startsWith("IIT,"))).toEqual([]);

    await submit("iit", randomAnswers(fw, "IIT", random), { pin: seed.pin });
    const atFive = iitScores();
    body = await api();
    for (const n of [1, 2, 3, 4, 5])
      expect(body.ranking.find((r: { indicator: number }) => r.indicator === n).score).toBe(round2(atFive[n]!));
    page = await (await get(`/admin/rounds/${seed.roundId}/results`, admin)).text();
    expect(page).toContain(`data-testid="instrument-IIT">${body.instruments.IIT.toFixed(2)}<`);
    expect(await (await get(`/admin/rounds/${seed.roundId}/results/1`, admin)).text()).toContain(
      'data-testid="questions"',
    );
    file = await csv();
    expect(file.iitRows).toBe("included");
    expect(file.text.split("\r\n").filter((l) => l.startsWith("IIT,"))).toHaveLength(5);

    await submit("iit", randomAnswers(fw, "IIT", random), { pin: seed.pin });
    const after = await api();
    expect(after.responseCounts.iit).toBe(6);
    expect(after.ranking.filter((r: { instrument: string }) => r.instrument === "IIT")).toEqual(
      body.ranking.filter((r: { instrument: string }) => r.instrument === "IIT"),
    );
    expect(after.instrumentsExact.IIT).toBe(body.instrumentsExact.IIT);
    file = await csv();
    expect(file.text.split("\r\n").filter((l) => l.startsWith("IIT,"))).toHaveLength(0);
  });

  it("exports CSV with a BOM, Thai intact and formula cells neutralised, and the same rows as XLSX", async () => {
    const res = await get(`/admin/rounds/${seed.roundId}/responses/csv`, admin);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const lines = text.trim().split("\r\n");
    expect(lines[0]).toMatch(/^instrument,framework,channel,respondent_type,i1\.1,i1\.2,i2,i3\.1,/);
    expect(lines[0]).toContain(",i11.1,");
    expect(text).toContain(`"'=HYPERLINK(""http://x"") ขอบคุณเจ้าหน้าที่"`);
    expect(text).not.toMatch(/,=HYPERLINK/);
    expect(lines.filter((l) => l.startsWith("EIT,ita-2565,counter-1,"))).toHaveLength(3);
    expect(lines).toHaveLength(1 + 4);

    const xlsx = await get(`/admin/rounds/${seed.roundId}/responses/xlsx`, viewer);
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(1 + 4);
    expect(sheet.getRow(1).getCell(1).value).toBe("instrument");
    const comments = sheet.getColumn(sheet.columnCount).values.filter((v) => typeof v === "string") as string[];
    // A string cell is text, never a formula: the XLSX keeps the comment exactly as typed, with no added '.
    expect(comments).toContain('=HYPERLINK("http://x") ขอบคุณเจ้าหน้าที่');
    expect(comments.filter((c) => c.startsWith("'"))).toEqual([]);
  });

  it("neutralises in CSV a formula after a line feed, a space or in full-width signs, and keeps XLSX text exact", async () => {
    const own = await createAgencyWithOfficer(db, { role: "admin" });
    const comments = [
      "\n=1+1",
      ' =HYPERLINK("http://evil.example")',
      "\u3000=1+1",
      '＝HYPERLINK("http://evil.example")',
      "＋1+1",
      "－2+3",
      "＠SUM(A1:A2)",
      "ขอบคุณ =1+1",
    ];
    for (const comment of comments) {
      const res = await fetch(`${server.url}/api/responses`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          round: own.slug,
          instrument: "eit",
          answers: { ...randomAnswers(fw, "EIT", seededRandom(comment.length)), comment },
          submissionId: crypto.randomUUID(),
        }),
      });
      expect(res.status, await res.clone().text()).toBe(201);
    }
    const cookie = await signIn(server, own.email, own.password);

    const res = await get(`/admin/rounds/${own.roundId}/responses/csv`, cookie);
    expect(res.status).toBe(200);
    const text = new TextDecoder().decode(await res.arrayBuffer());
    const cells = text
      .split("\r\n")
      .slice(1, -1)
      .map((line) => line.slice(line.lastIndexOf(",") + 1));
    // Each comment is the last cell; the one holding a line feed is quoted.
    expect(cells.sort()).toEqual(
      [
        '"\'\n=1+1"',
        '"\' =HYPERLINK(""http://evil.example"")"',
        "'\u3000=1+1",
        '"\'＝HYPERLINK(""http://evil.example"")"',
        "'＋1+1",
        "'－2+3",
        "'＠SUM(A1:A2)",
        "ขอบคุณ =1+1",
      ].sort(),
    );

    const xlsx = await get(`/admin/rounds/${own.roundId}/responses/xlsx`, cookie);
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const sheet = book.worksheets[0]!;
    const column = sheet.columnCount;
    expect(sheet.getRow(1).getCell(column).value).toBe("comment");
    const typed: string[] = [];
    sheet.eachRow((row, n) => {
      row.eachCell((cell) => expect(cell.formula ?? null).toBeNull());
      if (n === 1) return;
      const cell = row.getCell(column);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      typed.push(String(cell.value));
    });
    expect(typed.sort()).toEqual([...comments].sort());
  });

  it("prints the same fields from `ita results` as the API gives, by id or slug", async () => {
    const fromApi = await api(viewer);
    expect(await cli(database.url, "results", "--round", seed.slug)).toEqual(fromApi);
    expect(await cli(database.url, "results", "--round", seed.roundId)).toEqual(fromApi);
  });

  it("rebuilds tallies from the raw answers with `ita recount`, which agree with the kept ones", async () => {
    const before = { iit: await listTallies(db, seed.roundId, "iit"), eit: await listTallies(db, seed.roundId, "eit") };
    const sortRows = <T extends { channel: string; item: string; sub: number; level: number }>(rows: T[]) =>
      [...rows].sort((a, b) =>
        `${a.channel}|${a.item}|${a.sub}|${a.level}`.localeCompare(`${b.channel}|${b.item}|${b.sub}|${b.level}`),
      );
    const agree = await cli(database.url, "recount", "--round", seed.slug);
    expect(agree.recount.changedRows).toBe(0);
    expect(sortRows(await listTallies(db, seed.roundId, "eit"))).toEqual(sortRows(before.eit));
    expect(sortRows(await listTallies(db, seed.roundId, "iit"))).toEqual(sortRows(before.iit));

    // Damage the kept counts; recount restores them, and the results with them.
    const fromApi = await api();
    await db
      .updateTable("tallies")
      .set({ count: 999 })
      .where("round_id", "=", seed.roundId)
      .where("instrument", "=", "eit")
      .where("item", "=", "e1")
      .execute();
    const damaged = await cli(database.url, "recount", "--round", seed.roundId);
    expect(damaged.recount.changedRows).toBeGreaterThan(0);
    expect(sortRows(await listTallies(db, seed.roundId, "eit"))).toEqual(sortRows(before.eit));
    expect(await api()).toEqual(fromApi);
    const published = await db
      .selectFrom("iit_published")
      .select("count")
      .where("round_id", "=", seed.roundId)
      .executeTakeFirstOrThrow();
    expect(Number(published.count)).toBe(5);
  });

  it("analyses the worked example entered as official results: grade B, its ranking, 79.64 as official", async () => {
    const form = new URLSearchParams({
      fiscal_year: "2565",
      framework: "ita-2565",
      published_total: "79.64",
      published_grade: "B",
      note: "รายงานผล ITA 2565",
    });
    for (const [n, s] of Object.entries(example.indicator_scores)) form.set(`s${n}`, String(s));
    const post = (cookie: string, body = form) =>
      fetch(`${server.url}/admin/official/new`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie, origin: server.url, "content-type": "application/x-www-form-urlencoded" },
        body,
      });
    expect((await post(viewer)).status).toBe(403);
    const bad = new URLSearchParams(form);
    bad.set("s9", "120");
    const refused = await post(admin, bad);
    expect(refused.status).toBe(422);
    const saved = await post(admin);
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe("/admin/official?year=2565");

    const html = await (await get("/admin/official?year=2565", viewer)).text();
    expect(html).toContain('data-testid="overall-official">79.64<');
    expect(html).toContain('data-testid="overall-recomputed">79.65<');
    expect(html).toContain('data-testid="grade">B<');
    const ranking = html.slice(html.indexOf('data-testid="ranking"'));
    const order = [...ranking.matchAll(/data-indicator="(\d+)"/g)].map((m) => Number(m[1]));
    expect(order).toEqual(example.expected.ranking_high_to_low);
    expect(html).toContain("จุดแข็ง 8 ตัวชี้วัด");
    expect(html).toContain("จุดอ่อน 2 ตัวชี้วัด");
    expect(html).toContain('data-testid="comparison"');

    const logged = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "official.save")
      .where("agency_id", "=", seed.agencyId)
      .execute();
    expect(logged).toHaveLength(1);
    const strangers = await (await get("/admin/official", stranger)).text();
    expect(strangers).not.toContain("79.64");
  });
});
