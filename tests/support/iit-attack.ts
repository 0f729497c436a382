import { execFileSync } from "node:child_process";
import fs from "node:fs";

// The attacks of issue 13 on the IIT's storage, as a careful reader of the database files would run them:
// they know who was handed which one-time code (so the codes' sha256 hashes) and nothing else. Each attack
// returns the pairs (code hash → answer sheet) it can claim; the tests compare them with the truth.

/** An answer sheet as stored (`JSON.stringify(answers)`, items i1…): found in any bytes by its shape. */
const SHEET = /\{"i1":(?:[^{}]|\{[^{}]*\})*\}/g;
/** The spent-code list as stored in iit_code_use: a JSON array of quoted sha256 hashes. */
const SPENT_LIST = /\["[0-9a-f]{64}"(?:,"[0-9a-f]{64}")*\]/g;

export const sheetsIn = (text: string): string[] => text.match(SHEET) ?? [];

/** The largest spent-code list in the text (the newest version of the row in one transaction). */
export function spentListIn(text: string): Set<string> {
  let best: string[] = [];
  for (const list of text.match(SPENT_LIST) ?? []) {
    const hashes = JSON.parse(list) as string[];
    if (hashes.length > best.length) best = hashes;
  }
  return new Set(best);
}

/** A claimed link: this code's hash spent in the same transaction that wrote this sheet, and nothing else. */
export type Link = { codeHash: string; sheet: string };

/**
 * The pairing attack on a sequence of transactions (each: the text of the pages or tuples it wrote), in
 * commit order: a transaction that spent exactly one new code and wrote exactly one new sheet pairs them.
 */
export function pairByTransaction(transactions: readonly string[]): Link[] {
  const links: Link[] = [];
  let spent = new Set<string>();
  const seenSheets = new Set<string>();
  for (const text of transactions) {
    const list = spentListIn(text);
    const newCodes = [...list].filter((h) => !spent.has(h));
    const newSheets = [...new Set(sheetsIn(text))].filter((s) => !seenSheets.has(s));
    if (newCodes.length === 1 && newSheets.length === 1) links.push({ codeHash: newCodes[0]!, sheet: newSheets[0]! });
    if (list.size > spent.size) spent = list;
    for (const s of newSheets) seenSheets.add(s);
  }
  return links;
}

/** How many claimed links are true, given each code's true sheet. */
export function countTrue(links: readonly Link[], truth: ReadonlyMap<string, string>): number {
  return links.filter((l) => truth.get(l.codeHash) === l.sheet).length;
}

// ---------------------------------------------------------------------------------------------------------
// SQLite: the -wal file (https://www.sqlite.org/fileformat.html#the_write_ahead_log). A 32-byte header (magic,
// version, page size, checkpoint sequence, two salts, two checksums), then frames: a 24-byte header (page
// number; for the last frame of a transaction, the database size in pages after the commit, else 0; the two
// salts; two checksums) and one page.

export interface WalFrame {
  page: number;
  /** Non-zero on a commit frame: the database size in pages after the commit. */
  commitSize: number;
  salt: string;
  data: Buffer;
}

export function parseWal(bytes: Buffer): { pageSize: number; salt: string; frames: WalFrame[] } {
  if (bytes.length < 32) return { pageSize: 0, salt: "", frames: [] };
  const magic = bytes.readUInt32BE(0);
  if (magic !== 0x377f0682 && magic !== 0x377f0683) throw new Error(`not a WAL file (magic ${magic.toString(16)})`);
  const pageSize = bytes.readUInt32BE(8);
  const salt = bytes.subarray(16, 24).toString("hex");
  const frames: WalFrame[] = [];
  for (let at = 32; at + 24 + pageSize <= bytes.length; at += 24 + pageSize) {
    frames.push({
      page: bytes.readUInt32BE(at),
      commitSize: bytes.readUInt32BE(at + 4),
      salt: bytes.subarray(at + 8, at + 16).toString("hex"),
      data: bytes.subarray(at + 24, at + 24 + pageSize),
    });
  }
  return { pageSize, salt, frames };
}

/** The frames grouped into transactions (each ends with a commit frame), as text, in file order. */
export function walTransactions(bytes: Buffer): string[] {
  const transactions: string[] = [];
  let current: Buffer[] = [];
  for (const frame of parseWal(bytes).frames) {
    current.push(frame.data);
    if (frame.commitSize !== 0) {
      transactions.push(Buffer.concat(current).toString("latin1"));
      current = [];
    }
  }
  return transactions;
}

/** The bytes of a SQLite database's three files (a missing -wal or -shm counts as empty). */
export function readSqliteFiles(file: string): { main: Buffer; wal: Buffer; shm: Buffer } {
  const read = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f) : Buffer.alloc(0));
  return { main: read(file), wal: read(`${file}-wal`), shm: read(`${file}-shm`) };
}

// ---------------------------------------------------------------------------------------------------------
// PostgreSQL: pageinspect. get_raw_page needs a superuser, and the tests' role (`ita`) is not one: the
// queries go to `psql` as the cluster's `postgres` user, through `su postgres` when the tests run as root
// (.ci/run does), or to TEST_PG_SUPERUSER_URL when it is set (a superuser's URL; its database part is
// replaced by the test database's name).

export function superuserPsql(databaseUrl: string, query: string): string[][] {
  const dbName = new URL(databaseUrl).pathname.slice(1);
  const args = ["-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1"];
  const superUrl = process.env.TEST_PG_SUPERUSER_URL;
  let output: string;
  if (superUrl) {
    const url = new URL(superUrl);
    url.pathname = `/${dbName}`;
    output = execFileSync("psql", [...args, url.toString()], { input: query, encoding: "utf8" });
  } else if (process.getuid?.() === 0) {
    const command = `psql ${args.map((a) => `'${a}'`).join(" ")} -d '${dbName}'`;
    output = execFileSync("su", ["postgres", "-c", command], { input: query, encoding: "utf8", cwd: "/" });
  } else {
    throw new Error(
      "pageinspect needs a PostgreSQL superuser: run the tests as root (su postgres) or set TEST_PG_SUPERUSER_URL",
    );
  }
  return output
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => line.split("\t"));
}

export interface HeapTuple {
  relation: string;
  block: number;
  /** 1 normal, 0 unused, 2 redirect, 3 dead. */
  lpFlags: number;
  xmin: string;
  xmax: string;
  /** The tuple's bytes as latin1 text. */
  data: string;
}

/** Every line pointer of every page of `relation` (live, dead and not yet pruned versions alike). */
export function heapTuples(databaseUrl: string, relation: string): HeapTuple[] {
  const rows = superuserPsql(
    databaseUrl,
    `set client_min_messages = warning;
     create extension if not exists pageinspect;
     select b, lp_flags, coalesce(t_xmin::text, ''), coalesce(t_xmax::text, ''), coalesce(encode(t_data, 'hex'), '')
       from generate_series(0, (pg_relation_size('${relation}') / current_setting('block_size')::int)::int - 1) b,
            lateral heap_page_items(get_raw_page('${relation}', b))`,
  );
  return rows.map(([block, lpFlags, xmin, xmax, hex]) => ({
    relation,
    block: Number(block),
    lpFlags: Number(lpFlags),
    xmin: xmin ?? "",
    xmax: xmax ?? "",
    data: Buffer.from(hex ?? "", "hex").toString("latin1"),
  }));
}

/** The raw bytes of every page of a relation and of its indexes and TOAST table, as latin1 text. */
export function rawPagesWithIndexes(databaseUrl: string, table: string): string {
  const rows = superuserPsql(
    databaseUrl,
    `set client_min_messages = warning;
     create extension if not exists pageinspect;
     with rels as (
       select c.oid::regclass::text as rel from pg_class c
        where c.oid = '${table}'::regclass
           or c.oid in (select indexrelid from pg_index where indrelid = '${table}'::regclass)
           or c.oid = (select reltoastrelid from pg_class where oid = '${table}'::regclass)
     )
     select encode(get_raw_page(rel, b), 'hex')
       from rels, lateral generate_series(0, (pg_relation_size(rel) / current_setting('block_size')::int)::int - 1) b`,
  );
  return rows.map(([hex]) => Buffer.from(hex ?? "", "hex").toString("latin1")).join("");
}

/**
 * Attack 2: the versions of the spent-code row in commit order (by the size of their list), each paired
 * with the iit_responses tuples written by the same transaction (the same xmin).
 */
export function pairByXmin(codeUse: readonly HeapTuple[], responses: readonly HeapTuple[]): Link[] {
  const versions = codeUse
    .filter((t) => t.xmin !== "")
    .map((t) => ({ xmin: t.xmin, list: spentListIn(t.data) }))
    .sort((a, b) => a.list.size - b.list.size);
  const links: Link[] = [];
  let before = new Set<string>();
  for (const v of versions) {
    const added = [...v.list].filter((h) => !before.has(h));
    const sheets = responses.filter((r) => r.xmin === v.xmin).flatMap((r) => sheetsIn(r.data));
    if (added.length === 1 && sheets.length === 1) links.push({ codeHash: added[0]!, sheet: sheets[0]! });
    before = v.list;
  }
  return links;
}
