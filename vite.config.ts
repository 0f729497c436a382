import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [reactRouter()],
  build: { sourcemap: false },
  ssr: {
    external: ["better-sqlite3", "pg", "kysely", "exceljs", "docx", "qrcode"],
  },
  optimizeDeps: {
    exclude: ["better-sqlite3", "kysely", "pg"],
    include: ["survey-core", "survey-react-ui"],
  },
});
