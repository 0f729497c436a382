// ESLint: typescript-eslint's recommended rules, React hooks, and the boundaries between the rooms of the
// house (docs/contributing.md). Formatting is Prettier's job, not ESLint's.
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const SERVER_ONLY = {
  group: ["**/*.server", "**/*.server.ts", "**/*.server.tsx"],
  allowTypeImports: true,
  message: "Components run in the browser: never import a *.server module (the types of its view data are fine).",
};
const DB = {
  group: ["**/db/**", "kysely", "better-sqlite3", "pg"],
  message: "Routes call services (app/services); only services and app/server touch db/.",
};

export default tseslint.config(
  {
    ignores: [
      "build/",
      "build-*/",
      ".react-router/",
      "node_modules/",
      "data/",
      "backups/",
      "tests/artifacts/",
      "coverage/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-control-regex": "off",
    },
  },
  {
    files: ["app/**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "error" },
  },
  {
    files: ["app/routes/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [DB] }] },
  },
  {
    files: ["app/components/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [SERVER_ONLY, DB] }] },
  },
  {
    files: ["app/lib/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            SERVER_ONLY,
            DB,
            {
              group: ["node:*", "**/server/**", "**/services/**"],
              message: "app/lib holds words shared with the browser only.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/ita/**", "app/report/**"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(?!zod$|\\./|\\.\\./(ita|report)(/|$)).*",
              message: "The ITA domain (app/ita, app/report) imports nothing but zod and each other.",
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read JSON fixtures and poke at library objects; `any` there is honest.
    files: ["**/*.test.ts", "tests/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Migrations are typed Kysely<any> on purpose: frozen once merged, they never follow the current schema.
    files: ["db/migrations/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["db/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/app/**"], message: "db/ never imports app/." }] }],
    },
  },
);
