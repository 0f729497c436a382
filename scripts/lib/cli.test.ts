import { spawn } from "node:child_process";
import { EventEmitter } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { runCliInProcess } from "../../tests/support/cli";
import { createAgency } from "../../tests/support/factories";
import { CliError, defineCommand, endQuietlyWhenStdoutCloses, type Program } from "./cli";

const program: Program = {
  name: "demo",
  commands: {
    echo: async () => ({
      command: defineCommand({
        summary: "print the arguments, standard input and DATABASE_URL",
        usage: "echo [ARGS…]",
        async run(args, io) {
          io.stdout(`${args.join(" ")}|${io.stdin()}|${io.config().DATABASE_URL}\n`);
        },
      }),
    }),
    refuse: async () => ({
      command: defineCommand({
        summary: "fail the way a command does",
        usage: "refuse usage|input|crash",
        async run([how]) {
          if (how === "usage") throw new CliError("missing --thing", 2);
          if (how === "input") throw new CliError("no such thing");
          throw new Error("the database went away");
        },
      }),
    }),
  },
};
const demo = (argv: string[], options?: Parameters<typeof runCliInProcess>[2]) =>
  runCliInProcess(program, argv, options);

describe("the command-line framework", () => {
  it("runs a command with its arguments, standard input and settings, and exits 0", async () => {
    expect(await demo(["echo", "a", "b"], { stdin: "in", env: { DATABASE_URL: "x.sqlite" } })).toEqual({
      code: 0,
      stdout: "a b|in|x.sqlite\n",
      stderr: "",
    });
    expect((await demo(["echo"])).stdout).toBe("||data/ita.sqlite\n");
  });

  it("exits 1 on a failure, 2 on a usage mistake, with `<program> <command>: message` on stderr", async () => {
    expect(await demo(["refuse", "input"])).toEqual({ code: 1, stdout: "", stderr: "demo refuse: no such thing\n" });
    expect(await demo(["refuse", "usage"])).toEqual({ code: 2, stdout: "", stderr: "demo refuse: missing --thing\n" });
    expect(await demo(["refuse", "crash"])).toEqual({
      code: 1,
      stdout: "",
      stderr: "demo refuse: the database went away\n",
    });
  });

  it("lists the commands on stdout when asked, and on stderr with exit 2 when none or an unknown one is given", async () => {
    const help = await demo(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("usage: npm run --silent demo -- <command> [args]");
    expect(help.stdout).toMatch(/^ {2}echo \[ARGS…\] +print the arguments/m);
    expect(help.stdout).toMatch(/^ {2}refuse usage\|input\|crash +fail the way a command does/m);
    const none = await demo([]);
    expect(none).toMatchObject({ code: 2, stdout: "" });
    expect(none.stderr).toBe(help.stdout);
    const unknown = await demo(["frobnicate"]);
    expect(unknown).toMatchObject({ code: 2, stdout: "" });
    expect(unknown.stderr).toBe(`demo: unknown command "frobnicate"\n${help.stdout}`);
  });

  it("reports settings that do not parse as the command's failure", async () => {
    const bad = await demo(["echo"], { env: { DATABASE_URL: "" } });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("demo echo: Invalid configuration");
    expect(bad.stderr).toContain("DATABASE_URL");
  });
});

const AGENCIES = 200;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ita-cli-pipe-"));
const databaseUrl = path.join(scratch, "ita.sqlite");
const { SURVEYS_DIR: _ignored, ...parentEnv } = process.env;
const env = { ...parentEnv, DATABASE_URL: databaseUrl };

beforeAll(async () => {
  const db = createDb(databaseUrl, { poolSize: 1 });
  try {
    await migrateToLatest(db);
    for (let i = 0; i < AGENCIES; i++) await createAgency(db);
  } finally {
    await db.destroy();
  }
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** Runs a command and resolves with its exit code and standard error once it has ended. */
function finished(
  command: string,
  args: string[],
  onStart: (child: ReturnType<typeof spawn>) => void = () => {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    onStart(child);
  });
}

describe("a closed standard output", () => {
  it("ends `npm run --silent admin -- agencies | head -1` quietly with exit code 0", { timeout: 60_000 }, async () => {
    const run = await finished("bash", [
      "-c",
      'set -o pipefail; npm run --silent admin -- agencies | head -1; echo "exit $?" >&2',
    ]);
    expect(run.stdout.split("\n")).toHaveLength(2);
    expect(run.stdout).toMatch(/^[0-9a-f-]{36}\tหน่วยงานทดสอบ-/);
    expect(run.stderr).toBe("exit 0\n");
  });

  it(
    "ends the command with exit code 0 and nothing on stderr when the reader has gone before it writes",
    {
      timeout: 60_000,
    },
    async () => {
      const run = await finished(process.execPath, ["--import", "tsx", "scripts/admin.ts", "agencies"], (child) =>
        child.stdout!.destroy(),
      );
      expect(run).toMatchObject({ code: 0, stderr: "" });
    },
  );

  it("still raises any other error of the stream", () => {
    const stream = new EventEmitter();
    const exits: number[] = [];
    endQuietlyWhenStdoutCloses(stream, (code) => exits.push(code));
    stream.emit("error", Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
    expect(exits).toEqual([0]);
    expect(() => stream.emit("error", Object.assign(new Error("no space"), { code: "ENOSPC" }))).toThrow("no space");
    expect(exits).toEqual([0]);
  });
});
