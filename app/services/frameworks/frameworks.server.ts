import fs from "node:fs";
import path from "node:path";
import { parseFramework } from "../../ita/framework";
import type { Framework } from "../../ita/framework";

const FRAMEWORK_FILE = "framework.json";
const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const cache = new Map<string, Framework>();

function defaultDir(): string {
  return process.env.SURVEYS_DIR || path.resolve("surveys");
}

/** Ids of the frameworks in `dir`: every folder that holds a framework.json, sorted. */
export function listFrameworks(dir: string = defaultDir()): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && ID_PATTERN.test(e.name) && fs.existsSync(path.join(dir, e.name, FRAMEWORK_FILE)))
    .map((e) => e.name)
    .sort();
}

/**
 * Loads `<dir>/<id>/framework.json`, validates it with parseFramework and caches it per (dir, id).
 * Throws a clear error for an unknown id or an invalid file.
 */
export function loadFramework(id: string, dir: string = defaultDir()): Framework {
  const root = path.resolve(dir);
  const key = `${root}\0${id}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const file = path.join(root, id, FRAMEWORK_FILE);
  if (!ID_PATTERN.test(id) || !fs.existsSync(file)) {
    const known = listFrameworks(root);
    throw new Error(
      `unknown framework "${id}": no ${path.join(id, FRAMEWORK_FILE)} in ${root} (available: ${known.join(", ") || "none"})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`framework "${id}": ${file} is not valid JSON (${(error as Error).message})`);
  }
  const framework = parseFramework(json);
  if (framework.id !== id) throw new Error(`framework "${id}": ${file} declares id "${framework.id}"`);
  cache.set(key, framework);
  return framework;
}

/** Forgets cached frameworks (tests, or after a new framework folder is deployed). */
export function clearFrameworkCache(): void {
  cache.clear();
}
