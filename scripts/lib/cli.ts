// The one command-line framework, used by `npm run --silent admin -- …` and `npm run --silent ita -- …`.
// A program is a table of commands, each a module under scripts/<program>/ exporting
// `command = defineCommand({ summary, usage, run })`. `runCli` dispatches one argument list to a command
// with its input and output passed in (so tests call it in-process), and returns the exit code:
//   0 the command finished;
//   1 it failed (a CliError or any other error: the message on stderr, no stack);
//   2 a usage mistake (no or unknown command; a CliError thrown with exit code 2).
// Run as a process (`main`), a closed standard output (`… | head -1`) ends the command quietly with 0.
import fs from "node:fs";
import { config, type Config } from "../../app/server/config.server";
import { createDb, type Db } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";

/** Where a command reads and writes: the process's streams and settings, or a test's. */
export interface CliIo {
  /** Standard input as text (read when a command asks for it). */
  stdin(): string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** The settings, parsed once (app/server/config.server.ts). */
  config(): Config;
}

/** One subcommand: `run` returns when done and throws a CliError to fail with a message. */
export interface Command {
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<void>;
}

export function defineCommand(command: Command): Command {
  return command;
}

/** A program's name and its commands, loaded when run. */
export interface Program {
  name: string;
  commands: Record<string, () => Promise<{ command: Command }>>;
}

/** A problem with the user's input: printed to stderr without a stack; exit code 1 (2 for a usage mistake). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}

const USAGE_COLUMN = 52;

async function usage(program: Program): Promise<string> {
  const lines = [`usage: npm run --silent ${program.name} -- <command> [args]`, "", "commands:"];
  for (const load of Object.values(program.commands)) {
    const { command } = await load();
    // A usage too long for the column puts its summary on the next line.
    const gap = command.usage.length > USAGE_COLUMN ? `\n${" ".repeat(USAGE_COLUMN + 3)}` : " ";
    lines.push(`  ${command.usage.padEnd(USAGE_COLUMN)}${gap}${command.summary}`);
  }
  return lines.join("\n");
}

/** Runs `argv` (the command's name and its arguments) and returns the exit code; never exits the process. */
export async function runCli(program: Program, argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === "help" || name === "--help" || name === "-h") {
    io.stdout(`${await usage(program)}\n`);
    return 0;
  }
  const load = name ? program.commands[name] : undefined;
  if (!name || !load) {
    const problem = name ? `${program.name}: unknown command "${name}"\n` : "";
    io.stderr(`${problem}${await usage(program)}\n`);
    return 2;
  }
  try {
    const { command } = await load();
    await command.run(args, io);
    return 0;
  } catch (error) {
    io.stderr(`${program.name} ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  }
}

/** The process's standard streams and its configuration. */
export function processIo(): CliIo {
  return {
    stdin: () => fs.readFileSync(0, "utf8"),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    config,
  };
}

/**
 * A reader that stops reading standard output (`… | head -1`) ends the command quietly with exit code 0:
 * writing to the closed pipe fails with EPIPE, which would otherwise crash the process with a stack. Any
 * other error on the stream is raised as before.
 */
export function endQuietlyWhenStdoutCloses(
  stream: NodeJS.EventEmitter = process.stdout,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    exit(0);
  });
}

/** The entry of `scripts/<program>.ts`: runs the process's arguments and sets its exit code. */
export async function main(program: Program): Promise<void> {
  endQuietlyWhenStdoutCloses();
  process.exitCode = await runCli(program, process.argv.slice(2), processIo());
}

/** Parses `--name value` and `--flag` arguments after the subcommand. */
export function parseArgs(argv: string[]): { positional: string[]; options: Record<string, string | true> } {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith("--")) {
      const [key = "", inline] = arg.slice(2).split("=", 2);
      const next = argv[i + 1];
      if (inline !== undefined) options[key] = inline;
      else if (next !== undefined && !next.startsWith("--")) {
        options[key] = next;
        i++;
      } else options[key] = true;
    } else positional.push(arg);
  }
  return { positional, options };
}

export function requireOption(options: Record<string, string | true>, name: string): string {
  const value = options[name];
  if (typeof value !== "string" || value === "") throw new CliError(`missing --${name}`);
  return value;
}

/** The database named by the configuration's DATABASE_URL, migrated. */
export async function openCliDb(io: CliIo): Promise<Db> {
  const db = createDb(io.config().DATABASE_URL, { poolSize: 2 });
  await migrateToLatest(db);
  return db;
}
