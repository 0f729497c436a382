import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashCode } from "../../db/repositories/round-access";
import { admin as adminProgram } from "../../scripts/admin/program";
import { useTestApp } from "../support/app";
import { randomAnswers, readFramework } from "../support/answers";
import { runCliInProcess } from "../support/cli";
import { FLAVOURS } from "../support/databases";
import { createAgencyWithRound, type RoundFixture } from "../support/factories";
import { startServer } from "../support/server";

const fw = readFramework();

/** `npm run --silent admin -- …args` on the given database, run in this process. */
async function admin(databaseUrl: string, ...args: string[]) {
  return runCliInProcess(adminProgram, args, { env: { DATABASE_URL: databaseUrl, TZ: "Asia/Bangkok" } });
}

describe.each(FLAVOURS)("admin CLI for round access (codes, channel, pin) on %s", (flavour) => {
  let round: RoundFixture;
  // No server here: the CLI works on the database alone (the first test starts one to use a code).
  const { database, db } = useTestApp({
    flavour,
    servers: 0,
    seed: async (db) => (round = await createAgencyWithRound(db, { round: { iit_access: "codes", pin: null } })),
  });

  it("prints N new easy-to-type codes, stores only their hashes, and changes nothing else of the round", async () => {
    const before = await db.selectFrom("rounds").selectAll().where("id", "=", round.roundId).executeTakeFirstOrThrow();
    const res = await admin(database.url, "codes", "--round", round.slug, "--count", "25");
    expect(res.code).toBe(0);
    const codes = res.stdout.trim().split("\n");
    expect(codes).toHaveLength(25);
    expect(new Set(codes).size).toBe(25);
    for (const code of codes) expect(code).toMatch(/^[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}$/);
    const stored = await db.selectFrom("iit_codes").select("code_hash").where("round_id", "=", round.roundId).execute();
    expect(stored.map((r) => r.code_hash).sort()).toEqual(codes.map(hashCode).sort());
    expect(JSON.stringify(stored)).not.toContain(codes[0]!.replace("-", ""));
    const after = await db.selectFrom("rounds").selectAll().where("id", "=", round.roundId).executeTakeFirstOrThrow();
    expect(after).toEqual(before);

    // A printed code opens the IIT questionnaire once.
    const server = await startServer({ databaseUrl: database.url });
    try {
      const send = () =>
        fetch(`${server.url}/api/responses`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({
            round: round.slug,
            instrument: "iit",
            answers: randomAnswers(fw, "IIT"),
            submissionId: crypto.randomUUID(),
            accessCode: codes[3],
          }),
        });
      expect((await send()).status).toBe(201);
      expect((await send()).status).toBe(409);
    } finally {
      await server.stop();
    }
  });

  it("creates a channel, then updates its name and kiosk flag under the same key", async () => {
    const made = await admin(
      database.url,
      "channel",
      "--round",
      round.slug,
      "--key",
      "counter-1",
      "--name",
      "เคาน์เตอร์ 1",
      "--kiosk",
    );
    expect(made.code).toBe(0);
    expect(made.stdout).toContain("created channel counter-1");
    const updated = await admin(
      database.url,
      "channel",
      "--round",
      round.slug,
      "--key",
      "counter-1",
      "--name",
      "จุดบริการชั้น 1",
    );
    expect(updated.stdout).toContain("updated channel counter-1");
    const rows = await db
      .selectFrom("eit_channels")
      .select(["key", "name", "kiosk"])
      .where("round_id", "=", round.roundId)
      .execute();
    expect(rows).toEqual([{ key: "counter-1", name: "จุดบริการชั้น 1", kiosk: 0 }]);
    const bad = await admin(database.url, "channel", "--round", round.slug, "--key", "Counter 1", "--name", "x");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--key");
  });

  it("sets and prints the round PIN, refusing a PIN that is not 4–12 digits and an unknown round", async () => {
    expect((await admin(database.url, "pin", "--round", round.slug, "--set", "8642")).stdout.trim()).toBe("8642");
    expect((await admin(database.url, "pin", "--round", round.slug)).stdout.trim()).toBe("8642");
    const stored = await db
      .selectFrom("rounds")
      .select("pin")
      .where("id", "=", round.roundId)
      .executeTakeFirstOrThrow();
    expect(stored.pin).toBe("8642");
    const bad = await admin(database.url, "pin", "--round", round.slug, "--set", "12a");
    expect(bad.code).toBe(1);
    const unknown = await admin(database.url, "pin", "--round", "no-such-round");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no round "no-such-round"');
  });
});
