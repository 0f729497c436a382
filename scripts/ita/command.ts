/** One `npm run ita -- <name>` subcommand. Returns the process exit code. */
export type Command = {
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
};

/** A problem with the user's input: printed to stderr without a stack, exit code 1 (2 for usage). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}
