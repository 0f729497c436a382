import type { Program } from "../lib/cli";

/** `npm run --silent ita -- <command> [args]`: one module per command in this folder; add new ones here. */
export const ita: Program = {
  name: "ita",
  commands: {
    analyze: () => import("./analyze"),
    results: () => import("./results"),
    recount: () => import("./recount"),
    seal: () => import("./seal"),
    league: () => import("./league"),
    framework: () => import("./framework"),
  },
};
