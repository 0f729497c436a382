import crypto from "node:crypto";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { createDb } from "../../db/client";
import { signInCookie, useTestApp } from "../support/app";
import { randomAnswers } from "../support/answers";
import { FLAVOURS } from "../support/databases";
import { createAgencyWithOfficer } from "../support/factories";
import { fuzzCases, type FuzzCase } from "../support/fuzz-cases";
import { createLoadRound, eitBody, FRAMEWORK, runPool, submit, type LoadRound } from "../support/load";
import type { RunningServer } from "../support/server";

// Replay a failure with the same seed: FUZZ_SEED=<seed> (and FUZZ_RUNS to change the count).
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
// 2,000 per database, 4,000 in all: about ten seconds each on a busy two-core machine.
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const TABLES = [
  "agencies",
  "rounds",
  "users",
  "sessions",
  "eit_responses",
  "iit_responses",
  "tallies",
  "response_counts",
  "iit_code_use",
  "iit_releases",
  "iit_release_tallies",
  "iit_access_counts",
  "audit_log",
] as const;
const STACK = /\n\s+at [^\n]+:\d+:\d+|\bat [\w.<>]+ \((?:file:\/\/)?\/[^)]+:\d+:\d+\)/;
const SECRETS = { SESSION_SECRET: "fuzz-session-secret-4471-abcdef", ADMIN_PASSWORD: "fuzz-admin-password-9182" };

async function rowCounts(url: string): Promise<Record<string, number>> {
  const db = createDb(url, { poolSize: 1 });
  try {
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      const row = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      counts[table] = Number(row.n);
    }
    return counts;
  } finally {
    await db.destroy();
  }
}

type Outcome = { status: number; type: string; location: string; text: string; error?: string };

async function send(server: RunningServer, c: FuzzCase): Promise<Outcome> {
  const headers = { ...c.headers };
  if (headers.origin === "SELF") headers.origin = server.url;
  try {
    const body = c.body === undefined || typeof c.body === "string" ? c.body : new Uint8Array(c.body);
    const res = await fetch(server.url + c.path, { method: c.method, headers, body, redirect: "manual" });
    return {
      status: res.status,
      type: res.headers.get("content-type") ?? "",
      location: res.headers.get("location") ?? "",
      text: await res.text(),
    };
  } catch (error) {
    return { status: 0, type: "", location: "", text: "", error: String((error as Error).cause ?? error) };
  }
}

/** What is wrong with one reply, or null. */
function judge(c: FuzzCase, o: Outcome): string | null {
  if (o.status === 0) return c.kind === "huge" ? null : `connection failed: ${o.error}`; // a huge body may be cut off after the 413
  if (o.status >= 500) return `answered ${o.status}`;
  if (c.expect === "4xx" && (o.status < 400 || o.status > 499)) return `answered ${o.status}, expected a 4xx`;
  if (STACK.test(o.text)) return "a stack trace in the reply";
  for (const secret of Object.values(SECRETS)) if (o.text.includes(secret)) return "a secret in the reply";
  if (/text\/html/.test(o.type) && /<script>alert\(1\)|<img src=x onerror/i.test(o.text))
    return "a script payload reflected unescaped";
  if (o.location && (!o.location.startsWith("/") || o.location.startsWith("//") || o.location.startsWith("/\\")))
    return `redirects off the site to ${o.location}`;
  if (c.api) {
    if (!/application\/json/.test(o.type)) return `API reply is ${o.type}, not JSON`;
    let body: any;
    try {
      body = JSON.parse(o.text);
    } catch {
      return "API reply is not JSON";
    }
    const thai = /[\u0E00-\u0E7F]/;
    const clearError = typeof body.error === "string" && body.error.length > 0 && thai.test(body.errorTh ?? "");
    const clearErrors =
      Array.isArray(body.errors) &&
      body.errors.length > 0 &&
      body.errors.every(
        (e: any) =>
          typeof e.field === "string" && typeof e.message === "string" && e.message && thai.test(e.messageTh ?? ""),
      );
    if (!clearError && !clearErrors) return `API refusal without a clear message: ${o.text.slice(0, 200)}`;
  }
  return null;
}

describe.each(FLAVOURS)("malformed requests on %s", (flavour) => {
  let round: LoadRound;
  const { database, server, db } = useTestApp({
    flavour,
    env: { SUBMIT_RATE_LIMIT: "1000000", ...SECRETS },
    seed: async (db) => (round = await createLoadRound(db)),
  });

  // Runs before the fuzz, whose sign-in attempts block this address for a while.
  it("keeps typed comments inert: neutralised in CSV and XLSX exports, never unescaped in a page", async () => {
    const seed = await createAgencyWithOfficer(db, { role: "admin" });
    const comments = [
      '=HYPERLINK("http://evil.example","คลิก")',
      "+1+1",
      "-2+3",
      "@SUM(A1:A2)",
      "\t=1+1",
      "<script>alert(1)</script>",
      'บริการดี, "รวดเร็ว"\r\nขอบคุณ',
    ];
    for (const comment of comments) {
      const answers = { ...randomAnswers(FRAMEWORK, "EIT"), comment };
      const reply = await submit(server.url, {
        round: seed.slug,
        instrument: "eit",
        answers,
        submissionId: crypto.randomUUID(),
      });
      expect(reply.status).toBe(201);
    }
    const expected = comments.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)).sort();
    const cookie = await signInCookie(server.url, seed.email, seed.password);
    const base = `${server.url}/admin/rounds/${seed.roundId}`;

    const csv = await fetch(`${base}/responses/csv`, { headers: { cookie } });
    expect(csv.status).toBe(200);
    const rows = parseCsv((await csv.text()).replace(/^\uFEFF/, ""));
    const column = rows[0]!.indexOf("comment");
    expect(
      rows
        .slice(1)
        .map((r) => r[column])
        .sort(),
    ).toEqual(expected);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);

    const xlsx = await fetch(`${base}/responses/xlsx`, { headers: { cookie } });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const col = header.indexOf("comment");
    const cells: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) cells.push(String(row.getCell(col).value));
      row.eachCell((cell) => expect(cell.formula ?? null).toBeNull());
    });
    // String cells are text, never formulas: the XLSX keeps each comment exactly as typed, with no added '.
    // (XML keeps a line break as \n: the CR of CRLF is not a cell's content)
    expect(cells.sort()).toEqual(comments.map((c) => c.replace(/\r\n/g, "\n")).sort());

    for (const page of [`${base}/results`, `${base}/results/6`, `${base}/progress`]) {
      const res = await fetch(page, { headers: { cookie } });
      expect(res.status, page).toBeLessThan(500);
      expect(await res.text(), page).not.toContain("<script>alert(1)");
    }
  });

  it(`refuses ${RUNS} malformed requests with a clear 4xx, stores nothing and keeps serving (seed ${SEED})`, async () => {
    const before = await rowCounts(database.url);
    const cases = fuzzCases(round, RUNS, SEED + (flavour === "postgres" ? 1 : 0));
    const outcomes = await runPool(
      12,
      cases.map((c) => () => send(server, c)),
    );

    const failures = new Map<string, string[]>();
    const kinds = new Map<string, number>();
    cases.forEach((c, i) => {
      kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
      const problem = judge(c, outcomes[i]!);
      if (!problem) return;
      const list = failures.get(c.kind) ?? [];
      list.push(`#${i} ${c.method} ${c.path.slice(0, 80)}: ${problem} — body ${String(c.body ?? "").slice(0, 120)}`);
      failures.set(c.kind, list);
    });
    // Two examples of each kind of failure, and how many there were.
    const report = [...failures].map(([kind, list]) => `${kind} (${list.length}): ${list.slice(0, 2).join(" | ")}`);
    expect(report).toEqual([]);
    // Every family of bad input was really tried.
    for (const kind of [
      "random-json",
      "faulty-field",
      "truncated",
      "invalid-utf8",
      "huge",
      "deep",
      "content-type",
      "method",
      "page-slug",
      "login",
      "lang",
      "unknown-path",
      "access-check",
    ])
      expect(kinds.get(kind) ?? 0, kind).toBeGreaterThan(5);

    expect(await rowCounts(database.url)).toEqual(before);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await submit(server.url, eitBody(round))).status).toBe(201);

    // Nothing a respondent can send makes the server log a stack trace or a secret.
    const log = server.output();
    expect(log).not.toMatch(STACK);
    for (const secret of Object.values(SECRETS)) expect(log).not.toContain(secret);
  });
});

/** RFC 4180 CSV: quoted cells may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
