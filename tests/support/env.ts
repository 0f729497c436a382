import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const BUILD_DIR = path.resolve(ROOT, process.env.BUILD_DIR ?? "build");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://ita:ita@127.0.0.1:5432/ita_test";
export const ARTIFACTS = path.resolve(ROOT, "tests/artifacts");
