// `npm run bench -- memory [--count 100000] [--connections 50]`: the app server's memory (RSS) after it
// stored --count submissions through POST /api/responses, on a fresh SQLite file. Reads VmRSS and
// VmHWM (peak) from /proc; needs a build (BUILD_DIR, default build/).
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import { upsertEitChannel } from "../db/repositories/round-access";
import { createDb } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import { randomAnswers, readFramework, seededRandom } from "../tests/support/answers";
import { createTestDatabase } from "../tests/support/databases";
import { createAgencyWithRound } from "../tests/support/factories";
import { startServer } from "../tests/support/server";
import { report } from "./lib/summary";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { count: { type: "string" }, connections: { type: "string" } },
  strict: false,
});
const count = Number(values.count ?? 100_000);
const connections = Number(values.connections ?? 50);

function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, "m"))?.[1] ?? NaN);
  return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
}

function post(agent: http.Agent, port: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: "/api/responses",
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const buildDir = path.resolve(import.meta.dirname, "..", process.env.BUILD_DIR ?? "build");
if (!fs.existsSync(path.join(buildDir, "server", "index.js"))) {
  console.error(`memory: no build in ${buildDir}; run npm run build (or set BUILD_DIR)`);
  process.exit(1);
}
const database = await createTestDatabase("sqlite");
const db = createDb(database.url);
await migrateToLatest(db);
const round = await createAgencyWithRound(db);
await upsertEitChannel(db, { roundId: round.roundId, key: "counter", name: "จุดบริการ", kiosk: false });
await db.destroy();
const server = await startServer({ databaseUrl: database.url, env: { SUBMIT_RATE_LIMIT: "1000000000" } });
const pid = server.process.pid!;
const fw = readFramework();
const random = seededRandom(100_000);
const answers = Array.from({ length: 500 }, (_, i) =>
  i % 2 ? randomAnswers(fw, "EIT", random) : randomAnswers(fw, "IIT", random),
);
const body = (n: number) =>
  JSON.stringify({
    round: round.slug,
    instrument: n % 2 ? "eit" : "iit",
    answers: answers[n % answers.length],
    submissionId: crypto.randomUUID(),
    ...(n % 2 ? { channel: "counter" } : { pin: round.pin }),
  });

try {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  await post(agent, server.port, body(1));
  const idle = memoryOf(pid);
  const started = Date.now();
  let next = 0;
  let created = 0;
  const statuses: Record<number, number> = {};
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < count) {
        const status = await post(agent, server.port, body(next++));
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status === 201) created++;
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, 2000));
  const after = memoryOf(pid);
  agent.destroy();
  console.log(
    `Server memory, ${count.toLocaleString("en")} submissions over ${connections} connections (SQLite file):`,
  );
  console.log(`  RSS idle after start ${idle.rssMb.toFixed(0)} MB`);
  console.log(`  RSS after            ${after.rssMb.toFixed(0)} MB (peak ${after.peakMb.toFixed(0)} MB)`);
  console.log(
    `  ${created.toLocaleString("en")} stored (201) in ${seconds.toFixed(0)} s (${(count / seconds).toFixed(0)} req/s with this Node client); statuses ${JSON.stringify(statuses)}`,
  );
  report({
    measure: `server RSS after ${count.toLocaleString("en")} submissions`,
    value: `${after.rssMb.toFixed(0)} MB (peak ${after.peakMb.toFixed(0)} MB, idle ${idle.rssMb.toFixed(0)} MB)`,
    note:
      created === count
        ? `all ${count.toLocaleString("en")} stored`
        : `only ${created} of ${count} stored: ${JSON.stringify(statuses)}`,
  });
  if (created !== count) process.exitCode = 1;
} finally {
  await server.stop();
  await database.drop();
}
