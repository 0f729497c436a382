import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoreOit } from "../../app/ita";
import { loadFramework } from "../../app/services/frameworks/frameworks.server";
import { createDb } from "../../db/client";
import { getOitChecklist, listOitAnswers } from "../../db/repositories/oit";
import { signInCookie, useTestApp } from "../support/app";
import { FLAVOURS } from "../support/databases";
import { startEvidenceSite } from "../support/evidence-site";
import { createAgencyWithOfficer, type OfficerFixture } from "../support/factories";

let site: Awaited<ReturnType<typeof startEvidenceSite>>;
let siteUrl = "";

beforeAll(async () => {
  site = await startEvidenceSite();
  siteUrl = site.url;
});
afterAll(() => site.close());

describe.each(FLAVOURS)("the OIT checklist on %s", (flavour) => {
  let seed: OfficerFixture;
  let cookie: string;
  const { database, server } = useTestApp({
    flavour,
    env: { LINK_CHECK_ALLOW_PRIVATE: "1" },
    seed: async (db) => (seed = await createAgencyWithOfficer(db)),
  });
  const fw = loadFramework("ita-2565");

  const post = (body: Record<string, string>) =>
    fetch(`${server.url}/admin/rounds/${seed.roundId}/oit`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, origin: server.url, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(body),
    });
  const withDb = async <T>(work: (db: ReturnType<typeof createDb>) => Promise<T>) => {
    const db = createDb(database.url, { poolSize: 1 });
    try {
      return await work(db);
    } finally {
      await db.destroy();
    }
  };

  /** The link check's state on the page (data-state of the progress box), or null when there is none. */
  const linkCheckState = async () => {
    const html = await (await fetch(`${server.url}/admin/rounds/${seed.roundId}/oit`, { headers: { cookie } })).text();
    return html.match(/data-testid="link-check" data-state="(\w+)"/)?.[1] ?? null;
  };
  /** Starts "check links" (answered at once) and waits for the background check to finish. */
  const checkLinksAndWait = async () => {
    expect((await post({ intent: "check-links" })).status).toBe(200);
    for (let i = 0; i < 200 && (await linkCheckState()) === "running"; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(await linkCheckState()).toBe("done");
  };

  beforeAll(async () => {
    cookie = await signInCookie(server.url, seed.email, seed.password);
  });

  it("stores answers and gives the repository checklist that scores 9.1 by the published rule", async () => {
    const res = await post({
      intent: "save",
      has_o1: "1",
      urls_o1: `${siteUrl}/ita/structure.html\n${siteUrl}/gone.html`,
      note_o1: "หน้าเว็บหลัก",
      resp_o1: "สำนักปลัด",
      has_o2: "1",
      urls_o2: "",
      has_o3: "0",
      urls_o3: "",
      has_o4: "",
      urls_o4: "",
    });
    expect(res.status).toBe(200);
    const checklist = await withDb((db) => getOitChecklist(db, seed.roundId));
    expect(checklist).toEqual({
      o1: { has: true, urls: [`${siteUrl}/ita/structure.html`, `${siteUrl}/gone.html`] },
      o2: { has: true, urls: [] },
      o3: { has: false, urls: [] },
    });
    const scores = scoreOit(fw, checklist);
    const sub91 = scores.subindicators.find((s) => s.id === "9.1")!;
    expect(sub91.answered).toBe(3);
    expect(sub91.score).toBeCloseTo(100 / 3, 10);
    expect(scores.indicators.find((i) => i.indicator === 9)!.score).toBeCloseTo(100 / 3, 10);
    expect(scores.indicators.find((i) => i.indicator === 10)!.score).toBeNull();
    expect(scores.needsEvidence).toEqual(["o2"]);

    const page = await (await fetch(`${server.url}/admin/rounds/${seed.roundId}/oit`, { headers: { cookie } })).text();
    expect(page).toMatch(/data-score="indicator-9"[^>]*>33\.33/);
    expect(page).toMatch(/data-score="indicator-10"[^>]*>—/);
  });

  it("refuses a non-web evidence link with a Thai message and changes nothing", async () => {
    const res = await post({ intent: "save", has_o5: "1", urls_o5: "javascript:alert(1)" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("ต้องขึ้นต้นด้วย http:// หรือ https://");
    expect((await withDb((db) => listOitAnswers(db, seed.roundId))).has("o5")).toBe(false);
  });

  it("logs who changed OIT answers in the audit log", async () => {
    const rows = await withDb((db) =>
      db.selectFrom("audit_log").selectAll().where("action", "=", "oit.answer").execute(),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.agency_id).toBe(seed.agencyId);
    expect(JSON.parse(rows[0]!.detail!)).toEqual({ items: ["o1", "o2", "o3"] });
  });

  it("checks evidence links from the server and marks one good and one broken", async () => {
    await checkLinksAndWait();
    const o1 = (await withDb((db) => listOitAnswers(db, seed.roundId))).get("o1")!;
    expect(o1.linkStatus).toEqual({
      [`${siteUrl}/ita/structure.html`]: { ok: true, status: 200 },
      [`${siteUrl}/gone.html`]: { ok: false, status: 404 },
    });
    expect(Date.now() - Date.parse(o1.checkedAt!)).toBeLessThan(60_000);
  });

  it("exports the link table agencies publish as XLSX", async () => {
    const res = await fetch(`${server.url}/admin/rounds/${seed.roundId}/oit.xlsx`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.getWorksheet("OIT")!;
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    const o1 = rows.find((r) => r[1] === "O1")!;
    expect(o1.slice(1, 7)).toEqual([
      "O1",
      "9.1",
      "โครงสร้าง",
      "มี",
      `${siteUrl}/ita/structure.html\n${siteUrl}/gone.html`,
      "หน้าเว็บหลัก",
    ]);
    expect(rows.filter((r) => /^O\d+$/.test(String(r[1])))).toHaveLength(43);
  });

  it("writes typed notes to the workbook as text cells, exactly as typed and never as formulas", async () => {
    const notes = { o7: '=HYPERLINK("http://evil.example","คลิก")', o8: "＠SUM(A1:A2)", o9: "-2+3 หน้าเว็บ" };
    const saved = await post({
      intent: "save",
      ...Object.fromEntries(
        Object.entries(notes).flatMap(([id, note]) => [
          [`has_${id}`, "0"],
          [`urls_${id}`, ""],
          [`note_${id}`, note],
        ]),
      ),
    });
    expect(saved.status).toBe(200);
    const res = await fetch(`${server.url}/admin/rounds/${seed.roundId}/oit.xlsx`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.getWorksheet("OIT")!;
    const found: Record<string, unknown> = {};
    sheet.eachRow((row) => {
      row.eachCell((cell) => expect(cell.formula ?? null).toBeNull());
      const id = String(row.getCell(1).value).toLowerCase();
      if (id in notes) {
        expect(row.getCell(6).type).toBe(ExcelJS.ValueType.String);
        found[id] = row.getCell(6).value;
      }
    });
    expect(found).toEqual(notes);
  });

  it("shows the public link table only after it is published", async () => {
    expect((await fetch(`${server.url}/oit/${seed.slug}`)).status).toBe(404);
    expect((await post({ intent: "public", public: "1" })).status).toBe(200);
    const res = await fetch(`${server.url}/oit/${seed.slug}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`${siteUrl}/ita/structure.html`);
  });

  it("refuses to fetch loopback or private addresses when LINK_CHECK_ALLOW_PRIVATE is off", async () => {
    await server.restart({ env: { LINK_CHECK_ALLOW_PRIVATE: "0" } });
    cookie = await signInCookie(server.url, seed.email, seed.password);
    const port = new URL(siteUrl).port;
    await post({
      intent: "save",
      has_o6: "1",
      urls_o6: `http://localhost:${port}/ita/structure.html\nhttp://10.1.2.3/x`,
    });
    await checkLinksAndWait();
    const answers = await withDb((db) => listOitAnswers(db, seed.roundId));
    for (const state of [
      ...Object.values(answers.get("o1")!.linkStatus),
      ...Object.values(answers.get("o6")!.linkStatus),
    ]) {
      expect(state).toEqual({ ok: false, error: "private-address" });
    }
    expect(Object.keys(answers.get("o6")!.linkStatus)).toHaveLength(2);
  });
});
