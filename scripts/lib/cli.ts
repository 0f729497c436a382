import { createDb, type Db } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";

/** Parses `--name value` and `--flag` arguments after the subcommand. */
export function parseArgs(argv: string[]): { positional: string[]; options: Record<string, string | true> } {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith("--")) {
      const [key, inline] = arg.slice(2).split("=", 2);
      const next = argv[i + 1];
      if (inline !== undefined) options[key] = inline;
      else if (next !== undefined && !next.startsWith("--")) options[key] = argv[++i];
      else options[key] = true;
    } else positional.push(arg);
  }
  return { positional, options };
}

export class CliError extends Error {}

export function requireOption(options: Record<string, string | true>, name: string): string {
  const value = options[name];
  if (typeof value !== "string" || value === "") throw new CliError(`missing --${name}`);
  return value;
}

/** The database named by DATABASE_URL (default data/ita.sqlite), migrated. */
export async function openCliDb(): Promise<Db> {
  const db = createDb(process.env.DATABASE_URL ?? "data/ita.sqlite", { poolSize: 2 });
  await migrateToLatest(db);
  return db;
}

export type Command = (args: string[]) => Promise<void>;

/** Runs a subcommand from a table; a CliError or unknown command exits 1 with a message on stderr. */
export async function runCommands(name: string, commands: Record<string, () => Promise<{ run: Command }>>) {
  const [sub, ...rest] = process.argv.slice(2);
  const load = sub ? commands[sub] : undefined;
  if (!load) {
    console.error(`usage: npm run --silent ${name} -- <${Object.keys(commands).join("|")}> [options]`);
    process.exit(sub ? 1 : 2);
  }
  try {
    const module = await load();
    await module.run(rest);
  } catch (error) {
    console.error(`${name} ${sub}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
