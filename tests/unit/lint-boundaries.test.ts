import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/env";

// The rooms of the house (docs/contributing.md) are kept apart by ESLint's no-restricted-imports rules in
// eslint.config.js. These cases lint small sources as if they lived at a given path and expect the rule to fire.
const eslint = new ESLint({ cwd: ROOT });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

// The first lint loads the typed ESLint config (seconds on a busy machine): a generous per-test timeout.
describe("the import boundaries", { timeout: 30_000 }, () => {
  it("refuses a route that imports a repository or kysely, and lets it call a service", async () => {
    expect(
      await restrictedImports(
        "app/routes/admin/x.tsx",
        'import { findRoundById } from "../../../db/repositories/rounds";\nfindRoundById;\n',
      ),
    ).toHaveLength(1);
    expect(await restrictedImports("app/routes/x.ts", 'import { sql } from "kysely";\nsql;\n')).toHaveLength(1);
    expect(
      await restrictedImports(
        "app/routes/admin/x.tsx",
        'import { listRounds } from "../../services/rounds/rounds.server";\nlistRounds;\n',
      ),
    ).toEqual([]);
  });

  it("refuses a component that imports a server module's code, and allows its view-data types", async () => {
    expect(
      await restrictedImports("app/components/x.tsx", 'import { getDb } from "../server/db.server";\ngetDb;\n'),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        "app/components/x.tsx",
        'import type { RoundView } from "../services/rounds/rounds.server";\nexport type X = RoundView;\n',
      ),
    ).toEqual([]);
  });

  it("keeps the ITA domain pure: zod and each other only", async () => {
    expect(await restrictedImports("app/ita/x.ts", 'import fs from "node:fs";\nfs;\n')).toHaveLength(1);
    expect(
      await restrictedImports("app/report/x.ts", 'import { config } from "../server/config.server";\nconfig;\n'),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        "app/report/x.ts",
        'import { z } from "zod";\nimport { round2 } from "../ita/rounding";\nz;\nround2;\n',
      ),
    ).toEqual([]);
  });

  it("keeps db/ from importing app/ and app/lib from server code", async () => {
    expect(
      await restrictedImports(
        "db/repositories/x.ts",
        'import { config } from "../../app/server/config.server";\nconfig;\n',
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports("app/lib/x.ts", 'import { getDb } from "../server/db.server";\ngetDb;\n'),
    ).toContainEqual(expect.stringContaining("app/lib holds words shared with the browser only"));
  });
});
