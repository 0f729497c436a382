import { describe, expect, it } from "vitest";
import { runCliInProcess } from "../../tests/support/cli";
import { CliError, defineCommand, type Program } from "./cli";

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
