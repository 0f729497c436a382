import { CompiledQuery, type Compilable, type Kysely } from "kysely";
import { dbKind } from "../client";
import { cleanNul } from "../postgres-text";

// SQL text of multi-row writes by database kind, statement name and row count.
const compiled = new Map<string, string>();
const MAX_CACHED = 2000;

/**
 * Runs a multi-row INSERT built by Kysely, compiling it only once per statement name and row count:
 * later calls with the same count send the cached SQL text with the new rows' values. Building and
 * compiling a 200-row insert through Kysely's immutable query tree cost more CPU on the submission
 * path than SQLite's own work on it (docs/decisions/0003-submission-speed.md).
 *
 * `build` must make a query whose parameters are exactly the rows' `columns`, row after row; the first
 * compile is checked against that, and a query that does not match is simply run uncached each time.
 */
export async function insertRows<Row extends Record<string, unknown>, Result = Record<string, unknown>>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- `build` names its own table and columns
  tx: Kysely<any>,
  name: string,
  columns: readonly (keyof Row & string)[],
  rows: readonly Row[],
  build: (rows: readonly Row[]) => Compilable<Result>,
): Promise<Result[]> {
  const kind = dbKind(tx);
  const key = `${kind}\0${name}\0${rows.length}`;
  const parameters: unknown[] = [];
  for (const row of rows) for (const column of columns) parameters.push(row[column]);
  let text = compiled.get(key);
  if (text === undefined) {
    const query = build(rows).compile();
    const reusable =
      query.parameters.length === parameters.length && query.parameters.every((p, i) => p === parameters[i]);
    if (!reusable) return (await tx.executeQuery(query)).rows;
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(key, (text = query.sql));
  }
  // The PostgreSQL handle's NUL plugin works on query trees, which a cached query skips: same rule here.
  const values = kind === "postgres" ? parameters.map(cleanNul) : parameters;
  return (await tx.executeQuery(CompiledQuery.raw(text, values))).rows as Result[];
}
