import crypto from "node:crypto";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { hashCode, insertIitCodes } from "../../db/repositories/round-access";
import { useTestApp } from "../support/app";
import { randomAnswers, readFramework } from "../support/answers";
import { FLAVOURS } from "../support/databases";
import { createAgencyWithRound, type RoundFixture } from "../support/factories";

const fw = readFramework();
// What someone with the whole database must not find beside an IIT answer or a used code.
const IDENTIFYING =
  /ip|addr|agent|channel|time|date|day|_at$|created|updated|user|session|seq|order|serial|email|name/i;
const IIT_TABLES = {
  iit_responses: ["answers", "framework", "id", "round_id", "submission_id"],
  iit_code_use: ["round_id", "used_count", "used_hashes"],
  iit_codes: ["code_hash", "round_id"],
};

async function columns(db: Db, flavour: string, table: string): Promise<{ name: string; default: unknown }[]> {
  if (flavour === "sqlite") {
    const rows = await sql<{
      name: string;
      dflt_value: unknown;
    }>`select name, dflt_value from pragma_table_info(${table})`.execute(db);
    return rows.rows.map((r) => ({ name: r.name, default: r.dflt_value }));
  }
  const rows = await sql<{ column_name: string; column_default: unknown }>`
    select column_name, column_default from information_schema.columns where table_name = ${table}`.execute(db);
  return rows.rows.map((r) => ({ name: r.column_name, default: r.column_default }));
}

describe.each(FLAVOURS)("IIT anonymity on %s", (flavour) => {
  let round: RoundFixture;
  let codes: string[];
  const { server, db } = useTestApp({
    flavour,
    seed: async (db) => {
      round = await createAgencyWithRound(db, { round: { iit_access: "codes", pin: null } });
      codes = await insertIitCodes(db, round.roundId, 12);
    },
  });

  it("keeps no identifying column, default or sequence in the IIT tables", async () => {
    for (const [table, expected] of Object.entries(IIT_TABLES)) {
      const cols = await columns(db, flavour, table);
      expect(cols.map((c) => c.name).sort(), table).toEqual(expected);
      for (const c of cols) {
        if (table !== "iit_codes") expect(c.name, `${table}.${c.name}`).not.toMatch(/code(?!_hash)|hash(?!es)/);
        expect(c.name, `${table}.${c.name}`).not.toMatch(IDENTIFYING);
        expect(c.default ?? null, `${table}.${c.name} default`).toBeNull();
      }
    }
    if (flavour === "sqlite") {
      // WITHOUT ROWID: there is no hidden insertion counter to read.
      for (const table of Object.keys(IIT_TABLES)) {
        await expect(sql.raw(`select rowid from ${table}`).execute(db)).rejects.toThrow(/rowid/);
      }
    }
  });

  it("leaves no order in which codes were used that could be lined up with the responses", async () => {
    // Use the codes in an order that is certainly not their sorted order.
    const order = [...codes].sort((a, b) => (hashCode(a) < hashCode(b) ? 1 : -1));
    const ids: string[] = [];
    for (const code of order) {
      const res = await fetch(`${server.url}/api/responses`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          round: round.slug,
          instrument: "iit",
          answers: randomAnswers(fw, "IIT"),
          submissionId: crypto.randomUUID(),
          accessCode: code,
        }),
      });
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { id: string }).id);
    }

    // Used codes: one row per round, a sorted set, in natural (and on PostgreSQL, physical) order.
    const useRows = await sql<{ round_id: string; used_hashes: string }>`select * from iit_code_use`.execute(db);
    expect(useRows.rows).toHaveLength(1);
    const used = JSON.parse(useRows.rows[0]!.used_hashes) as string[];
    const usedInOrder = order.map(hashCode);
    expect(used).toEqual([...usedInOrder].sort());
    expect(used).not.toEqual(usedInOrder);
    // The code list itself was written once, when the codes were made, not when they were used.
    const codeRows = await sql<{ code_hash: string }>`select * from iit_codes`.execute(db);
    expect(codeRows.rows.map((r) => r.code_hash).sort()).toEqual([...usedInOrder].sort());

    const natural = (await sql<{ id: string }>`select * from iit_responses`.execute(db)).rows.map((r) => r.id);
    expect([...natural].sort()).toEqual([...ids].sort());
    if (flavour === "sqlite") {
      // Rows sit in random-id order, not in the order they were submitted.
      expect(natural).toEqual([...ids].sort());
      expect(natural).not.toEqual(ids);
    } else {
      // PostgreSQL: the used-code row carries only the xmin of the last transaction that wrote it,
      // and its one ctid; the codes' rows carry the xmin of the transaction that created them.
      const use = await sql<{ ctid: string; xmin: string }>`select ctid::text, xmin::text from iit_code_use`.execute(
        db,
      );
      expect(use.rows).toHaveLength(1);
      const codeTx = await sql<{ xmin: string }>`select distinct xmin::text from iit_codes`.execute(db);
      expect(codeTx.rows).toHaveLength(1);
      const responseTx = await sql<{ xmin: string }>`select xmin::text from iit_responses`.execute(db);
      expect(responseTx.rows.map((r) => r.xmin)).not.toContain(codeTx.rows[0]!.xmin);
      const sharing = responseTx.rows.filter((r) => r.xmin === use.rows[0]!.xmin);
      expect(sharing.length).toBeLessThanOrEqual(1);
    }
  });
});
