import fs from "node:fs";

// The browser files of a module the client loads by dynamic import (SurveyJS on the respondent pages, decision
// 0017), read from the client build's Vite manifest (`build.manifest` in vite.config.ts). The manifest lives in
// build/client/.vite/, which the static file server does not serve (dot directory). In development and in tests
// that import this module from app/server/ there is no manifest: no files, so nothing is preloaded.

export type ManifestChunk = { file: string; imports?: string[]; isEntry?: boolean };

let manifest: Record<string, ManifestChunk> | null | undefined;

function readManifest(): Record<string, ManifestChunk> | null {
  if (manifest === undefined) {
    try {
      // The server build is build/server/index.js; the client build beside it.
      const file = new URL("../client/.vite/manifest.json", import.meta.url);
      manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, ManifestChunk>;
    } catch {
      manifest = null;
    }
  }
  return manifest;
}

/**
 * The URLs of the chunks `source` (a path from the project root, e.g. "app/components/respondent/survey-runner.tsx")
 * needs in the browser, leaving out those that `loadedWith` (the route's module, e.g. "app/routes/respondent/eit.tsx"),
 * the root route and the client entry already load. None without a client build.
 */
export function clientScriptsOf(source: string, loadedWith: string): string[] {
  const chunks = readManifest();
  return chunks ? scriptsInManifest(chunks, source, loadedWith) : [];
}

/** `clientScriptsOf` on a given manifest. */
export function scriptsInManifest(chunks: Record<string, ManifestChunk>, source: string, loadedWith: string): string[] {
  const closure = (key: string, into = new Set<string>()) => {
    if (into.has(key) || !chunks[key]) return into;
    into.add(key);
    for (const next of chunks[key].imports ?? []) closure(next, into);
    return into;
  };
  // Route modules' keys carry a query (`app/routes/…/eit.tsx?__react-router-build-client-route`); the client
  // entry is the one entry that is not a route.
  const already = new Set<string>();
  for (const [key, chunk] of Object.entries(chunks)) {
    const route = key.split("?")[0]!;
    if (route === loadedWith || route === "app/root.tsx" || (chunk.isEntry && !key.includes("?")))
      closure(key, already);
  }
  return [...closure(source)].filter((key) => !already.has(key)).map((key) => `/${chunks[key]!.file}`);
}
