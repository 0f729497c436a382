import { sql, type Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import { insertRows } from "../../db/repositories/insert-rows";
import { useTestApp } from "../support/app";
import { FLAVOURS } from "../support/databases";

type Row = { key: string; label: string; n: number };
const COLUMNS = ["key", "label", "n"] as const;

describe.each(FLAVOURS)("insertRows on %s", (flavour) => {
  // A bare database with one scratch table: no migrations, no server.
  const app = useTestApp({
    flavour,
    migrate: false,
    servers: 0,
    seed: (db) => sql`create table scratch (key text primary key, label text not null, n integer not null)`.execute(db),
  });
  const db = app.db as Kysely<any>;

  const upsert = (rows: Row[]) =>
    insertRows(db, "scratch-test", COLUMNS, rows, (values) =>
      db
        .insertInto("scratch")
        .values(values)
        .onConflict((oc) => oc.column("key").doUpdateSet({ n: sql`scratch.n + excluded.n` }))
        .returning(["key", "n"]),
    );

  it("stores each call's own values when the same row count reuses the compiled statement", async () => {
    expect(
      await upsert([
        { key: "a", label: "one", n: 1 },
        { key: "b", label: "two", n: 2 },
      ]),
    ).toEqual([
      { key: "a", n: 1 },
      { key: "b", n: 2 },
    ]);
    expect(
      await upsert([
        { key: "c", label: "three", n: 3 },
        { key: "a", label: "ignored", n: 10 },
      ]),
    ).toEqual([
      { key: "c", n: 3 },
      { key: "a", n: 11 },
    ]);
    expect(await upsert([{ key: "d", label: "four", n: 4 }])).toEqual([{ key: "d", n: 4 }]);
    const rows = await db.selectFrom("scratch").select(["key", "label", "n"]).orderBy("key").execute();
    expect(rows).toEqual([
      { key: "a", label: "one", n: 11 },
      { key: "b", label: "two", n: 2 },
      { key: "c", label: "three", n: 3 },
      { key: "d", label: "four", n: 4 },
    ]);
  });

  it("sends a NUL in a reused statement's text the way the database handle does for built queries", async () => {
    await upsert([
      { key: "e", label: "warm", n: 1 },
      { key: "f", label: "up", n: 1 },
    ]);
    await upsert([
      { key: "g", label: "x\u0000y", n: 1 },
      { key: "h", label: "z", n: 1 },
    ]);
    const stored = await db.selectFrom("scratch").select("label").where("key", "=", "g").executeTakeFirstOrThrow();
    expect(stored.label).toBe(flavour === "postgres" ? "x\uFFFDy" : "x\u0000y");
  });
});
