import { runCommands } from "./lib/cli";

// `npm run --silent admin -- <command> [options]`: one module per command under scripts/admin/.
await runCommands("admin", {
  agencies: () => import("./admin/agencies"),
  create: () => import("./admin/create"),
  codes: () => import("./admin/codes"),
  channel: () => import("./admin/channel"),
  pin: () => import("./admin/pin"),
});
