// Writes a national plan (plan.ts) into a migrated database, straight into the tables the app keeps: agencies,
// rounds, answer sheets (iit_responses, eit_responses), the tallies and counts the write path would have kept,
// the IIT release and seal of closed rounds, and the OIT checklist. Not through HTTP: bulk batches, one
// transaction per batch of agencies (PostgreSQL: one INSERT … SELECT FROM unnest($1::text[], …) per table and
// batch, COPY-like; SQLite: prepared statements in the transaction).
import crypto from "node:crypto";
import type SQLite from "better-sqlite3";
import type pg from "pg";
import { pointsFor, type Framework, type SurveyInstrument } from "../../app/ita";
import type { Plan, PlannedAgency } from "./plan";
import { seededRandom } from "./plan";

type ColumnType = "text" | "int";
export type Columns = readonly (readonly [name: string, type: ColumnType])[];

export interface Writer {
  begin(): Promise<void>;
  commit(): Promise<void>;
  insert(table: string, columns: Columns, rows: unknown[][]): Promise<void>;
}

/** The big tables of the seed: their indexes and constraints are built after the load (bulkLoadPostgres). */
export const BULK_TABLES = ["iit_responses", "eit_responses", "tallies", "iit_release_tallies", "oit_answers"];

/**
 * PostgreSQL's advice for populating a database ("Populating a Database" in its manual): drop the big tables'
 * indexes and constraints (and foreign keys that point at them), load, then build them again in one pass each.
 * The definitions are read from the catalog and restored exactly, under their own names. Returns the restore.
 */
export async function bulkLoadPostgres(client: pg.Client, tables: readonly string[]): Promise<() => Promise<void>> {
  const constraints = await client.query<{ name: string; tbl: string; def: string; type: string }>(
    `select c.conname as name, t.relname as tbl, pg_get_constraintdef(c.oid) as def, c.contype as type
       from pg_constraint c join pg_class t on t.oid = c.conrelid left join pg_class r on r.oid = c.confrelid
      where c.contype in ('p', 'u', 'f') and (t.relname = any($1) or r.relname = any($1))
        and t.relnamespace = 'public'::regnamespace`,
    [tables],
  );
  const indexes = await client.query<{ name: string; def: string }>(
    `select indexname as name, indexdef as def from pg_indexes
      where schemaname = 'public' and tablename = any($1)
        and indexname not in (select conname from pg_constraint where contype in ('p', 'u'))`,
    [tables],
  );
  const foreign = constraints.rows.filter((c) => c.type === "f");
  const keys = constraints.rows.filter((c) => c.type !== "f");
  for (const c of foreign) await client.query(`alter table ${c.tbl} drop constraint ${c.name}`);
  for (const c of keys) await client.query(`alter table ${c.tbl} drop constraint ${c.name}`);
  for (const i of indexes.rows) await client.query(`drop index ${i.name}`);
  return async () => {
    await client.query("set maintenance_work_mem = '256MB'");
    for (const c of keys) await client.query(`alter table ${c.tbl} add constraint ${c.name} ${c.def}`);
    for (const i of indexes.rows) await client.query(i.def);
    for (const c of foreign) await client.query(`alter table ${c.tbl} add constraint ${c.name} ${c.def}`);
  };
}

export function postgresWriter(client: pg.Client): Writer {
  // Multi-row INSERT … VALUES with parameters (text arrays through unnest() were 20 × slower: PostgreSQL parses
  // an array literal of JSON texts slowly); statements by row count are built once.
  const texts = new Map<string, string>();
  return {
    begin: async () => void (await client.query("begin")),
    commit: async () => void (await client.query("commit")),
    async insert(table, columns, rows) {
      const perStatement = Math.min(2000, Math.floor(60_000 / columns.length));
      for (let start = 0; start < rows.length; start += perStatement) {
        const chunk = rows.slice(start, start + perStatement);
        const key = `${table}:${chunk.length}`;
        let text = texts.get(key);
        if (!text) {
          const tuple = (r: number) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(", ")})`;
          text = `insert into ${table} (${columns.map(([n]) => n).join(", ")}) values ${chunk.map((_, r) => tuple(r)).join(", ")}`;
          texts.set(key, text);
        }
        await client.query(text, chunk.flat());
      }
    },
  };
}

export function sqliteWriter(database: SQLite.Database): Writer {
  const statements = new Map<string, SQLite.Statement>();
  return {
    begin: async () => void database.exec("begin immediate"),
    commit: async () => void database.exec("commit"),
    async insert(table, columns, rows) {
      const key = `${table}(${columns.map(([n]) => n).join(",")})`;
      let statement = statements.get(key);
      if (!statement) {
        statement = database.prepare(
          `insert into ${table} (${columns.map(([n]) => n).join(", ")}) values (${columns.map(() => "?").join(", ")})`,
        );
        statements.set(key, statement);
      }
      for (const row of rows) statement.run(row);
    },
  };
}

/** One scored part of a question (a sub-item, or the question itself) and its levels from best to worst. */
type Part = { item: string; sub: number; key: string | null; best: number[]; levels: number };

function partsOf(fw: Framework, instrument: SurveyInstrument): Part[] {
  const parts: Part[] = [];
  for (const item of fw.items[instrument]) {
    const levels = fw.scales[item.scale]!.choices.length;
    const subs = item.subItems ? item.subItems.map((_, i) => i + 1) : [0];
    for (const sub of subs) {
      const order = Array.from({ length: levels }, (_, l) => l).sort(
        (a, b) => pointsFor(fw, item, sub, b) - pointsFor(fw, item, sub, a),
      );
      parts.push({ item: item.id, sub, key: sub === 0 ? null : String(sub), best: order, levels });
    }
  }
  return parts;
}

const AGENCY: Columns = [
  ["id", "text"],
  ["name_th", "text"],
  ["name_en", "text"],
  ["type", "text"],
  ["size", "text"],
  ["staff_count", "int"],
  ["external_count", "int"],
  ["created_at", "text"],
];
const ROUND: Columns = [
  ["id", "text"],
  ["agency_id", "text"],
  ["slug", "text"],
  ["title", "text"],
  ["fiscal_year", "int"],
  ["framework", "text"],
  ["status", "text"],
  ["opens_on", "text"],
  ["closes_on", "text"],
  ["iit_access", "text"],
  ["pin", "text"],
  ["strength_line", "int"],
  ["target_line", "int"],
  ["min_iit", "int"],
  ["min_eit", "int"],
  ["created_at", "text"],
  ["updated_at", "text"],
];
const IIT: Columns = [
  ["id", "text"],
  ["round_id", "text"],
  ["framework", "text"],
  ["submission_id", "text"],
  ["answers", "text"],
];
const EIT: Columns = [...IIT, ["channel", "text"], ["respondent_type", "text"], ["day", "text"]];
const TALLY: Columns = [
  ["round_id", "text"],
  ["instrument", "text"],
  ["channel", "text"],
  ["item", "text"],
  ["sub", "int"],
  ["level", "int"],
  ["count", "int"],
];
const RELEASE_TALLY: Columns = [
  ["round_id", "text"],
  ["item", "text"],
  ["sub", "int"],
  ["level", "int"],
  ["count", "int"],
];
const COUNT: Columns = [
  ["round_id", "text"],
  ["instrument", "text"],
  ["channel", "text"],
  ["count", "int"],
];
const RELEASE: Columns = [
  ["round_id", "text"],
  ["released_at", "text"],
  ["count", "int"],
  ["released", "int"],
];
const SEAL: Columns = [
  ["round_id", "text"],
  ["sealed_at", "text"],
  ["codes_issued", "int"],
  ["codes_used", "int"],
  ["storage_cleaned", "int"],
];
const ACCESS: Columns = [
  ["round_id", "text"],
  ["kind", "text"],
  ["count", "int"],
];
const OIT: Columns = [
  ["round_id", "text"],
  ["item", "text"],
  ["has", "int"],
  ["urls", "text"],
  ["note", "text"],
  ["responsible", "text"],
  ["updated_by", "text"],
  ["updated_at", "text"],
  ["link_status", "text"],
  ["checked_at", "text"],
];

const DAYS = Array.from({ length: 170 }, (_, i) => new Date(Date.UTC(2026, 0, 5 + i)).toISOString().slice(0, 10));
const COMMENTS = ["ควรปรับปรุงการให้บริการ", "ขอบคุณเจ้าหน้าที่", "อยากให้เปิดเผยข้อมูลมากขึ้น", "ดีแล้ว"];

export type SeedCounts = { agencies: number; iit: number; eit: number; rows: number };

/** Supervisor accounts the measurements act as: one for the country, one per province. */
export const supervisorOf = (groupId: string) => `sup-${groupId}`;

/**
 * The groups (migration 0013): the country, its central agencies' group, the 77 provinces and their districts;
 * local agencies are members of their district, provincial ones of their province; a supervisor per province
 * and one for the country.
 */
export async function seedGroups(writer: Writer, plan: Plan): Promise<number> {
  const now = "2026-07-01T00:00:00.000Z";
  const groups: unknown[][] = [
    [plan.countryId, null, "ประเทศไทย (ทดสอบ)", "Thailand (test)", "country", now],
    [plan.centralId, plan.countryId, "ส่วนกลาง (ทดสอบ)", "Central government (test)", "other", now],
  ];
  const members: unknown[][] = [];
  const supervisors = [plan.countryId];
  for (const p of plan.provinces) {
    groups.push([p.id, plan.countryId, p.nameTh, null, "province", now]);
    supervisors.push(p.id);
    for (const d of p.districts) groups.push([d.id, p.id, d.nameTh, null, "district", now]);
  }
  for (const a of plan.agencies) {
    const group =
      a.province === -1
        ? plan.centralId
        : a.district === -1
          ? plan.provinces[a.province]!.id
          : plan.provinces[a.province]!.districts[a.district]!.id;
    members.push([group, a.id]);
  }
  const users = supervisors.map((g) => [
    supervisorOf(g),
    `${supervisorOf(g)}@bench.example`,
    null,
    null,
    "supervisor",
    null,
    now,
  ]);
  await writer.begin();
  await writer.insert("agency_groups", GROUP, groups);
  await writer.insert("agency_group_members", MEMBER, members);
  await writer.insert("users", USER, users);
  await writer.insert(
    "group_supervisors",
    SUPERVISOR,
    supervisors.map((g) => [supervisorOf(g), g]),
  );
  await writer.commit();
  return groups.length;
}

const GROUP: Columns = [
  ["id", "text"],
  ["parent_id", "text"],
  ["name_th", "text"],
  ["name_en", "text"],
  ["kind", "text"],
  ["created_at", "text"],
];
const MEMBER: Columns = [
  ["group_id", "text"],
  ["agency_id", "text"],
];
const USER: Columns = [
  ["id", "text"],
  ["email", "text"],
  ["name", "text"],
  ["password_hash", "text"],
  ["role", "text"],
  ["agency_id", "text"],
  ["created_at", "text"],
];
const SUPERVISOR: Columns = [
  ["user_id", "text"],
  ["group_id", "text"],
];

/** Seeds the plan; `onBatch` is told after each committed batch. */
export async function seedPlan(
  writer: Writer,
  fw: Framework,
  plan: Plan,
  options: { batch?: number; onBatch?: (done: number, counts: SeedCounts) => void } = {},
): Promise<SeedCounts> {
  const parts = { IIT: partsOf(fw, "IIT"), EIT: partsOf(fw, "EIT") };
  const now = "2026-07-01T00:00:00.000Z";
  const counts: SeedCounts = { agencies: 0, iit: 0, eit: 0, rows: 0 };
  const batch = options.batch ?? 40;
  const put = async (table: string, columns: Columns, rows: unknown[][]) => {
    if (rows.length === 0) return;
    await writer.insert(table, columns, rows);
    counts.rows += rows.length;
  };

  // The next batch is generated while the database stores the previous one (PostgreSQL works in its own process).
  const generate = (start: number) => {
    const group = plan.agencies.slice(start, start + batch);
    const rows: Record<string, unknown[][]> = {
      agencies: [],
      rounds: [],
      iit_responses: [],
      eit_responses: [],
      tallies: [],
      response_counts: [],
      iit_releases: [],
      iit_release_tallies: [],
      iit_seals: [],
      iit_access_counts: [],
      oit_answers: [],
    };
    for (const a of group) generateAgency(fw, parts, a, now, rows);
    return { group, rows };
  };
  const write = async ({ group, rows }: ReturnType<typeof generate>) => {
    await writer.begin();
    await put("agencies", AGENCY, rows.agencies!);
    await put("rounds", ROUND, rows.rounds!);
    await put("iit_responses", IIT, rows.iit_responses!);
    await put("eit_responses", EIT, rows.eit_responses!);
    await put("tallies", TALLY, rows.tallies!);
    await put("response_counts", COUNT, rows.response_counts!);
    await put("iit_releases", RELEASE, rows.iit_releases!);
    await put("iit_release_tallies", RELEASE_TALLY, rows.iit_release_tallies!);
    await put("iit_seals", SEAL, rows.iit_seals!);
    await put("iit_access_counts", ACCESS, rows.iit_access_counts!);
    await put("oit_answers", OIT, rows.oit_answers!);
    await writer.commit();
    counts.agencies += group.length;
    counts.iit += group.reduce((n, a) => n + a.iit, 0);
    counts.eit += group.reduce((n, a) => n + a.eit, 0);
    options.onBatch?.(counts.agencies, counts);
  };
  let pending: Promise<void> = Promise.resolve();
  for (let start = 0; start < plan.agencies.length; start += batch) {
    const next = generate(start);
    await pending;
    pending = write(next);
  }
  await pending;
  return counts;
}

function generateAgency(
  fw: Framework,
  parts: Record<SurveyInstrument, Part[]>,
  a: PlannedAgency,
  now: string,
  rows: Record<string, unknown[][]>,
) {
  const random = seededRandom(a.index * 7919 + 17);
  rows.agencies!.push([a.id, a.nameTh, null, a.type, a.size, a.staff, a.external, now]);
  const status = a.state === "draft" ? "draft" : a.state === "open" ? "open" : "closed";
  rows.rounds!.push([
    a.roundId,
    a.id,
    `n${a.index + 1}`,
    null,
    2569,
    fw.id,
    status,
    a.state === "draft" ? null : "2026-01-05",
    "2026-06-30",
    "pin",
    String(100000 + a.index),
    70,
    85,
    a.minIit,
    a.minEit,
    now,
    now,
  ]);

  // Answer sheets: the agency's best answer with probability `quality`, else the next best more often than
  // the rest; a yes/no part is "good" half the time it is not "best". Each respondent takes one of a pool of
  // sheets drawn so for the agency (generating 1.3M sheets one by one cost more than storing them); the tallies
  // count exactly the sheets stored.
  const POOL = 64;
  const sheet = (instrument: SurveyInstrument) => {
    const answers: Record<string, unknown> = {};
    const list = parts[instrument];
    const levels = new Uint8Array(list.length);
    for (let p = 0; p < list.length; p++) {
      const part = list[p]!;
      const r = random();
      let rank: number;
      if (r < a.quality) rank = 0;
      else if (part.levels === 2) rank = random() < 0.5 ? 0 : 1;
      else if (random() < 0.6) rank = 1;
      else rank = 2 + Math.floor(random() * (part.levels - 2));
      const level = part.best[rank]!;
      levels[p] = level;
      if (part.key === null) answers[part.item] = level;
      else ((answers[part.item] ??= {}) as Record<string, number>)[part.key] = level;
    }
    return { answers, levels };
  };
  const pool = (instrument: SurveyInstrument) =>
    Array.from({ length: POOL }, (_, n) => {
      const { answers, levels } = sheet(instrument);
      if (instrument === "IIT" && n % 16 === 0) answers.comment = COMMENTS[(n / 16) % COMMENTS.length];
      if (instrument === "EIT") answers.respondent_type = fw.respondentTypes[n % fw.respondentTypes.length]!.id;
      return { json: JSON.stringify(answers), levels, type: answers.respondent_type as string | undefined };
    });
  const count = (tally: Int32Array, levels: Uint8Array) => {
    for (let p = 0; p < levels.length; p++) tally[p * 4 + levels[p]!] = tally[p * 4 + levels[p]!]! + 1;
  };
  const tallyRows = (instrument: SurveyInstrument, tally: Int32Array) => {
    const out: [string, number, number, number][] = [];
    parts[instrument].forEach((part, p) => {
      for (let level = 0; level < part.levels; level++) {
        const n = tally[p * 4 + level]!;
        if (n) out.push([part.item, part.sub, level, n]);
      }
    });
    return out;
  };

  if (a.iit > 0) {
    const tally = new Int32Array(parts.IIT.length * 4);
    const sheets = pool("IIT");
    for (let n = 0; n < a.iit; n++) {
      const s = sheets[Math.floor(random() * POOL)]!;
      count(tally, s.levels);
      rows.iit_responses!.push([crypto.randomUUID(), a.roundId, fw.id, crypto.randomUUID(), s.json]);
    }
    const iitTallies = tallyRows("IIT", tally);
    for (const [item, sub, level, n] of iitTallies) rows.tallies!.push([a.roundId, "iit", "", item, sub, level, n]);
    rows.response_counts!.push([a.roundId, "iit", "", a.iit]);
    rows.iit_access_counts!.push([a.roundId, "pin", a.iit]);
    if (a.state === "closed-released")
      for (const [item, sub, level, n] of iitTallies) rows.iit_release_tallies!.push([a.roundId, item, sub, level, n]);
  }
  if (a.state === "closed-released" || a.state === "closed-withheld") {
    rows.iit_releases!.push([a.roundId, "2026-06-30T10:00:00.000Z", a.iit, a.state === "closed-released" ? 1 : 0]);
    rows.iit_seals!.push([a.roundId, "2026-06-30T10:00:00.000Z", 0, 0, 1]);
  }
  if (a.eit > 0) {
    const tally = new Int32Array(parts.EIT.length * 4);
    const sheets = pool("EIT");
    for (let n = 0; n < a.eit; n++) {
      const s = sheets[Math.floor(random() * POOL)]!;
      count(tally, s.levels);
      rows.eit_responses!.push([
        crypto.randomUUID(),
        a.roundId,
        fw.id,
        crypto.randomUUID(),
        s.json,
        null,
        s.type,
        DAYS[Math.floor(random() * DAYS.length)],
      ]);
    }
    for (const [item, sub, level, n] of tallyRows("EIT", tally))
      rows.tallies!.push([a.roundId, "eit", "", item, sub, level, n]);
    rows.response_counts!.push([a.roundId, "eit", "", a.eit]);
  }
  fw.oitItems.slice(0, a.oitAnswered).forEach((item) => {
    const has = random() < a.oitQuality ? 1 : 0;
    const urls = has ? JSON.stringify([`https://www.agency${a.index + 1}.go.th/ita/${item.id}`]) : "[]";
    rows.oit_answers!.push([a.roundId, item.id, has, urls, null, null, null, now, null, null]);
  });
}
