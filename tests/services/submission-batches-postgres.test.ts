import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { storeSubmissions, type Submission } from "../../db/repositories/responses";
import { createAgencyWithRound } from "../support/factories";
import { useServiceDb } from "../support/service-db";

// Several app processes on one PostgreSQL database write their batches at the same time, and every batch
// upserts the same tally and count rows (docs/decisions/0012-postgresql-several-processes.md).
describe("submission batches written at the same time on PostgreSQL", () => {
  const service = useServiceDb("postgres");

  it("stores 40 concurrent batches whose answers name 30 items in opposite orders, without a deadlock", async () => {
    const { db } = service;
    const round = await createAgencyWithRound(db);
    const items = Array.from({ length: 30 }, (_, i) => `q${String(i + 1).padStart(2, "0")}`);
    const batch = (reversed: boolean): Submission[] =>
      Array.from({ length: 5 }, () => {
        const order = reversed ? [...items].reverse() : items;
        return {
          roundId: round.roundId,
          framework: "ita-2565",
          instrument: "eit",
          submissionId: crypto.randomUUID(),
          answers: {},
          tallies: order.map((item) => ({ item, sub: 0, level: 1 })),
          channel: null,
          respondentType: "citizen",
          day: "2026-12-05",
        };
      });
    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, i) => storeSubmissions(db, batch(i % 2 === 1))));
    expect(outcomes.flat().filter((o) => o.status !== "created")).toEqual([]);
    const tallies = await db
      .selectFrom("tallies")
      .select(["item", "count"])
      .where("round_id", "=", round.roundId)
      .orderBy("item")
      .execute();
    expect(tallies).toEqual(items.map((item) => ({ item, count: 200 })));
    const counts = await db
      .selectFrom("response_counts")
      .select("count")
      .where("round_id", "=", round.roundId)
      .execute();
    expect(counts).toEqual([{ count: 200 }]);
  });
});
