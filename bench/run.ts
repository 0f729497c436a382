// `npm run bench [-- name …]`: runs every benchmark module in bench/ (or the named ones), one after
// another in its own process; options after the names go to each (e.g. `-- results --max 100000`). Benchmarks generate their own data and are never part of the tests.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const dir = import.meta.dirname;
const all = fs.readdirSync(dir).filter((f) => f.endsWith(".ts") && f !== "run.ts" && !f.endsWith(".test.ts")).map((f) => f.slice(0, -3)).sort();
const args = process.argv.slice(2);
const firstOption = args.findIndex((a) => a.startsWith("--"));
const names = firstOption === -1 ? args : args.slice(0, firstOption);
const options = firstOption === -1 ? [] : args.slice(firstOption);
const chosen = names.length ? names : all;
let failed = 0;
for (const name of chosen) {
  if (!all.includes(name)) {
    console.error(`bench: no benchmark "${name}" (available: ${all.join(", ")})`);
    failed++;
    continue;
  }
  console.log(`\n== ${name} ==`);
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(dir, `${name}.ts`), ...options], { stdio: "inherit" });
  if (result.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
