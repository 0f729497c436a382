// ITA command line: `npm run --silent ita -- <command> [args]`. Each command lives in its own
// module under scripts/ita/ and exports `command: Command`; add new ones to the map below.
import { CliError } from "./ita/command";
import type { Command } from "./ita/command";

const commands: Record<string, () => Promise<{ command: Command }>> = {
  analyze: () => import("./ita/analyze"),
  results: () => import("./ita/results"),
  recount: () => import("./ita/recount"),
};

async function usage(): Promise<string> {
  const lines = ["usage: npm run --silent ita -- <command> [args]", "", "commands:"];
  for (const [name, load] of Object.entries(commands)) {
    const { command } = await load();
    lines.push(`  ${command.usage.padEnd(52)} ${command.summary}`);
    void name;
  }
  return lines.join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(`${await usage()}\n`);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`ita: unknown command "${name}"\n${await usage()}\n`);
    return 2;
  }
  try {
    const { command } = await load();
    return await command.run(args);
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`ita ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`ita ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
