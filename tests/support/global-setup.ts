import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { BUILD_DIR, CHROMIUM, TEST_DATABASE_URL } from "./env";

// Integration and browser tests need the built server, Debian's Chromium and a PostgreSQL
// server. When one is missing the suite fails and says how to get it: no silent skip.
export default async function setup() {
  const problems: string[] = [];
  if (!fs.existsSync(path.join(BUILD_DIR, "server", "index.js"))) {
    problems.push(`The app is not built (${BUILD_DIR}). Run: npm run build`);
  }
  if (!fs.existsSync(CHROMIUM)) {
    problems.push(
      `Chromium is missing (${CHROMIUM}). Install Debian's browser and a Thai font:\n    apt-get install -y chromium fonts-thai-tlwg-otf`,
    );
  }
  const postgres = await checkPostgres();
  if (postgres) problems.push(postgres);
  if (problems.length) throw new Error(`Test prerequisites missing:\n  - ${problems.join("\n  - ")}`);
}

/** null when the test PostgreSQL server answers, else what to do about it. */
export async function checkPostgres(): Promise<string | null> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
  } catch (error) {
    return (
      `PostgreSQL is not reachable at TEST_DATABASE_URL=${TEST_DATABASE_URL} (${(error as Error).message}).\n` +
      "    Install and start it, then create the test role (it needs CREATEDB):\n" +
      "    apt-get install -y postgresql && pg_ctlcluster 15 main start\n" +
      '    su postgres -c "psql -c \\"create role ita login password \'ita\' createdb\\""\n' +
      "    su postgres -c \"psql -c 'create database ita_test owner ita'\"\n" +
      "    su postgres -c \"psql -c 'grant pg_signal_backend to ita'\"\n" +
      "    (.ci/run does all of this.)"
    );
  } finally {
    await client.end().catch(() => {});
  }
  return null;
}
