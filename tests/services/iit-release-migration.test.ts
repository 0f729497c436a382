import crypto from "node:crypto";
import { Migrator } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { migrations } from "../../db/migrations/index";
import { createTestDatabase, FLAVOURS, type TestDatabase } from "../support/databases";
import { createAgency, createRound } from "../support/factories";

// Migration 20261205_0009_iit_release: the stepwise snapshot goes; rounds closed before it keep their IIT
// figures (released from their live tallies when they held at least 5 IIT responses), open rounds release at
// their close.

describe.each(FLAVOURS)("the IIT release migration on %s", (flavour) => {
  let database: TestDatabase | undefined;
  let db: Db | undefined;
  afterEach(async () => {
    await db?.destroy();
    await database?.drop();
  });

  async function counted(db: Db, roundId: string, iit: number) {
    await db
      .insertInto("response_counts")
      .values({ round_id: roundId, instrument: "iit", channel: "", count: iit })
      .execute();
    await db
      .insertInto("tallies")
      .values({ round_id: roundId, instrument: "iit", channel: "", item: "i2", sub: 0, level: 3, count: iit })
      .execute();
  }

  it("releases rounds closed before it with at least 5 IIT responses, withholds closed ones with fewer, leaves open ones to their close, and drops iit_published", async () => {
    database = await createTestDatabase(flavour);
    db = createDb(database.url, { poolSize: 2 });
    const before = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const { error } = await before.migrateTo("20261205_0009_iit_seal");
    expect(error).toBeUndefined();
    const agency = await createAgency(db);
    const closed = await createRound(db, agency.id, { status: "closed" });
    const fewer = await createRound(db, agency.id, { status: "closed", slug: `r${crypto.randomUUID().slice(0, 8)}` });
    const open = await createRound(db, agency.id, { status: "open", slug: `r${crypto.randomUUID().slice(0, 8)}` });
    await counted(db, closed.id, 7);
    await counted(db, fewer.id, 4);
    await counted(db, open.id, 9);

    expect(await migrateToLatest(db)).toContain("20261205_0010_iit_release");
    const releases = await db.selectFrom("iit_releases").select(["round_id", "count", "released"]).execute();
    expect(
      releases
        .map((r) => ({ round: r.round_id, count: Number(r.count), released: Number(r.released) }))
        .sort((a, b) => b.count - a.count),
    ).toEqual([
      { round: closed.id, count: 7, released: 1 },
      { round: fewer.id, count: 4, released: 0 },
    ]);
    const tallies = await db.selectFrom("iit_release_tallies").selectAll().execute();
    expect(tallies.map((t) => [t.round_id, t.item, Number(t.level), Number(t.count)])).toEqual([
      [closed.id, "i2", 3, 7],
    ]);
    const tables = (await db.introspection.getTables()).map((t) => t.name);
    expect(tables).not.toContain("iit_published");
    expect(tables).not.toContain("iit_published_tallies");
    expect(tables).toEqual(expect.arrayContaining(["iit_releases", "iit_release_tallies", "iit_access_counts"]));
  });
});
