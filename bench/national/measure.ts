// The measuring half of bench/national.ts, run in a fresh process (`node --import tsx measure.ts URL REQUEST`):
// only the app's services and one database handle, as in the app process, so that its RSS is that of the app
// serving these pages and not of the seeding. Prints one JSON line (MeasureResult) last.
import fs from "node:fs";
import { getLeague } from "../../app/services/groups/league.server";
import { getResultsPage } from "../../app/services/results/results.server";
import type { SessionUser } from "../../app/server/auth.server";
import { createDb } from "../../db/client";

export type MeasureRequest = {
  agencies: { label: string; agencyId: string; roundId: string }[];
  groups: { label: string; groupId: string; supervisorId: string; goalMs: number }[];
};
export type Timing = {
  label: string;
  /** The first call (a league's first read scores every round and keeps the scores). */
  firstMs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  runs: number;
  goalMs?: number;
};
export type MeasureResult = { timings: Timing[]; rss: { startMb: number; endMb: number; peakMb: number } };

function memory() {
  const status = fs.readFileSync("/proc/self/status", "utf8");
  const kb = (key: string) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, "m"))?.[1] ?? NaN);
  return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
}

/** Median and max of `runs` calls after `warm` untimed ones. */
export async function time(
  label: string,
  runs: number,
  work: () => Promise<unknown>,
  goalMs?: number,
): Promise<Timing> {
  const t = performance.now();
  await work();
  const firstMs = performance.now() - t;
  await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return {
    label,
    firstMs,
    medianMs: times[Math.floor(times.length / 2)]!,
    minMs: times[0]!,
    maxMs: times[times.length - 1]!,
    runs,
    goalMs,
  };
}

export function actorOf(role: SessionUser["role"], agencyId: string | null): SessionUser {
  return {
    id: "bench-user",
    email: "bench@example.go.th",
    name: null,
    role,
    agency_id: agencyId,
    acting_agency_id: null,
    acting_agency_name: null,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [url, requestText] = process.argv.slice(2);
  const request = JSON.parse(requestText!) as MeasureRequest;
  const db = createDb(url!);
  await db.selectFrom("agencies").select("id").limit(1).execute();
  const start = memory();
  const timings: Timing[] = [];
  for (const a of request.agencies) {
    const actor = actorOf("admin", a.agencyId);
    timings.push(await time(`results page data, ${a.label}`, 25, () => getResultsPage(db, actor, a.roundId), 10));
  }
  for (const g of request.groups) {
    const actor = { ...actorOf("supervisor", null), id: g.supervisorId };
    const runs = g.goalMs >= 1000 ? 5 : 15;
    timings.push(
      await time(
        `league table, ${g.label}`,
        runs,
        () => getLeague(db, actor, g.groupId, { fiscalYear: 2569 }),
        g.goalMs,
      ),
    );
  }
  const end = memory();
  await db.destroy();
  console.log(JSON.stringify({ timings, rss: { startMb: start.rssMb, endMb: end.rssMb, peakMb: end.peakMb } }));
}
