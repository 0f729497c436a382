import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";
import { precompressPlugin } from "./scripts/lib/precompress";
import { trimSurveyCssPlugin } from "./scripts/lib/survey-css";

export default defineConfig({
  plugins: [trimSurveyCssPlugin(), reactRouter(), precompressPlugin()],
  // The client manifest tells the respondent pages which files SurveyJS is in (app/server/client-scripts.server.ts).
  build: { sourcemap: false, manifest: true },
  ssr: {
    external: ["better-sqlite3", "pg", "kysely", "exceljs", "docx", "qrcode"],
  },
  optimizeDeps: {
    exclude: ["better-sqlite3", "kysely", "pg"],
    include: ["survey-core", "survey-react-ui"],
  },
});
