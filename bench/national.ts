// `npm run bench -- national [--scale 0.01] [--db postgres|sqlite|both] [--keep]`: the national exercise.
// Seeds 8,300 agencies (× scale) in nested groups — the country, 77 provinces, their districts — with one round
// each (most closed with the IIT released, some open, some not started), 1.3 million IIT and EIT answer sheets
// (× scale) with the tallies the write path keeps, and the OIT checklists (bench/national/plan.ts, seed.ts),
// into a bench database on the local PostgreSQL cluster (TEST_DATABASE_URL's server, database
// ita_bench_national) and into a SQLite file for comparison. Then measures, in a fresh process holding only
// the app's code and a database handle (bench/national/measure.ts): one agency's results page data, and the
// memory (RSS) of that process. Goals: results ≤ 10 ms.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { loadFramework } from "../app/services/frameworks/frameworks.server";
import { createDb, openSqlite } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import { report } from "./lib/summary";
import { makePlan, type Plan } from "./national/plan";
import {
  BULK_TABLES,
  bulkLoadPostgres,
  postgresWriter,
  seedGroups,
  seedPlan,
  sqliteWriter,
  supervisorOf,
  type Writer,
} from "./national/seed";
import type { MeasureRequest, MeasureResult } from "./national/measure";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    scale: { type: "string" },
    db: { type: "string" },
    keep: { type: "boolean" },
    reuse: { type: "boolean" },
  },
  strict: false,
});
const scale = Number(values.scale ?? 1);
if (!(scale > 0 && scale <= 1)) throw new Error("--scale must be in (0, 1]");
const flavours = values.db === "postgres" || values.db === "sqlite" ? [values.db] : ["postgres", "sqlite"];
const fw = loadFramework("ita-2565");
const plan = makePlan(fw, scale);

// One bench database per scale, so that a small development run never drops the full-scale one (--keep/--reuse).
const BENCH_DB = scale === 1 ? "ita_bench_national" : `ita_bench_national_${String(scale).replace(/\W/g, "_")}`;
const serverUrl = process.env.TEST_DATABASE_URL ?? "postgres://ita:ita@127.0.0.1:5432/ita_test";

async function postgresDatabase(): Promise<{ url: string; drop: () => Promise<void>; reused?: boolean }> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const url = new URL(serverUrl);
  url.pathname = `/${BENCH_DB}`;
  if (values.reuse && (await admin.query("select 1 from pg_database where datname = $1", [BENCH_DB])).rowCount) {
    await admin.end();
    return { url: url.toString(), drop: async () => {}, reused: true };
  }
  await admin.query(`drop database if exists ${BENCH_DB} with (force)`);
  await admin.query(`create database ${BENCH_DB}`);
  await admin.end();
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${BENCH_DB} with (force)`).catch(() => {});
      await c.end();
    },
  };
}

function sqliteDatabase(): { url: string; drop: () => Promise<void> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ita-bench-national-"));
  return { url: path.join(dir, "ita.sqlite"), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

async function seed(flavour: string, url: string, p: Plan) {
  const db = createDb(url);
  await migrateToLatest(db);
  await db.destroy();
  const started = performance.now();
  let writer: Writer;
  let finish: () => Promise<void>;
  if (flavour === "postgres") {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    writer = postgresWriter(client);
    const restore = await bulkLoadPostgres(client, BULK_TABLES);
    finish = async () => {
      const t0 = performance.now();
      await restore();
      console.log(`    indexes and constraints built in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      await client.query("vacuum analyze");
      await client.end();
    };
  } else {
    const database = openSqlite(url);
    writer = sqliteWriter(database);
    finish = async () => {
      database.pragma("wal_checkpoint(truncate)");
      database.close();
    };
  }
  let last = started;
  const counts = await seedPlan(writer, fw, p, {
    onBatch: (done, c) => {
      if (performance.now() - last < 10_000) return;
      last = performance.now();
      const s = (last - started) / 1000;
      console.log(
        `    … ${done.toLocaleString("en")} agencies, ${(c.iit + c.eit).toLocaleString("en")} responses, ${s.toFixed(0)} s`,
      );
    },
  });
  await seedGroups(writer, p);
  const seedSeconds = (performance.now() - started) / 1000;
  await finish();
  const totalSeconds = (performance.now() - started) / 1000;
  return { counts, seedSeconds, totalSeconds };
}

function measureIn(flavour: string, url: string, request: MeasureRequest): MeasureResult {
  const child = spawnSync(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "national", "measure.ts"), url, JSON.stringify(request)],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 64 * 1024 * 1024 },
  );
  if (child.status !== 0) throw new Error(`measure on ${flavour} failed (exit ${child.status})`);
  const last = child.stdout.trim().split("\n").pop()!;
  return JSON.parse(last) as MeasureResult;
}

function measureRequest(p: Plan): MeasureRequest {
  const released = p.agencies.filter((a) => a.state === "closed-released");
  const bySize = [...released].sort((x, y) => x.iit + x.eit - (y.iit + y.eit));
  const largest = bySize[bySize.length - 1]!;
  const typical = bySize[Math.floor(bySize.length / 2)]!;
  const perProvince = p.provinces.map((province) => ({
    province,
    agencies: p.agencies.filter((a) => a.province === province.index).length,
  }));
  const typicalProvince = [...perProvince].sort(
    (x, y) => Math.abs(x.agencies - 100) - Math.abs(y.agencies - 100) || x.province.index - y.province.index,
  )[0]!;
  const largestProvince = [...perProvince].sort((x, y) => y.agencies - x.agencies)[0]!;
  return {
    groups: [
      {
        label: `a province (${typicalProvince.agencies} agencies)`,
        groupId: typicalProvince.province.id,
        supervisorId: supervisorOf(typicalProvince.province.id),
        goalMs: 100,
      },
      {
        label: `the largest province (${largestProvince.agencies} agencies)`,
        groupId: largestProvince.province.id,
        supervisorId: supervisorOf(largestProvince.province.id),
        goalMs: 100,
      },
      {
        label: `the country (${p.agencies.length.toLocaleString("en")} agencies)`,
        groupId: p.countryId,
        supervisorId: supervisorOf(p.countryId),
        goalMs: 1000,
      },
    ],
    agencies: [
      {
        label: `largest agency (${largest.iit} IIT + ${largest.eit} EIT)`,
        agencyId: largest.id,
        roundId: largest.roundId,
      },
      {
        label: `median agency (${typical.iit} IIT + ${typical.eit} EIT)`,
        agencyId: typical.id,
        roundId: typical.roundId,
      },
    ],
  };
}

const fmt = (ms: number) => (ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(0)} ms`);
const verdict = (ms: number, goal: number) => (ms <= goal ? "met" : "MISSED");

const byType = new Map<string, number>();
for (const a of plan.agencies) byType.set(a.type, (byType.get(a.type) ?? 0) + 1);
const states = new Map<string, number>();
for (const a of plan.agencies) states.set(a.state, (states.get(a.state) ?? 0) + 1);
console.log(
  `National dataset (scale ${scale}): ${plan.agencies.length.toLocaleString("en")} agencies in 77 provinces, ` +
    `${plan.provinces.reduce((n, p) => n + p.districts.length, 0)} districts; ` +
    `${plan.agencies.reduce((n, a) => n + a.iit, 0).toLocaleString("en")} IIT + ` +
    `${plan.agencies.reduce((n, a) => n + a.eit, 0).toLocaleString("en")} EIT responses`,
);
console.log(`  types: ${[...byType].map(([t, n]) => `${t} ${n}`).join(", ")}`);
console.log(`  rounds: ${[...states].map(([t, n]) => `${t} ${n}`).join(", ")}`);

function printMeasurements(flavour: string, result: MeasureResult) {
  for (const r of result.timings) {
    console.log(
      `  ${r.label.padEnd(58)} first ${fmt(r.firstMs).padStart(9)}  median ${fmt(r.medianMs).padStart(9)}  min ${fmt(r.minMs).padStart(9)}  max ${fmt(r.maxMs).padStart(9)}  (${r.runs} runs)` +
        (r.goalMs ? `  goal ≤ ${r.goalMs} ms: ${verdict(r.medianMs, r.goalMs)}` : ""),
    );
    report({
      measure: `national ${flavour}: ${r.label}`,
      value: `${fmt(r.medianMs)} (min ${fmt(r.minMs)}, max ${fmt(r.maxMs)})`,
      target: r.goalMs ? `≤ ${r.goalMs} ms` : undefined,
      note: `first call ${fmt(r.firstMs)}`,
    });
  }
  console.log(
    `  RSS of the measuring process: ${result.rss.startMb.toFixed(0)} MB after start, ${result.rss.endMb.toFixed(0)} MB after the measurements (peak ${result.rss.peakMb.toFixed(0)} MB)`,
  );
  report({
    measure: `national ${flavour}: RSS of the app process`,
    value: `${result.rss.endMb.toFixed(0)} MB (peak ${result.rss.peakMb.toFixed(0)} MB)`,
    note: `${result.rss.startMb.toFixed(0)} MB after start`,
  });
}

const request = measureRequest(plan);
for (const flavour of flavours) {
  const database = flavour === "postgres" ? await postgresDatabase() : sqliteDatabase();
  try {
    console.log(
      `\n${flavour === "postgres" ? "PostgreSQL" : "SQLite"} (${flavour === "postgres" ? BENCH_DB : database.url}):`,
    );
    if ("reused" in database && database.reused) {
      console.log("  reused the database seeded by an earlier run (--reuse): migrations, then measurements only");
      // The app runs its migrations at start-up; so does a reused database (a newer kept-row shape among them).
      const db = createDb(database.url);
      const applied = await migrateToLatest(db);
      await db.destroy();
      if (applied.length) console.log(`  migrated: ${applied.join(", ")}`);
      printMeasurements(flavour, measureIn(flavour, database.url, request));
      continue;
    }
    const seeded = await seed(flavour, database.url, plan);
    const responses = seeded.counts.iit + seeded.counts.eit;
    console.log(
      `  seeded ${responses.toLocaleString("en")} responses (${seeded.counts.rows.toLocaleString("en")} rows) in ` +
        `${seeded.seedSeconds.toFixed(0)} s (${Math.round(responses / seeded.seedSeconds).toLocaleString("en")} responses/s)` +
        `, ${seeded.totalSeconds.toFixed(0)} s with ${flavour === "postgres" ? "indexes, constraints and VACUUM ANALYZE" : "the WAL checkpoint"}`,
    );
    report({
      measure: `national seed, ${flavour}`,
      value: `${seeded.seedSeconds.toFixed(0)} s`,
      note: `${plan.agencies.length.toLocaleString("en")} agencies, ${responses.toLocaleString("en")} responses, ${Math.round(responses / seeded.seedSeconds).toLocaleString("en")} responses/s`,
    });
    printMeasurements(flavour, measureIn(flavour, database.url, request));
  } finally {
    if (values.keep) console.log(`  kept: ${database.url}`);
    else await database.drop();
  }
}
