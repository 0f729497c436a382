// `npm start` builds only when the build is not current (scripts/lib/build-stamp.ts); `npm run build`
// (`--force`) always builds. The build directory is react-router.config.ts's (BUILD_DIR, default build/).
import { spawnSync } from "node:child_process";
import path from "node:path";
import routerConfig from "../react-router.config";
import { removeStamp, staleReason, writeStamp } from "./lib/build-stamp";

const root = path.resolve(import.meta.dirname, "..");
const buildDir = path.resolve(root, routerConfig.buildDirectory ?? "build");
const force = process.argv.includes("--force");
const reason = force ? "asked to build" : staleReason(root, buildDir);

if (reason === null) {
  const shown = path.relative(root, buildDir);
  console.log(`[ita] the build in ${shown.startsWith("..") ? buildDir : shown} is current (npm run build rebuilds it)`);
} else {
  if (!force) console.log(`[ita] building: ${reason}`);
  removeStamp(buildDir);
  const began = new Date();
  const result = spawnSync(path.join(root, "node_modules", ".bin", "react-router"), ["build"], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.error) throw result.error;
  if (result.status === 0) writeStamp(buildDir, began);
  process.exitCode = result.status ?? 1;
}
