import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";
import { precompressPlugin } from "./scripts/lib/precompress";
import { trimSurveyCssPlugin } from "./scripts/lib/survey-css";

export default defineConfig({
  plugins: [trimSurveyCssPlugin(), reactRouter(), precompressPlugin()],
  build: { sourcemap: false },
  ssr: {
    external: ["better-sqlite3", "pg", "kysely", "exceljs", "docx", "qrcode"],
  },
  optimizeDeps: {
    exclude: ["better-sqlite3", "kysely", "pg"],
    include: ["survey-core", "survey-react-ui"],
  },
});
