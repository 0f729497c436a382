import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { removeStamp, staleReason, writeStamp } from "./build-stamp";

// A checkout with two inputs (a folder of sources and a lock file) and a build beside them. The build began a
// day ago and every time is set by hand, so "newer" never depends on how fast the test runs.
const INPUTS = ["app", "package-lock.json"];
const HOUR = 3_600_000;
const began = new Date(Math.floor(Date.now() / 1000) * 1000 - 24 * HOUR);
const before = new Date(began.getTime() - HOUR);
const after = new Date(began.getTime() + HOUR);

let root: string;
let buildDir: string;
const at = (file: string, time: Date) => fs.utimesSync(path.join(root, file), time, time);
const write = (file: string, time: Date) => {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), "x");
  at(file, time);
};

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "ita-build-stamp-"));
  buildDir = path.join(root, "build");
  write("app/routes/home.tsx", before);
  write("app/root.tsx", before);
  write("package-lock.json", before);
  write("build/server/index.js", after);
  for (const dir of ["app/routes", "app"]) at(dir, before);
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe("the build-is-current check behind npm start", () => {
  it("finds a build current when every input is older than the build's stamp", () => {
    writeStamp(buildDir, began);
    expect(staleReason(root, buildDir, INPUTS)).toBeNull();
  });

  it("builds when there is no stamp: a fresh clone, or a build that did not finish", () => {
    expect(staleReason(root, buildDir, INPUTS)).toBe("no finished build yet");
    writeStamp(buildDir, began);
    removeStamp(buildDir);
    expect(staleReason(root, buildDir, INPUTS)).toBe("no finished build yet");
  });

  it("builds when a source deep in an input folder, or a file beside them, changed after the build began", () => {
    writeStamp(buildDir, began);
    at("app/routes/home.tsx", after);
    expect(staleReason(root, buildDir, INPUTS)).toBe(`${path.join("app", "routes", "home.tsx")} changed since the last build`);
    at("app/routes/home.tsx", before);
    at("package-lock.json", began);
    expect(staleReason(root, buildDir, INPUTS)).toBe("package-lock.json changed since the last build");
  });

  it("builds when a source was deleted since the build (its folder changed)", () => {
    writeStamp(buildDir, began);
    fs.rmSync(path.join(root, "app/root.tsx"));
    expect(staleReason(root, buildDir, INPUTS)).toBe("app changed since the last build");
  });

  it("builds when the stamp is there but the server build is not", () => {
    writeStamp(buildDir, began);
    fs.rmSync(path.join(buildDir, "server"), { recursive: true });
    expect(staleReason(root, buildDir, INPUTS)).toBe("the build has no server entry");
  });

  it("ignores an input this checkout does not have", () => {
    writeStamp(buildDir, began);
    expect(staleReason(root, buildDir, [...INPUTS, "public"])).toBeNull();
  });
});
