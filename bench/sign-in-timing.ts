// `npm run bench -- sign-in-timing [--rounds 20]`: how long a refused sign-in takes, by reason, called
// in-process on a fresh SQLite file (issue 14, item 9). An unknown e-mail, a locked, a disabled account and a
// wrong password should cost the same (one scrypt verification each), so that the time tells no one whether
// an account exists. Prints the median and the spread per path; the tests count the key derivations instead.
import { parseArgs } from "node:util";
import { attemptLogin } from "../app/services/users/sign-in.server";
import { createDb } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import { createTestDatabase } from "../tests/support/databases";
import { createAgency, createUser } from "../tests/support/factories";
import { report } from "./lib/summary";

const { values } = parseArgs({ args: process.argv.slice(2), options: { rounds: { type: "string" } }, strict: false });
const rounds = Number(values.rounds ?? 20);

const database = await createTestDatabase("sqlite");
const db = createDb(database.url);
try {
  await migrateToLatest(db);
  const agency = await createAgency(db);
  const future = new Date(Date.now() + 3600_000).toISOString();
  const active = await createUser(db, "viewer", agency.id);
  const locked = await createUser(db, "viewer", agency.id, { failed_logins: 5, locked_until: future });
  const disabled = await createUser(db, "viewer", agency.id, { disabled: 1 });
  const paths: [string, string][] = [
    ["unknown e-mail", "nobody@bench.go.th"],
    ["locked account", locked.email],
    ["disabled account", disabled.email],
    ["wrong password", active.email],
  ];
  let n = 0;
  const times = new Map<string, number[]>(paths.map(([name]) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, email] of paths) {
      // Each attempt from an address of its own, and the active account never reaches its lock.
      await db.updateTable("users").set({ failed_logins: 0 }).where("id", "=", active.id).execute();
      const started = process.hrtime.bigint();
      await attemptLogin(db, { email, password: "wrong-password", address: `bench-${++n}` });
      times.get(name)!.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  const rows = paths.map(([name]) => {
    const sorted = times.get(name)!.sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    return { name, median: at(0.5), p10: at(0.1), p90: at(0.9) };
  });
  console.log(`refused sign-ins, ${rounds} rounds (ms): path | median | p10 | p90`);
  for (const r of rows)
    console.log(`${r.name.padEnd(17)} | ${r.median.toFixed(1)} | ${r.p10.toFixed(1)} | ${r.p90.toFixed(1)}`);
  report(
    ...rows.map((r) => ({
      measure: `sign-in refused: ${r.name} (median)`,
      value: `${r.median.toFixed(1)} ms`,
      note: "same work on every path",
    })),
  );
} finally {
  await db.destroy();
  await database.drop();
}
