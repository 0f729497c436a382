import fs from "node:fs";
import { parseArgs } from "node:util";
import { isPostgresUrl, sqliteFileFromUrl } from "../../db/client";
import {
  analyze,
  formatAnalysisJson,
  formatAnalysisTextTh,
  missingIndicators,
  parseIndicatorScores,
} from "../../app/ita";
import type { Framework } from "../../app/ita";
import { frameworkFor, isFileFramework, loadFramework } from "../../app/services/frameworks/frameworks.server";
import { CliError, defineCommand, openCliDb, type CliIo } from "../lib/cli";

const DEFAULT_FRAMEWORK = "ita-2565";

function readInput(file: string, io: CliIo): string {
  try {
    return file === "-" ? io.stdin() : fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new CliError(`cannot read ${file === "-" ? "standard input" : file}: ${(error as Error).message}`);
  }
}

function line(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value) || value < 0 || value > 100)
    throw new CliError(`--${name} must be a number from 0 to 100, got "${raw}"`, 2);
  return value;
}

/** Whether DATABASE_URL names a database that is there: PostgreSQL, or a SQLite file that exists (never created here). */
function databaseExists(url: string): boolean {
  return isPostgresUrl(url) || fs.existsSync(sqliteFileFromUrl(url));
}

/**
 * A framework file of surveys/, or else one a super-administrator imported and published (read from the database
 * DATABASE_URL names; the database is opened only for such an id).
 */
async function frameworkNamed(id: string, io: CliIo): Promise<Framework> {
  try {
    if (isFileFramework(id) || !databaseExists(io.config().DATABASE_URL)) return loadFramework(id);
    const db = await openCliDb(io);
    try {
      return await frameworkFor(db, id);
    } finally {
      await db.destroy();
    }
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

export const command = defineCommand({
  summary: "analyze ten indicator scores: overall, grade, ranking, strengths",
  usage: "analyze FILE|- [--format json|text] [--partial]",
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: "string", default: "json" },
        partial: { type: "boolean", default: false },
        "strength-line": { type: "string" },
        target: { type: "string" },
      },
    });
    if (positionals.length !== 1) throw new CliError(`expected one FILE (or - for stdin)\nusage: ${this.usage}`, 2);
    if (values.format !== "json" && values.format !== "text")
      throw new CliError(`--format must be json or text, got "${values.format}"`, 2);

    const file = positionals[0]!;
    let input: unknown;
    try {
      input = JSON.parse(readInput(file, io));
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(`${file === "-" ? "standard input" : file} is not valid JSON: ${(error as Error).message}`);
    }
    if (typeof input !== "object" || input === null || Array.isArray(input))
      throw new CliError('input must be a JSON object like {"indicator_scores": {"1": 97.61, …}}');
    const { indicator_scores: raw, framework: id = DEFAULT_FRAMEWORK } = input as Record<string, unknown>;
    if (typeof id !== "string") throw new CliError('"framework" must be a framework id such as "ita-2565"');
    if (raw === undefined) throw new CliError('input has no "indicator_scores"');

    const fw = await frameworkNamed(id, io);
    const { scores, errors } = parseIndicatorScores(fw, raw);
    if (errors.length) throw new CliError(errors.join("\n"));
    const missing = missingIndicators(fw, scores);
    if (missing.length && !values.partial)
      throw new CliError(
        `missing score for indicator${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (use --partial to analyze what exists)`,
      );

    const analysis = analyze(fw, scores, {
      strengthLine: line("strength-line", values["strength-line"]),
      target: line("target", values.target),
    });
    io.stdout(
      values.format === "text"
        ? formatAnalysisTextTh(analysis, fw)
        : `${JSON.stringify(formatAnalysisJson(analysis, fw), null, 2)}\n`,
    );
  },
});
