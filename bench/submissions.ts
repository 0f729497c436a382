// `npm run bench -- submissions [--db sqlite|postgres] [--processes 1,2,4] [--seconds 8] [--warmup 2]
//   [--connections 50] [--repeat 2] [--trace] [--profile DIR]`
// POST /api/responses on the built server (BUILD_DIR, default build/) against a bare node:http
// handler that parses the same body and calls the same storage function, in the same run, each on
// its own fresh database: a SQLite file (WAL, synchronous=FULL), or with `--db postgres` a fresh PostgreSQL
// database (BENCH_DATABASE_URL names the server, default the local ita/ita cluster; synchronous_commit on)
// served by 1, 2 and 4 processes (`--processes`; the app as `WORKERS=N node server.js`, the bare handler the
// same way through node:cluster). Prints requests/s, p50 and p99, and checks that every acknowledged
// submission is in the database.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import { upsertEitChannel } from "../db/repositories/round-access";
import { parseArgs } from "../scripts/lib/cli";
import { randomAnswers, readFramework, seededRandom } from "../tests/support/answers";
import { createAgencyWithRound } from "../tests/support/factories";
import { freePort } from "../tests/support/server";
import { report } from "./lib/summary";
import { runLoad, type LoadResult } from "./submissions/load";

const ROOT = path.resolve(import.meta.dirname, "..");
const { options } = parseArgs(process.argv.slice(2));
const num = (name: string, fallback: number) => (typeof options[name] === "string" ? Number(options[name]) : fallback);
const seconds = num("seconds", 8);
const warmup = num("warmup", 2);
const connections = num("connections", 50);
const repeat = num("repeat", 2);
// --trace: the app server prints per-batch timings (batch size, transaction, COMMIT, time between) and GC pauses.
const trace = options.trace === true;
// --profile DIR: the app's processes write V8 CPU profiles (node --cpu-prof) into DIR when they stop.
const profileDir = typeof options.profile === "string" ? path.resolve(options.profile) : undefined;
const flavour = options.db === "postgres" ? "postgres" : "sqlite";
const processCounts = String(options.processes ?? (flavour === "postgres" ? "1,2,4" : "1"))
  .split(",")
  .map(Number);
if (flavour === "sqlite" && processCounts.some((n) => n !== 1)) {
  console.error("bench: SQLite serves one process; --processes needs --db postgres");
  process.exit(2);
}
const pgServer = process.env.BENCH_DATABASE_URL ?? "postgres://ita:ita@127.0.0.1:5432/postgres";
const buildDir = path.resolve(ROOT, process.env.BUILD_DIR ?? "build");

if (!fs.existsSync(path.join(buildDir, "server", "index.js"))) {
  console.log(`building the app into ${buildDir} …`);
  const built = spawnSync("npx", ["react-router", "build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, BUILD_DIR: buildDir },
  });
  if (built.status !== 0) process.exit(1);
}

const fw = readFramework();
const random = seededRandom(2565);
const pool = Array.from({ length: 200 }, (_, i) =>
  i % 2 ? randomAnswers(fw, "EIT", random) : randomAnswers(fw, "IIT", random),
);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "ita-bench-"));

let runs = 0;
const databases: string[] = [];

/** A fresh, empty database: a SQLite file, or a PostgreSQL database made on the bench's server. */
async function freshDatabase(name: string): Promise<string> {
  if (flavour === "sqlite") return path.join(work, `${name}-${++runs}.sqlite`);
  const database = `ita_bench_${process.pid}_${name}_${++runs}`;
  await adminQuery(`create database ${database}`);
  databases.push(database);
  const url = new URL(pgServer);
  url.pathname = `/${database}`;
  return url.toString();
}

async function adminQuery(text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: pgServer });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

async function prepare(name: string) {
  const url = await freshDatabase(name);
  const db = createDb(url);
  await migrateToLatest(db);
  const round = await createAgencyWithRound(db);
  await upsertEitChannel(db, { roundId: round.roundId, key: "counter-1", name: "เคาน์เตอร์ 1", kiosk: true });
  await db.destroy();
  const body = (n: number) => {
    const iit = n % 2 === 0;
    return JSON.stringify({
      round: round.slug,
      instrument: iit ? "iit" : "eit",
      answers: pool[n % pool.length],
      submissionId: crypto.randomUUID(),
      ...(iit ? { pin: round.pin } : { channel: "counter-1" }),
    });
  };
  return { url, round, body };
}

async function start(args: string[], env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", TZ: "Asia/Bangkok", NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d) => String(d).includes("listening") && resolve());
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  return child;
}

async function stored(url: string): Promise<number> {
  const db = createDb(url);
  const n = async (t: "iit_responses" | "eit_responses") =>
    Number(
      (
        await db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const total = (await n("iit_responses")) + (await n("eit_responses"));
  await db.destroy();
  return total;
}

/**
 * CPU milliseconds a process and its children (the workers) have used (user + system), from /proc: a measure
 * the machine's other load does not skew.
 */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  let ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  for (const child of childrenOf(pid)) ms += cpuMs(child);
  return ms;
}

function childrenOf(pid: number): number[] {
  const tasks = `/proc/${pid}/task`;
  if (!fs.existsSync(tasks)) return [];
  return fs
    .readdirSync(tasks)
    .flatMap((t) => fs.readFileSync(`${tasks}/${t}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number));
}

const results: { name: string; processes: number; result: LoadResult; durable: string; cpuPerRequest: number }[] = [];
const targets = {
  bare: async (processes: number) => {
    const target = await prepare("bare");
    const port = await freePort();
    const child = await start(["--import", "tsx", "bench/submissions/bare-server.ts"], {
      DATABASE_URL: target.url,
      PORT: String(port),
      ROUND_SLUG: target.round.slug,
      WORKERS: String(processes),
    });
    return { target, child, url: `http://127.0.0.1:${port}/` };
  },
  app: async (processes: number) => {
    const target = await prepare("app");
    const port = await freePort();
    const child = await start(
      [
        ...(trace ? ["--import", "./bench/submissions/batch-trace.mjs"] : []),
        ...(profileDir ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : []),
        "server.js",
      ],
      {
        DATABASE_URL: target.url,
        PORT: String(port),
        HOST: "127.0.0.1",
        BUILD_DIR: buildDir,
        DEMO: "0",
        ADMIN_EMAIL: "bench@example.go.th",
        ADMIN_PASSWORD: "bench-password-1",
        SUBMIT_RATE_LIMIT: "1000000000",
        WORKERS: String(processes),
      },
    );
    return { target, child, url: `http://127.0.0.1:${port}/api/responses` };
  },
};

if (flavour === "postgres") {
  const settings = await adminQuery(
    "select name, setting from pg_settings where name in ('synchronous_commit', 'fsync', 'wal_sync_method', 'server_version')",
  );
  console.log(`PostgreSQL: ${settings.rows.map((r) => `${r.name}=${r.setting}`).join(", ")}`);
}

for (let r = 0; r < repeat; r++) {
  for (const processes of processCounts) {
    for (const name of ["bare", "app"] as const) {
      const { target, child, url } = await targets[name](processes);
      const cpuBefore = cpuMs(child.pid!);
      const result = await runLoad({ url, connections, seconds, warmup, body: target.body });
      const cpuPerRequest = (cpuMs(child.pid!) - cpuBefore) / result.all;
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
      const acknowledged = result.statuses[201] ?? 0;
      const total = await stored(target.url);
      results.push({
        name,
        processes,
        result,
        cpuPerRequest,
        durable: `${total} stored ≥ ${acknowledged} measured 201s: ${total >= acknowledged ? "yes" : "NO"}`,
      });
      console.log(
        `${name.padEnd(5)} ${processes} process${processes > 1 ? "es" : ""}, run ${r + 1}: ${result.rate.toFixed(0)} req/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, server CPU ${(cpuPerRequest * 1000).toFixed(0)} µs/request, statuses ${JSON.stringify(result.statuses)}`,
      );
    }
  }
}

const storage =
  flavour === "sqlite" ? "SQLite WAL synchronous=FULL" : "PostgreSQL synchronous_commit=on (durable), one database";
console.log(
  `\nPOST /api/responses, ${connections} connections, ${seconds} s measured after ${warmup} s warm-up, ${storage}, cpus ${os.cpus().length}, best of ${repeat}`,
);
console.log(
  `| processes | ${"server".padEnd(34)} | ${"req/s".padStart(7)} | ${"p50 ms".padStart(6)} | ${"p99 ms".padStart(6)} | ${"CPU µs/request".padStart(14)} | app/bare |`,
);
console.log(
  `|-----------|${"-".repeat(36)}|${"-".repeat(9)}|${"-".repeat(8)}|${"-".repeat(8)}|${"-".repeat(16)}|----------|`,
);
for (const processes of processCounts) {
  const mine = results.filter((x) => x.processes === processes);
  const best = (name: string) => mine.filter((x) => x.name === name).sort((a, b) => b.result.rate - a.result.rate)[0]!;
  const cpu = (name: string) => {
    const runs = mine
      .filter((x) => x.name === name)
      .map((x) => x.cpuPerRequest)
      .sort((a, b) => a - b);
    return runs[Math.floor(runs.length / 2)]! * 1000;
  };
  const bare = best("bare");
  const app = best("app");
  const ratio = app.result.rate / bare.result.rate;
  const row = (label: string, x: typeof bare, note: string) =>
    `| ${String(processes).padStart(9)} | ${label.padEnd(34)} | ${x.result.rate.toFixed(0).padStart(7)} | ${x.result.p50.toFixed(1).padStart(6)} | ${x.result.p99.toFixed(1).padStart(6)} | ${cpu(x.name).toFixed(0).padStart(14)} | ${note.padStart(8)} |`;
  console.log(row("bare node:http + storeSubmissions", bare, ""));
  console.log(row("app (server.js, lean handler)", app, `${(ratio * 100).toFixed(0)} %`));
  const where = flavour === "postgres" ? `, PostgreSQL, ${processes} process${processes > 1 ? "es" : ""}` : "";
  report(
    {
      measure: `submissions/s at ${connections} connections${where}, app`,
      value: `${app.result.rate.toFixed(0)} /s, p99 ${app.result.p99.toFixed(1)} ms`,
      target: flavour === "sqlite" ? "≥ 3000 /s, p99 < 20 ms, ≥ 70 % of bare" : "",
      note: `${(ratio * 100).toFixed(0)} % of bare by rate; ${((cpu("bare") / cpu("app")) * 100).toFixed(0)} % by server CPU per request; load average ${os.loadavg()[0]!.toFixed(1)}`,
    },
    {
      measure: `submissions/s at ${connections} connections${where}, bare`,
      value: `${bare.result.rate.toFixed(0)} /s, p99 ${bare.result.p99.toFixed(1)} ms`,
      note: "node:http + the same storage, no validation",
    },
  );
  if (flavour === "sqlite")
    console.log(
      `\napp / bare: ${(ratio * 100).toFixed(0)} % (target ≥ 70 %); app p99 ${app.result.p99.toFixed(1)} ms (target < 20 ms); app ${app.result.rate.toFixed(0)} durable submissions/s (target ≥ 3000)`,
    );
}
console.log(
  `server CPU per request: median of ${repeat}, every process of the server counted; load average now ${os.loadavg()[0]!.toFixed(1)}`,
);
for (const x of results) console.log(`durability ${x.name} ×${x.processes}: ${x.durable}`);
fs.rmSync(work, { recursive: true, force: true });
for (const database of databases) await adminQuery(`drop database if exists ${database} with (force)`);
