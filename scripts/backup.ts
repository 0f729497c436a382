// `npm run backup [-- --out FILE]`: a consistent copy of the SQLite database, taken while the app runs.
// better-sqlite3's online backup copies the pages of one snapshot (restarting if a writer changes them),
// so every response acknowledged before it began is in the copy with its tallies. PostgreSQL: pg_dump.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import SQLite from "better-sqlite3";
import { config } from "../app/server/config.server";
import { isPostgresUrl, sqliteFileFromUrl } from "../db/client";

const POSTGRES_RECIPE = `This database is PostgreSQL: back it up with pg_dump (it is consistent while the app runs).
  pg_dump -Fc --no-owner --no-unlogged-table-data -d "$DATABASE_URL" -f backups/ita-$(date +%Y%m%d-%H%M%S).dump
Restore into an empty database (stop the app first):
  createdb ita_restored && pg_restore --no-owner -d postgres://USER@HOST/ita_restored backups/ita-….dump
Then point DATABASE_URL at it and start the app. See README, "Backups".
A dump taken while a round is open holds that round's unsealed IIT data: keep it as protected as the database.`;

function stamp(date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { out: { type: "string" } } });
  let url: string;
  try {
    url = config().DATABASE_URL;
  } catch (error) {
    console.error(`backup: ${(error as Error).message}`);
    return 1;
  }
  if (isPostgresUrl(url)) {
    console.error(POSTGRES_RECIPE);
    return 1;
  }
  const source = path.resolve(sqliteFileFromUrl(url));
  if (source === path.resolve(":memory:") || !fs.existsSync(source)) {
    console.error(`backup: no SQLite database at ${source} (set DATABASE_URL)`);
    return 1;
  }
  const out = path.resolve(values.out ?? path.join("backups", `ita-${stamp()}.sqlite`));
  if (fs.existsSync(out)) {
    console.error(`backup: ${out} exists already; choose another --out`);
    return 1;
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });

  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    const started = Date.now();
    // All remaining pages in one step: one read snapshot, so the app's writes cannot restart the copy
    // (in WAL mode the app keeps writing meanwhile; the default 100-page steps restart on every write).
    await db.backup(out, { progress: () => 1_000_000_000 });
    // One self-contained file (no -wal beside it), checked before we call it a backup.
    const copy = new SQLite(out);
    try {
      copy.pragma("journal_mode = DELETE");
      const check = copy.pragma("integrity_check", { simple: true });
      if (check !== "ok") throw new Error(`integrity check of the copy failed: ${String(check)}`);
    } finally {
      copy.close();
    }
    const size = fs.statSync(out).size;
    console.log(`backup: ${out} (${(size / 1024 / 1024).toFixed(1)} MB, ${Date.now() - started} ms)`);
    const open = openRounds(out);
    if (open.length)
      console.log(
        `backup: WARNING this copy holds unsealed IIT data of ${open.length} round(s) not closed yet (${open.join(", ")}): ` +
          "keep it as protected as the live database (docs/anonymity.md)",
      );
    return 0;
  } catch (error) {
    fs.rmSync(out, { force: true });
    console.error(`backup: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    db.close();
  }
}

/** Slugs of the rounds in the copy that still take answers (open): their IIT data is not sealed yet. */
function openRounds(file: string): string[] {
  const copy = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const rows = copy.prepare("select slug from rounds where status = 'open' order by slug").all() as {
      slug: string;
    }[];
    return rows.map((r) => r.slug);
  } finally {
    copy.close();
  }
}

process.exit(await main());
