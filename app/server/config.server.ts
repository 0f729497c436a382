import path from "node:path";
import { z } from "zod";

const flag = z
  .enum(["1", "0", "true", "false", "on", "off", "yes", "no", ""])
  .transform((v) => ["1", "true", "on", "yes"].includes(v));

// TRUST_PROXY: how many reverse proxies stand in front of the app. Off (the default) = none: the client address
// is the socket's and X-Forwarded-For is ignored. A number = that many proxy hops, counted from the right of
// X-Forwarded-For; `1`, `on`, `true`, `yes` = one hop (what TRUST_PROXY=1 always meant).
const proxyHops = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => /^(\d|off|false|no|on|true|yes)?$/.test(v), "off, on or a number of proxy hops from 0 to 9")
  .transform((v) => (/^\d$/.test(v) ? Number(v) : ["on", "true", "yes"].includes(v) ? 1 : 0));

// Every setting the app reads, parsed once at start-up; server.js and the scripts ask config() too.
// Listed with defaults in .env.example and the README. Settings only the tests read (TEST_DATABASE_URL,
// CHROMIUM_PATH) are not the app's: tests/support/env.ts reads them.
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z.string().min(1).default("data/ita.sqlite"),
  PUBLIC_URL: z.string().url().optional(),
  TRUST_PROXY: proxyHops.default(0),
  TZ: z.string().default("Asia/Bangkok"),
  SESSION_SECRET: z.string().min(16).optional(),
  ADMIN_EMAIL: z.string().email().default("admin@example.go.th"),
  ADMIN_PASSWORD: z.string().min(8).max(200).optional(),
  DEMO: flag.default(true),
  SUBMIT_RATE_LIMIT: z.coerce.number().int().min(1).default(120),
  KIOSK_IDLE_SECONDS: z.coerce.number().int().min(10).default(120),
  IIT_MIN_GROUP: z.coerce.number().int().min(5).default(5),
  LINK_CHECK_ALLOW_PRIVATE: flag.default(false),
  /** The link check: the total time one URL may take (redirects included), and the whole check's budget. */
  LINK_CHECK_URL_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  LINK_CHECK_BUDGET_MS: z.coerce.number().int().min(1000).default(300_000),
  LOG_REQUESTS: flag.default(false),
  /** server.js: how many processes serve requests (node:cluster; more than 1 needs PostgreSQL). */
  WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  /** The folder of the framework years (surveys/<id>/framework.json, iit.json, eit.json, report-texts.json). */
  SURVEYS_DIR: z
    .string()
    .min(1)
    .default("surveys")
    .transform((dir) => path.resolve(dir)),
});

export type Config = z.infer<typeof schema> & { PUBLIC_URL: string; publicOrigin: string };

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration (environment variables):\n${lines.join("\n")}`);
  }
  const publicUrl = (parsed.data.PUBLIC_URL ?? `http://localhost:${parsed.data.PORT}`).replace(/\/+$/, "");
  return { ...parsed.data, PUBLIC_URL: publicUrl, publicOrigin: new URL(publicUrl).origin };
}

let cached: Config | undefined;

export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
