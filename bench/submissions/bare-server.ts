// The baseline for bench/submissions.ts: node:http, parse the same JSON body, call the same storage
// (group commit → storeSubmissions, same database settings). No framework, no validation, no checks.
// WORKERS=N: N processes share the port through node:cluster, as server.js does.
import cluster from "node:cluster";
import http from "node:http";
import { config } from "../../app/server/config.server";
import { createDb } from "../../db/client";
import { GroupCommit } from "../../db/group-commit";
import { storeSubmissions, type Submission, type TallyPoint } from "../../db/repositories/responses";

const { DATABASE_URL, PORT, WORKERS } = config();

if (WORKERS > 1 && cluster.isPrimary) {
  let listening = 0;
  cluster.on("listening", () => ++listening === WORKERS && console.log("listening on", PORT));
  for (let i = 0; i < WORKERS; i++) cluster.fork();
  process.on("SIGTERM", () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    cluster.on("exit", () => Object.keys(cluster.workers ?? {}).length === 0 && process.exit(0));
  });
} else {
  await serve();
}

async function serve() {
  const db = createDb(DATABASE_URL);
  const round = await db
    .selectFrom("rounds")
    .select(["id", "framework"])
    .where("slug", "=", process.env.ROUND_SLUG!)
    .executeTakeFirstOrThrow();
  const commit = new GroupCommit<Submission, Awaited<ReturnType<typeof storeSubmissions>>[number]>((items) =>
    storeSubmissions(db, items),
  );
  const today = new Date().toISOString().slice(0, 10);

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const outcome = await commit.submit({
        roundId: round.id,
        framework: round.framework,
        instrument: body.instrument,
        submissionId: body.submissionId,
        answers: body.answers,
        tallies: tallies(body.answers),
        channel: body.channel ?? null,
        respondentType: body.answers.respondent_type ?? null,
        day: body.instrument === "eit" ? today : null,
      });
      res.writeHead(outcome.status === "created" ? 201 : 200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ id: "id" in outcome ? outcome.id : null }));
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(PORT, "127.0.0.1", () => cluster.isPrimary && console.log("listening on", PORT));
}

function tallies(answers: Record<string, unknown>): TallyPoint[] {
  const out: TallyPoint[] = [];
  for (const [item, value] of Object.entries(answers)) {
    if (typeof value === "number") out.push({ item, sub: 0, level: value });
    else if (value && typeof value === "object")
      for (const [sub, level] of Object.entries(value)) out.push({ item, sub: Number(sub), level: Number(level) });
  }
  return out;
}
