import type { Program } from "../lib/cli";

/** `npm run --silent admin -- <command> [options]`: one module per command in this folder. */
export const admin: Program = {
  name: "admin",
  commands: {
    agencies: () => import("./agencies"),
    create: () => import("./create"),
    codes: () => import("./codes"),
    channel: () => import("./channel"),
    pin: () => import("./pin"),
  },
};
