import crypto from "node:crypto";
import { Migrator, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { computeLeagueRows } from "../../app/services/groups/league.server";
import { createDb, type Db } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { migrations } from "../../db/migrations/index";
import { listRoundScores } from "../../db/repositories/round-scores";
import { createTestDatabase, FLAVOURS, type TestDatabase } from "../support/databases";
import { createAgency, createRound } from "../support/factories";

// Migration 20261205_0017_round_score_columns (decision 0018): the league's kept scores move from one JSON text
// into columns; rows kept before it are carried over at the version they were kept at, so a current row stays
// current (no national re-scoring after the upgrade), and a row whose JSON cannot be read is scored again.

describe.each(FLAVOURS)("the kept round score columns migration on %s", (flavour) => {
  let database: TestDatabase | undefined;
  let db: Db | undefined;
  afterEach(async () => {
    await db?.destroy();
    await database?.drop();
  });

  /** The JSON that migration 0016's league kept for a round (figures chosen so that re-scoring would differ). */
  const keptJson = JSON.stringify({
    framework: "ita-2565",
    scores: { 6: 91.234, 7: 88.5, 8: 90, 9: 100, 10: 62.5 },
    iitState: "released",
    oitAnswered: 40,
    responseCounts: { iit: 12, eit: 34 },
    lines: { strength: 70, target: 85 },
    figures: {
      indicators: { 1: 80.5, 2: 81, 3: 82.25, 4: 83, 5: 84, 6: 91.23, 7: 88.5, 8: 90, 9: 100, 10: 62.5 },
      total: 84.12,
      rating: { label: "B", labelEn: "B", passes: false },
      meetsTarget: false,
      weakest: { indicator: 10, score: 62.5 },
    },
  });

  it("carries kept rows over into columns at their version, so the league reads them without scoring again, leaves unreadable ones to be scored, and indexes the IIT sheets with a comment", async () => {
    database = await createTestDatabase(flavour);
    db = createDb(database.url, { poolSize: 2 });
    const before = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await before.migrateTo("20261205_0016_round_scores")).error).toBeUndefined();

    const now = new Date().toISOString();
    const country = crypto.randomUUID();
    await db
      .insertInto("agency_groups")
      .values({ id: country, parent_id: null, name_th: "ประเทศ", name_en: null, kind: "country", created_at: now })
      .execute();
    const kept = await createRound(db, (await createAgency(db, { name_th: "ก คงไว้" })).id, { status: "closed" });
    const broken = await createRound(db, (await createAgency(db, { name_th: "ข เสีย" })).id, { status: "open" });
    for (const round of [kept, broken])
      await db.insertInto("agency_group_members").values({ group_id: country, agency_id: round.agency_id }).execute();
    await db
      .insertInto("round_scores")
      .values([
        { round_id: kept.id, version: 3, scored_version: 3, scores: keptJson },
        { round_id: broken.id, version: 2, scored_version: 2, scores: "{not json" },
      ])
      .execute();

    expect(await migrateToLatest(db)).toContain("20261205_0017_round_score_columns");
    const rows = await listRoundScores(db, [kept.id, broken.id]);
    expect(rows.get(kept.id)).toEqual({
      version: 3,
      scoredVersion: 3,
      kept: {
        framework: "ita-2565",
        strength_line: 70,
        target_line: 85,
        iit_count: 12,
        eit_count: 34,
        iit_state: "released",
        oit_answered: 40,
        indicators: '{"1":80.5,"2":81,"3":82.25,"4":83,"5":84,"6":91.23,"7":88.5,"8":90,"9":100,"10":62.5}',
        total: 84.12,
        rating_label: "B",
        rating_label_en: "B",
        rating_passes: 0,
        meets_target: 0,
        weakest_indicator: 10,
        weakest_score: 62.5,
      },
    });
    expect(rows.get(broken.id)).toEqual({ version: 2, scoredVersion: 2, kept: null });
    const json = await db.selectFrom("round_scores").select("scores").execute();
    expect(json.map((r) => r.scores)).toEqual([null, null]);

    // The league shows the carried-over figures (the round has no answers: scoring it again would give none)
    // and scores the unreadable row from its counts.
    const league = await computeLeagueRows(db, country, 2569);
    expect(league.map((r) => r.nameTh)).toEqual(["ก คงไว้", "ข เสีย"]);
    expect(league[0]).toMatchObject({
      total: 84.12,
      position: 1,
      iitState: "released",
      responseCounts: { iit: 12, eit: 34 },
      oit: { answered: 40, total: 43 },
      rating: { label: "B", labelEn: "B", passes: false },
      meetsTarget: false,
      weakest: { indicator: 10, score: 62.5 },
    });
    expect(league[0]!.indicators).toEqual({
      1: 80.5,
      2: 81,
      3: 82.25,
      4: 83,
      5: 84,
      6: 91.23,
      7: 88.5,
      8: 90,
      9: 100,
      10: 62.5,
    });
    expect(league[1]).toMatchObject({ total: null, iitState: "pending", notStarted: "no-answers", indicators: {} });
    expect((await listRoundScores(db, [broken.id])).get(broken.id)!.kept).toMatchObject({ framework: "ita-2565" });

    // The results page's comment sheets have their own partial index.
    const defined =
      flavour === "postgres"
        ? await sql<{
            def: string;
          }>`select indexdef as def from pg_indexes where indexname = 'iit_responses_comment_idx'`.execute(db)
        : await sql<{
            def: string;
          }>`select sql as def from sqlite_master where name = 'iit_responses_comment_idx'`.execute(db);
    expect(defined.rows).toHaveLength(1);
    expect(defined.rows[0]!.def).toContain('"comment":');
  });
});
