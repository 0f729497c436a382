// `npx tsx bench/submissions/pg-statements.ts [BATCH]`: writes 20 batches of BATCH (default 50) mixed IIT/EIT
// submissions through storeSubmissions into a fresh PostgreSQL database (BENCH_DATABASE_URL, default the local
// ita/ita cluster) in this process, and prints the time per batch and each statement's count and mean time
// (Kysely's query log): where the submission path's round trips go. Measurement only.
import crypto from "node:crypto";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { migrateToLatest } from "../../db/migrate";
import { storeSubmissions, type Submission } from "../../db/repositories/responses";
import { upsertEitChannel } from "../../db/repositories/round-access";
import { PostgresNulPlugin } from "../../db/postgres-text";
import { randomAnswers, readFramework, seededRandom } from "../../tests/support/answers";
import { createAgencyWithRound } from "../../tests/support/factories";
import type { Database } from "../../db/schema";

const name = `ita_bench_trace_${process.pid}`;
const server = process.env.BENCH_DATABASE_URL ?? "postgres://ita:ita@127.0.0.1:5432/postgres";
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`create database ${name}`);
const times = new Map<string, number[]>();
const db = new Kysely<Database>({
  dialect: new PostgresDialect({
    pool: new pg.Pool({
      connectionString: Object.assign(new URL(server), { pathname: `/${name}` }).toString(),
      max: 10,
    }),
  }),
  plugins: [new PostgresNulPlugin()],
  log(e) {
    const k = e.query.sql.slice(0, 60);
    (times.get(k) ?? times.set(k, []).get(k)!).push(e.queryDurationMillis);
  },
});
await migrateToLatest(db);
const round = await createAgencyWithRound(db);
await upsertEitChannel(db, { roundId: round.roundId, key: "counter-1", name: "c", kiosk: true });
const fw = readFramework();
const random = seededRandom(1);
const B = Number(process.argv[2] ?? 50);
times.clear();
const t0 = performance.now();
let n = 0;
for (let b = 0; b < 20; b++) {
  const items: Submission[] = Array.from({ length: B }, (_, i) => {
    const iit = i % 2 === 0;
    const answers = randomAnswers(fw, iit ? "IIT" : "EIT", random) as Record<string, unknown>;
    const tallies = [];
    for (const [item, value] of Object.entries(answers)) {
      if (typeof value === "number") tallies.push({ item, sub: 0, level: value });
      else if (value && typeof value === "object")
        for (const [sub, level] of Object.entries(value))
          tallies.push({ item, sub: Number(sub), level: Number(level) });
    }
    return {
      roundId: round.roundId,
      framework: "ita-2565",
      instrument: iit ? "iit" : "eit",
      submissionId: crypto.randomUUID(),
      answers,
      tallies,
      channel: iit ? null : "counter-1",
      respondentType: "x",
      day: iit ? null : "2026-12-05",
      iitAccess: iit ? "pin" : undefined,
    };
  });
  const s = performance.now();
  await storeSubmissions(db, items);
  n += B;
  if (b === 0) console.log("first batch", (performance.now() - s).toFixed(1));
}
const total = performance.now() - t0;
console.log(`batches of ${B}: ${(total / 20).toFixed(1)} ms per batch, ${((n / total) * 1000).toFixed(0)} /s`);
for (const [k, v] of times)
  console.log(v.length, (v.reduce((a, b) => a + b, 0) / v.length).toFixed(2), "ms", k.replace(/\s+/g, " "));
await db.destroy();
await admin.query(`drop database if exists ${name} with (force)`);
await admin.end();
