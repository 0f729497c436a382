// When is a build current? When its stamp (written when a build succeeds, dated when that build began) is
// newer than every input of the build: the sources it bundles (app/, db/, public/) and the files that
// shape it (package.json, package-lock.json, the React Router, Vite and TypeScript configurations).
import fs from "node:fs";
import path from "node:path";

export const BUILD_INPUTS = [
  "app",
  "db",
  "public",
  "package.json",
  "package-lock.json",
  "react-router.config.ts",
  "vite.config.ts",
  "tsconfig.json",
];

/** The file in the build directory whose modification time is when the last successful build began. */
export const STAMP = ".build-stamp";

/** Why the build in `buildDir` must be made again from the inputs under `root`, or null when it is current. */
export function staleReason(root: string, buildDir: string, inputs: readonly string[] = BUILD_INPUTS): string | null {
  let builtAt: number;
  try {
    builtAt = fs.statSync(path.join(buildDir, STAMP)).mtimeMs;
  } catch {
    return "no finished build yet";
  }
  if (!fs.existsSync(path.join(buildDir, "server", "index.js"))) return "the build has no server entry";
  for (const input of inputs) {
    const changed = changedSince(path.join(root, input), builtAt);
    if (changed) return `${path.relative(root, changed) || input} changed since the last build`;
  }
  return null;
}

/**
 * The first file or folder under `target` modified at or after `time`, or null. A folder's own time
 * counts, so a file deleted or renamed since the build makes it stale too.
 */
function changedSince(target: string, time: number): string | null {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    return null; // an input this checkout does not have
  }
  if (stat.mtimeMs >= time) return target;
  if (!stat.isDirectory()) return null;
  for (const entry of fs.readdirSync(target)) {
    const changed = changedSince(path.join(target, entry), time);
    if (changed) return changed;
  }
  return null;
}

/** Marks the build in `buildDir` as made from the inputs as they were at `began`. */
export function writeStamp(buildDir: string, began: Date): void {
  const stamp = path.join(buildDir, STAMP);
  fs.writeFileSync(stamp, `${began.toISOString()}\n`);
  fs.utimesSync(stamp, began, began);
}

/** Removes the stamp: a build that does not finish leaves no current build behind. */
export function removeStamp(buildDir: string): void {
  fs.rmSync(path.join(buildDir, STAMP), { force: true });
}
