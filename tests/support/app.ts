import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Kysely } from "kysely";
import { afterAll, beforeAll } from "vitest";
import { createDb, type Db } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { createTestDatabase, type DbFlavour, type TestDatabase } from "./databases";
import { ROOT } from "./env";
import { createAgencyWithUsers, PASSWORD, type AgencyFixture, type AgencyRole } from "./factories";
import { startServer, type RunningServer } from "./server";

// The app under test for the HTTP tiers (tests/integration, tests/e2e): a throw-away database, migrated and
// seeded, the built server started on it, sign-ins, and everything torn down after the file or describe
// block. The handles it returns are stable, so that a file can destructure them where it calls useTestApp:
// they work inside tests and hooks, and say so when read earlier.

/** The super-administrator startServer creates on a fresh database (ADMIN_EMAIL / ADMIN_PASSWORD). */
export const SUPER = { email: "super@test.go.th", password: "super-secret-pw" };

/** "super", or "<tag>-<role>" of a seeded agency ("a-admin", "b-viewer"). */
export type CookieName<Tag extends string> = "super" | `${Tag}-${AgencyRole}`;

export interface TestAppOptions<Tag extends string = never> {
  /** A SQLite file (default) or a fresh PostgreSQL database. */
  flavour?: DbFlavour;
  /** Server settings beyond startServer's defaults (DEMO=0, the super-administrator above). */
  env?: Record<string, string>;
  /** How many server processes to start on the database (default 1; 0 for a file that starts its own). */
  servers?: number;
  /** Migrate the database before seeding (default true); false leaves it empty. */
  migrate?: boolean;
  /**
   * Test frameworks from tests/fixtures/frameworks to offer beside surveys/ita-2565: the server gets a
   * temporary SURVEYS_DIR with copies of them (listFrameworks() lists real folders only).
   */
  testFrameworks?: string[];
  /** Agencies by tag ("a", "b"), each with one open round and one user per agency role (createAgencyWithUsers). */
  agencies?: readonly Tag[];
  /** Cookies to sign in for, by name: "super", or "<tag>-<role>" of an agency above ("a-admin", "b-viewer"). */
  signIn?: readonly CookieName<Tag>[];
  /** The file's own seed data, written after the migration and the agencies, before the server starts. */
  seed?: (db: Db) => Promise<unknown>;
}

export interface TestApp<Tag extends string = never> {
  readonly database: { readonly flavour: DbFlavour; readonly url: string };
  /** A handle on the test database, opened on first use and closed after the tests. */
  readonly db: Db;
  /** The (first) server; its restart() starts it again on the same database, with extra settings if given. */
  readonly server: TestServer;
  readonly servers: TestServer[];
  readonly agencies: Readonly<Record<Tag, AgencyFixture>>;
  /** The session cookies ("ita_session=…") asked for in options.signIn, by the names asked for. */
  readonly cookies: Readonly<Record<CookieName<Tag>, string>>;
}

/** A running built server that can be restarted in place: the same object before and after. */
export class TestServer implements RunningServer {
  #running: RunningServer | undefined;
  readonly #start: (env: Record<string, string>) => Promise<RunningServer>;

  constructor(start: (env: Record<string, string>) => Promise<RunningServer>) {
    this.#start = start;
  }

  get #current(): RunningServer {
    if (!this.#running) throw new Error("useTestApp: the server runs only inside tests (beforeAll has not run)");
    return this.#running;
  }

  get url() {
    return this.#current.url;
  }
  get port() {
    return this.#current.port;
  }
  get process() {
    return this.#current.process;
  }
  output() {
    return this.#current.output();
  }
  stop() {
    return this.#current.stop();
  }
  kill() {
    return this.#current.kill();
  }

  /** Stops the server (if it runs) and starts it again, with `env` over the app's settings. */
  async restart(options: { env?: Record<string, string> } = {}): Promise<void> {
    await this.#running?.stop();
    this.#running = await this.#start(options.env ?? {});
  }

  /** Stops the server, if it was started. */
  async dispose(): Promise<void> {
    await this.#running?.stop();
  }
}

/**
 * Registers beforeAll/afterAll for one file or describe block: creates the database, migrates it, seeds the
 * agencies and `seed`, starts the server(s) and signs in; afterwards stops everything and drops the database.
 */
export function useTestApp<const Tag extends string = never>(options: TestAppOptions<Tag> = {}): TestApp<Tag> {
  const flavour = options.flavour ?? "sqlite";
  let database: TestDatabase | undefined;
  let surveys: string | undefined;
  let env: Record<string, string> = {};
  const ready = () => {
    if (!database) throw new Error("useTestApp: the database exists only inside tests (beforeAll has not run)");
    return database;
  };

  const handle = lazyDb(() => createDb(ready().url, { poolSize: 2 }));
  const servers = Array.from(
    { length: options.servers ?? 1 },
    () => new TestServer((extra) => startServer({ databaseUrl: ready().url, env: { ...env, ...extra } })),
  );
  const agencies = Object.fromEntries((options.agencies ?? []).map((tag) => [tag, {} as AgencyFixture])) as Record<
    Tag,
    AgencyFixture
  >;
  const cookies = {} as Record<CookieName<Tag>, string>;

  beforeAll(async () => {
    database = await createTestDatabase(flavour);
    env = { ...options.env };
    if (options.testFrameworks?.length) {
      surveys = fs.mkdtempSync(path.join(os.tmpdir(), "ita-surveys-"));
      fs.cpSync(path.join(ROOT, "surveys/ita-2565"), path.join(surveys, "ita-2565"), { recursive: true });
      for (const id of options.testFrameworks)
        fs.cpSync(path.join(ROOT, "tests/fixtures/frameworks", id), path.join(surveys, id), { recursive: true });
      env.SURVEYS_DIR = surveys;
    }
    if (options.migrate !== false || options.seed || options.agencies?.length) {
      const db = createDb(database.url, { poolSize: 2 });
      try {
        if (options.migrate !== false) await migrateToLatest(db);
        for (const tag of options.agencies ?? []) Object.assign(agencies[tag], await createAgencyWithUsers(db, tag));
        await options.seed?.(db);
      } finally {
        await db.destroy();
      }
    }
    // One after the other: each runs the (idempotent) migrations and first start as it comes up.
    for (const server of servers) await server.restart();
    for (const name of options.signIn ?? []) {
      const [email, password] = name === "super" ? [SUPER.email, SUPER.password] : [userEmail(agencies, name)];
      cookies[name] = await signIn(servers[0]!, email, password);
    }
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.dispose()));
    await handle.destroy();
    await database?.drop();
    if (surveys) fs.rmSync(surveys, { recursive: true, force: true });
  });

  return {
    database: {
      flavour,
      get url() {
        return ready().url;
      },
    },
    db: handle.db,
    get server() {
      const first = servers[0];
      if (!first) throw new Error("useTestApp: no server was asked for (servers: 0)");
      return first;
    },
    servers,
    agencies,
    cookies,
  };
}

function userEmail(agencies: Record<string, AgencyFixture>, name: string): string {
  const [tag, role] = name.split(/-(?=[^-]+$)/) as [string, AgencyRole];
  const email = agencies[tag]?.users[role];
  if (!email) throw new Error(`useTestApp: signIn "${name}" names no agency user (agencies: ${Object.keys(agencies)})`);
  return email;
}

/**
 * A Kysely handle that opens the real one on first use, so that it can be handed out before the database
 * exists; every property is read from (and every method bound to) the real handle.
 */
function lazyDb(open: () => Db): { db: Db; destroy: () => Promise<void> } {
  let real: Db | undefined;
  const db = new Proxy(Object.create(Kysely.prototype) as Db, {
    get(_target, property) {
      real ??= open();
      const value: unknown = Reflect.get(real, property, real);
      return typeof value === "function" ? value.bind(real) : value;
    },
  });
  return {
    db,
    destroy: async () => {
      await real?.destroy();
      real = undefined;
    },
  };
}

type ServerLike = { url: string } | string;
const base = (server: ServerLike) => (typeof server === "string" ? server : server.url);

/** Signs in through the real /login form and returns the session cookie ("ita_session=…"). */
export async function signIn(server: ServerLike, email: string, password = PASSWORD): Promise<string> {
  const url = base(server);
  const res = await fetch(`${url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: url, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password }),
  });
  const cookie = res.headers.get("set-cookie")?.match(/ita_session=[^;]+/)?.[0];
  if (res.status !== 302 || !cookie) throw new Error(`sign-in of ${email} failed with ${res.status}`);
  return cookie;
}

/** signIn by the server's address. */
export function signInCookie(serverUrl: string, email: string, password: string): Promise<string> {
  return signIn(serverUrl, email, password);
}

/** A same-origin form POST as a signed-in user (cookie may be empty for a visitor). */
export function post(
  server: ServerLike,
  path: string,
  cookie: string,
  fields: Record<string, string>,
  origin: string = base(server),
) {
  return fetch(`${base(server)}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: origin, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
}

export function get(server: ServerLike, path: string, cookie = "") {
  return fetch(`${base(server)}${path}`, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
}
