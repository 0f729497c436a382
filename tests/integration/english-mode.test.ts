import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { signIn, useTestApp } from "../support/app";
import { randomAnswers, readFramework, seededRandom } from "../support/answers";
import { createAgencyWithOfficer, createOfficialResult, type OfficerFixture } from "../support/factories";
import { createNation, type Nation } from "../support/groups";

// English mode on every screen (issue 16, item 9): with the interface switched to English, no page of a
// seeded round — public or admin, printed documents included — shows Thai words of its own. What counts as
// data, and may stay Thai (docs/decisions/0016-thai-and-english-everywhere.md):
//   - values people typed or named: agency, user, round, channel and measure names, notes;
//   - the framework's own Thai texts that have no English in the framework (OIT group names, the Thai
//     questionnaire as printed for paper answers, the report's standard Thai paragraphs);
//   - the Thai measures report and its progress report (a Thai government document: NACC's form);
//   - the language switch's "ภาษาไทย".
// A page marks such Thai text with lang="th" (right for screen readers too); this test ignores those
// elements and the seeded names below, and finds any other Thai script, in text and in the attributes
// people read (title, aria-label, placeholder, alt) and in the page title.

const THAI = /[\u0E00-\u0E7F]+(?:[\s\d.,:()–-]*[\u0E00-\u0E7F]+)*/g;
const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
]);
const READ_ATTRIBUTES = /\b(?:title|aria-label|placeholder|alt)="([^"]*)"/g;

/** Thai runs of a page outside elements marked lang="th", <script> and <style>, with the data strings removed. */
export function thaiOutsideData(html: string, data: readonly string[]): string[] {
  const body = html
    .replace(/<script[\s\S]*?<\/script>/gi, " ")
    .replace(/<style[\s\S]*?<\/style>/gi, " ")
    .replace(/<!--[\s\S]*?-->/g, " ");
  const seen: string[] = [];
  // depth of lang="th" elements around the current position; a stack of tag names to know when they end
  const stack: { tag: string; th: boolean }[] = [];
  const inTh = () => stack.some((s) => s.th);
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*?)(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    if (!inTh()) seen.push(body.slice(last, m.index));
    last = tag.lastIndex;
    const [, closing, nameRaw, attributes = "", selfClosing] = m;
    const name = nameRaw!.toLowerCase();
    if (closing) {
      const at = stack.map((s) => s.tag).lastIndexOf(name);
      if (at >= 0) stack.length = at;
      continue;
    }
    const th = /\blang="th"/.test(attributes) && !/^html$/.test(name);
    if (!th && !inTh()) for (const a of attributes.matchAll(READ_ATTRIBUTES)) seen.push(a[1]!);
    if (!VOID.has(name) && !selfClosing) stack.push({ tag: name, th });
  }
  seen.push(body.slice(last));
  let text = seen
    .join(" ")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
  for (const d of [...data].sort((a, b) => b.length - a.length)) text = text.split(d).join(" ");
  text = text.replace(/ภาษาไทย/g, " ");
  return [...new Set(text.match(THAI) ?? [])];
}

describe("English mode", () => {
  let seed: OfficerFixture;
  const { server, db, cookies } = useTestApp({
    signIn: ["super"],
    seed: async (db) => {
      seed = await createAgencyWithOfficer(db, { role: "admin" });
      await createOfficialResult(db, seed.agencyId, { fiscal_year: 2565 });
      // The OIT checklist half done (one link failed its check) and published: its summary and table in English.
      const now = new Date().toISOString();
      await db
        .insertInto("oit_answers")
        .values([
          {
            round_id: seed.roundId,
            item: "o1",
            has: 1,
            urls: JSON.stringify(["https://www.example.go.th/structure"]),
            note: "หมายเหตุของเจ้าหน้าที่",
            responsible: "งานธุรการ",
            updated_by: null,
            updated_at: now,
            link_status: JSON.stringify({ "https://www.example.go.th/structure": { ok: false, error: "timeout" } }),
            checked_at: now,
          },
          {
            round_id: seed.roundId,
            item: "o2",
            has: 0,
            urls: "[]",
            note: null,
            responsible: null,
            updated_by: null,
            updated_at: now,
            link_status: null,
            checked_at: null,
          },
        ])
        .execute();
      await db.insertInto("oit_publication").values({ round_id: seed.roundId, public: 1, updated_at: now }).execute();
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
  let cookie: string;
  let reportId: string;
  // Names given to the agency, its officer and channel here, and the super-administrator's name at first start.
  const DATA = ["เทศบาลตำบลทดสอบ", "เจ้าหน้าที่ทดสอบ", "เคาน์เตอร์ 1", "ผู้ดูแลระบบ", "หมายเหตุของเจ้าหน้าที่", "งานธุรการ"];

  const get = (p: string, session: string | null = cookie) =>
    fetch(`${server.url}${p}`, {
      redirect: "manual",
      headers: { cookie: session ? `${session}; lang=en` : "lang=en" },
    });

  beforeAll(async () => {
    cookie = await signIn(server, seed.email, seed.password);
    const fw = readFramework();
    const random = seededRandom(16);
    for (const instrument of ["iit", "eit"] as const) {
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${server.url}/api/responses`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            round: seed.slug,
            instrument,
            answers: randomAnswers(fw, instrument.toUpperCase() as "IIT" | "EIT", random),
            submissionId: crypto.randomUUID(),
            ...(instrument === "iit" ? { pin: seed.pin } : {}),
          }),
        });
        expect(res.status, await res.clone().text()).toBe(201);
      }
    }
    const official = await db.selectFrom("official_results").select("id").executeTakeFirstOrThrow();
    const made = await fetch(`${server.url}/admin/reports`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, origin: server.url, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ basis: `official:${official.id}` }),
    });
    expect(made.status).toBe(302);
    reportId = made.headers.get("location")!.split("/").pop()!;
  });

  it("shows every admin and public page of a round without Thai words outside data values", async () => {
    const r = `/admin/rounds/${seed.roundId}`;
    const admin = [
      "/admin",
      "/admin/rounds",
      "/admin/rounds/new",
      r,
      `${r}/settings`,
      `${r}/delete`,
      "/admin/rounds/00000000-0000-4000-8000-000000000000",
      `${r}/oit`,
      `${r}/channels`,
      `${r}/access`,
      `${r}/entry`,
      `${r}/entries`,
      `${r}/progress`,
      `${r}/results`,
      `${r}/results/1`,
      `${r}/results/9`,
      `${r}/channels/counter-1/poster`,
      `${r}/blank/eit`,
      `${r}/blank/iit`,
      "/admin/users",
      "/admin/audit",
      "/admin/profile",
      "/admin/official",
      "/admin/official/2565",
      "/admin/reports",
      `/admin/reports/${reportId}`,
      `/admin/reports/${reportId}/print`,
      `/admin/reports/${reportId}/progress`,
    ];
    const slug = await db.selectFrom("rounds").select("slug").where("id", "=", seed.roundId).executeTakeFirstOrThrow();
    const pub = ["/", "/login", `/oit/${slug.slug}`, `/s/${slug.slug}`, `/s/${slug.slug}/iit`, "/no-such-page"];
    // The report's title is stored with the report (a Thai document's title: data), and is the print view's title.
    const titles = await db.selectFrom("reports").select("title").execute();
    const data = [...DATA, ...titles.map((t) => t.title)];
    const found: Record<string, string[]> = {};
    // The super-administrator's own pages: every agency, and one agency's page.
    const sup = ["/admin/agencies", `/admin/agencies/${seed.agencyId}`, "/admin/users", "/admin/rounds"];
    for (const [paths, session] of [
      [admin, cookie],
      [sup, cookies.super],
      [pub, null],
    ] as const) {
      for (const p of paths) {
        const res = await get(p, session);
        expect([200, 404], `${p} answered ${res.status}`).toContain(res.status);
        const thai = thaiOutsideData(await res.text(), data);
        if (thai.length) found[p] = thai;
      }
    }
    // One line per page: its path and the first Thai runs found (cut short), so that a failure reads as a list.
    const report = Object.entries(found).map(
      ([p, runs]) =>
        `${p}: ${runs.length} × ${runs
          .slice(0, 6)
          .map((t) => JSON.stringify(t.slice(0, 40)))
          .join(", ")}`,
    );
    expect(report).toEqual([]);
  });

  it("names the results' framework in words in both languages, not by its id", async () => {
    const framework = (html: string) => /data-testid="results-framework"[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1];
    const en = await (await get(`/admin/rounds/${seed.roundId}/results`)).text();
    expect(framework(en)).toBe("Scored by the<!-- --> <!-- -->ITA framework 2565 (2022)");
    const th = await (
      await fetch(`${server.url}/admin/rounds/${seed.roundId}/results`, { headers: { cookie } })
    ).text();
    expect(framework(th)).toBe("คำนวณตาม<!-- --> <!-- -->เกณฑ์ ITA พ.ศ. 2565");
    expect(th).toMatch(/<h1>ผลการประเมิน ITA<!-- --> <!-- -->ปีงบประมาณ พ.ศ. 2569/);
  });
});

// The supervisor's screens and the super-administrator's group pages (issue 18), forms and refusals included.
// Group and agency names are typed by people and have no English here: they may stay Thai only inside an
// element marked lang="th" (nothing is removed as data but the super-administrator's name at first start).
describe("English mode on the supervisor's and the groups' pages", () => {
  let nation: Nation;
  const { server, cookies } = useTestApp({
    signIn: ["super"],
    seed: async (db) => {
      nation = await createNation(db, "supervisor@province.go.th");
    },
  });
  const DATA = ["ผู้ดูแลระบบ"];
  const request = (p: string, session: string, form?: Record<string, string>) =>
    fetch(`${server.url}${p}`, {
      redirect: "manual",
      method: form ? "POST" : "GET",
      headers: {
        cookie: `${session}; lang=en`,
        ...(form ? { origin: server.url, "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      body: form ? new URLSearchParams(form) : undefined,
    });

  it('shows the league, the group pages and their refused forms without Thai words outside lang="th"', async () => {
    const supervisor = await signIn(server, "supervisor@province.go.th");
    const g = nation.groups;
    const pages: [string, string, number, Record<string, string>?][] = [
      [supervisor, `/supervise/groups/${g.provinceA}`, 200],
      [supervisor, `/supervise/groups/${g.provinceA}?type=sao&size=S&weakest=5&below=1`, 200],
      [supervisor, `/supervise/groups/${g.districtA1}`, 200],
      [supervisor, `/supervise/groups/${g.provinceB}`, 404],
      [cookies.super, "/supervise", 200],
      [cookies.super, `/supervise/groups/${g.country}`, 200],
      [cookies.super, "/admin/groups", 200],
      [cookies.super, `/admin/groups/${g.provinceA}`, 200],
      [cookies.super, `/admin/groups/${g.ministry}`, 200],
      // The forms, refused: each page again with its messages.
      [cookies.super, "/admin/groups", 422, { intent: "create", name_th: "", kind: "planet", parent_id: "x" }],
      [cookies.super, `/admin/groups/${g.provinceA}`, 422, { intent: "update", name_th: "", kind: "province" }],
      [cookies.super, `/admin/groups/${g.provinceA}`, 422, { intent: "supervisor", email: "not-an-email" }],
      [cookies.super, `/admin/groups/${g.provinceA}`, 422, { intent: "add-member", agency_id: "" }],
      [cookies.super, `/admin/groups/${g.provinceA}`, 422, { intent: "delete" }],
      [cookies.super, `/admin/groups/${g.provinceA}`, 422, { intent: "nothing" }],
      // A supervisor added: the one-time link and its words.
      [cookies.super, `/admin/groups/${g.ministry}`, 200, { intent: "supervisor", email: "new@ministry.go.th" }],
    ];
    const found: string[] = [];
    for (const [session, p, status, form] of pages) {
      const res = await request(p, session, form);
      const html = await res.text();
      const what = `${form ? `${form.intent} ` : ""}${p}`;
      if (res.status !== status) found.push(`${what}: answered ${res.status}, not ${status}`);
      if (form && status === 422 && !/data-testid="form-errors"|class="field-error"/.test(html))
        found.push(`${what}: no message shown`);
      const thai = thaiOutsideData(html, DATA);
      if (thai.length)
        found.push(
          `${what}: ${thai
            .slice(0, 6)
            .map((t) => JSON.stringify(t.slice(0, 40)))
            .join(", ")}`,
        );
    }
    expect(found).toEqual([]);
  });
});
