import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { TEST_DATABASE_URL } from "./env";

export type DbFlavour = "sqlite" | "postgres";
export const FLAVOURS: DbFlavour[] = ["sqlite", "postgres"];

export interface TestDatabase {
  flavour: DbFlavour;
  url: string;
  drop(): Promise<void>;
}

/** A throw-away database: a SQLite file in a temp folder, or a fresh PostgreSQL database. */
export async function createTestDatabase(flavour: DbFlavour): Promise<TestDatabase> {
  if (flavour === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ita-test-"));
    const url = path.join(dir, "ita.sqlite");
    return { flavour, url, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `ita_t_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    flavour,
    url: url.toString(),
    drop: async () => {
      // An autovacuum worker may still be connected; terminating it needs pg_signal_backend (granted by
      // .ci/run), and it leaves soon anyway: retry briefly, and never fail a test over clean-up.
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      try {
        for (let attempt = 1; ; attempt++) {
          try {
            await c.query(`drop database if exists ${name} with (force)`);
            return;
          } catch (error) {
            if (attempt >= 10) {
              console.warn(`could not drop test database ${name}: ${(error as Error).message}`);
              return;
            }
            await new Promise((r) => setTimeout(r, 300));
          }
        }
      } finally {
        await c.end();
      }
    },
  };
}
