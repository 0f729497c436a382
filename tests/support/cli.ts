import { parseConfig, type Config } from "../../app/server/config.server";
import { runCli, type Program } from "../../scripts/lib/cli";

/**
 * Runs a command-line program (scripts/admin/program.ts, scripts/ita/program.ts) in this process as
 * `npm run --silent <program> -- …argv` would: `stdin` is its standard input (empty by default), `env` the
 * environment its settings are parsed from. Resolves with the exit code and what it wrote.
 */
export async function runCliInProcess(
  program: Program,
  argv: string[],
  options: { stdin?: string; env?: Record<string, string> } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  let settings: Config | undefined;
  const code = await runCli(program, argv, {
    stdin: () => options.stdin ?? "",
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    config: () => (settings ??= parseConfig(options.env ?? {})),
  });
  return { code, stdout, stderr };
}
