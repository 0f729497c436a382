// A round's results at 10k, 100k and 1M responses: read from the kept tallies (what the app does)
// next to the load-everything baseline (read every answer row, parse and score in JavaScript).
// Generates its own data in a temporary SQLite file. `npm run bench -- results [--max 100000]`.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { scoreAnswers, type Answers } from "../app/ita";
import { loadFramework } from "../app/services/frameworks/frameworks.server";
import { getRoundResults } from "../app/services/results/results.server";
import { createDb, openSqlite } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import { findRoundById } from "../db/repositories/rounds";
import { report } from "./lib/summary";

const fw = loadFramework("ita-2565");
const TARGET_MS = 10;

function randomAnswers(random: () => number): Answers {
  const answers: Answers = {};
  for (const item of fw.items.EIT) {
    const levels = fw.scales[item.scale]!.choices.length;
    const pick = () => Math.floor(random() * levels);
    answers[item.id] = item.subItems
      ? Object.fromEntries(item.subItems.map((_, i) => [String(i + 1), pick()]))
      : pick();
  }
  answers.respondent_type = fw.respondentTypes[0]!.id;
  return answers;
}

async function prepare(file: string, responses: number, withRows: boolean) {
  const db = createDb(file);
  await migrateToLatest(db);
  const now = new Date().toISOString();
  const agencyId = crypto.randomUUID();
  const roundId = crypto.randomUUID();
  await db
    .insertInto("agencies")
    .values({
      id: agencyId,
      name_th: "หน่วยงานทดสอบ",
      name_en: null,
      type: "sao",
      size: "S",
      staff_count: 30,
      external_count: null,
      created_at: now,
    })
    .execute();
  await db
    .insertInto("rounds")
    .values({
      id: roundId,
      agency_id: agencyId,
      slug: `bench${responses}`,
      title: null,
      fiscal_year: 2569,
      framework: fw.id,
      status: "open",
      opens_on: null,
      closes_on: null,
      iit_access: "pin",
      pin: "000000",
      strength_line: 70,
      target_line: 85,
      min_iit: 25,
      min_eit: 30,
      created_at: now,
      updated_at: now,
    })
    .execute();

  // Tallies and counts as the write path keeps them; answer rows only for the baseline.
  const raw = openSqlite(file);
  const counts = new Map<string, number>();
  const insertRow = raw.prepare(
    "insert into eit_responses (id, round_id, framework, submission_id, channel, respondent_type, day, answers) values (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  let seed = 1;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const write = raw.transaction((from: number, to: number) => {
    for (let n = from; n < to; n++) {
      const answers = randomAnswers(random);
      for (const item of fw.items.EIT) {
        const value = answers[item.id];
        const parts = item.subItems
          ? Object.entries(value as Record<string, number>).map(([s, l]) => [Number(s), l])
          : [[0, value as number]];
        for (const [sub, level] of parts)
          counts.set(`${item.id}|${sub}|${level}`, (counts.get(`${item.id}|${sub}|${level}`) ?? 0) + 1);
      }
      if (withRows)
        insertRow.run(
          crypto.randomUUID(),
          roundId,
          fw.id,
          crypto.randomUUID(),
          "",
          "citizen",
          "2026-01-01",
          JSON.stringify(answers),
        );
    }
  });
  for (let n = 0; n < responses; n += 20_000) write(n, Math.min(responses, n + 20_000));
  const insertTally = raw.prepare(
    "insert into tallies (round_id, instrument, channel, item, sub, level, count) values (?, 'eit', '', ?, ?, ?, ?)",
  );
  raw.transaction(() => {
    for (const [key, count] of counts) {
      const [item, sub, level] = key.split("|");
      insertTally.run(roundId, item, Number(sub), Number(level), count);
    }
    raw
      .prepare("insert into response_counts (round_id, instrument, channel, count) values (?, 'eit', '', ?)")
      .run(roundId, responses);
  })();
  raw.close();
  return { db, roundId };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function measure(responses: number, baseline: boolean) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ita-bench-results-"));
  try {
    const { db, roundId } = await prepare(path.join(dir, "ita.sqlite"), responses, baseline);
    const round = (await findRoundById(db, roundId))!;
    const times: number[] = [];
    let eitScore: number | undefined;
    for (let i = 0; i < 15; i++) {
      const t0 = performance.now();
      const results = await getRoundResults(db, round);
      times.push(performance.now() - t0);
      eitScore = results.analysis.instruments.EIT.exact ?? undefined;
    }
    let loadAll: number | null = null;
    if (baseline) {
      const t0 = performance.now();
      const rows = await db.selectFrom("eit_responses").select("answers").where("round_id", "=", roundId).execute();
      const scored = scoreAnswers(
        fw,
        "EIT",
        rows.map((r) => JSON.parse(r.answers) as Answers),
      );
      loadAll = performance.now() - t0;
      if (Math.abs((scored.indicators[6] ?? 0) - (await getRoundResults(db, round)).eit!.indicators[6]!) > 1e-9)
        throw new Error("baseline and tallies disagree");
    }
    await db.destroy();
    return { responses, tallyMs: median(times), loadAll, eitScore };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { max: { type: "string" }, "no-baseline": { type: "boolean" } },
  });
  const max = Number(values.max ?? 1_000_000);
  console.log("Round results (ita-2565, EIT answers; SQLite file, median of 15 reads):");
  console.log(`  ${"responses".padStart(10)}  ${"from tallies".padStart(13)}  ${"load everything".padStart(16)}`);
  for (const n of [10_000, 100_000, 1_000_000].filter((x) => x <= max)) {
    const r = await measure(n, !values["no-baseline"]);
    const base = r.loadAll === null ? "–" : `${r.loadAll.toFixed(0)} ms`;
    const verdict = r.tallyMs <= TARGET_MS ? "met" : "MISSED";
    console.log(
      `  ${n.toLocaleString("en").padStart(10)}  ${`${r.tallyMs.toFixed(2)} ms`.padStart(13)}  ${base.padStart(16)}   target ≤ ${TARGET_MS} ms: ${verdict}`,
    );
    report({
      measure: `results time at ${n.toLocaleString("en")} responses`,
      value: `${r.tallyMs.toFixed(2)} ms`,
      target: `≤ ${TARGET_MS} ms`,
      note: `load-everything baseline ${base}`,
    });
  }
}
