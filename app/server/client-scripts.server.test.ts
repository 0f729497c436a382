import { describe, expect, it } from "vitest";
import { scriptsInManifest, type ManifestChunk } from "./client-scripts.server";

// A client manifest shaped like the build's (vite.config.ts `build.manifest`), with the respondent page's chunks.
const MANIFEST: Record<string, ManifestChunk> = {
  "node_modules/@react-router/dev/dist/config/defaults/entry.client.tsx": {
    file: "assets/entry.client-A.js",
    isEntry: true,
    imports: ["_jsx-runtime-B.js", "_index-C.js"],
  },
  "app/root.tsx?__react-router-build-client-route": {
    file: "assets/root-D.js",
    isEntry: true,
    imports: ["_jsx-runtime-B.js", "_i18n-E.js"],
  },
  "app/routes/respondent/eit.tsx?__react-router-build-client-route": {
    file: "assets/eit-F.js",
    isEntry: true,
    imports: ["_jsx-runtime-B.js", "_late-survey-runner-G.js"],
  },
  "app/components/respondent/survey-runner.tsx": {
    file: "assets/survey-runner-H.js",
    imports: ["_jsx-runtime-B.js", "_survey-react-ui-I.js", "_index-C.js"],
  },
  "_survey-react-ui-I.js": { file: "assets/survey-react-ui-I.js", imports: ["_jsx-runtime-B.js", "_index-C.js"] },
  "_jsx-runtime-B.js": { file: "assets/jsx-runtime-B.js" },
  "_index-C.js": { file: "assets/index-C.js" },
  "_i18n-E.js": { file: "assets/i18n-E.js" },
  "_late-survey-runner-G.js": { file: "assets/late-survey-runner-G.js", imports: ["_jsx-runtime-B.js"] },
};

describe("scriptsInManifest", () => {
  it("lists the runner's chunk and SurveyJS's, and none that the entry, the root or the EIT route already load", () => {
    expect(
      scriptsInManifest(MANIFEST, "app/components/respondent/survey-runner.tsx", "app/routes/respondent/eit.tsx"),
    ).toEqual(["/assets/survey-runner-H.js", "/assets/survey-react-ui-I.js"]);
  });

  it("lists nothing for a module the manifest does not name", () => {
    expect(scriptsInManifest(MANIFEST, "app/components/nowhere.tsx", "app/routes/respondent/eit.tsx")).toEqual([]);
  });
});
