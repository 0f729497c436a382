import type { RouteConfigEntry } from "@react-router/dev/routes";
import { describe, expect, it } from "vitest";
import routes from "../../app/routes";
import { get, post, useTestApp } from "../support/app";
import { FLAVOURS } from "../support/databases";
import type { AgencyFixture } from "../support/factories";

// Routes anyone may use without signing in. Every other route in app/routes.ts must refuse a visitor,
// a viewer's write, a cross-site write and another agency's user: a new route is checked automatically,
// and a route meant to be public fails here until it is added to this list.
const PUBLIC_ROUTES = new Set([
  "/",
  "/lang",
  "/healthz",
  "/login",
  "/logout",
  "/password/:token",
  "/oit/:slug",
  "/s/:roundSlug",
  "/s/:roundSlug/iit",
  "/api/responses",
  "/api/access-check",
  "/*",
]);

// Routes where every signed-in user, a viewer included, writes to their own account only (issue 16): a viewer's
// write is not refused for its role there, but a form without the current password changes nothing (422).
const OWN_ACCOUNT_ROUTES = new Set(["/admin/profile"]);

// Values for route parameters; those marked scoped name agency A's data, so agency B's user must get 403/404.
function paramValues(a: AgencyFixture): Record<string, { value: string; scoped: boolean }> {
  return {
    roundId: { value: a.roundId, scoped: true },
    agencyId: { value: a.id, scoped: true },
    key: { value: "web", scoped: false },
    instrument: { value: "eit", scoped: false },
    indicator: { value: "1", scoped: false },
    format: { value: "csv", scoped: false },
    year: { value: "2569", scoped: false },
    reportId: { value: "00000000-0000-4000-8000-000000000009", scoped: true },
    entryId: { value: "00000000-0000-4000-8000-00000000000e", scoped: true },
    // Frameworks serve every agency (super-administrators only): not agency-scoped.
    frameworkId: { value: "ita-2565", scoped: false },
    groupId: { value: "00000000-0000-4000-8000-0000000000a1", scoped: true },
  };
}

interface FlatRoute {
  path: string;
  /** React Router's route id: the file without its extension. */
  id: string;
  /** Inside a layout route, whose own guard must not be what protects this route's loader. */
  nested: boolean;
}

function flatten(entries: RouteConfigEntry[], parent = "", nested = false): FlatRoute[] {
  return entries.flatMap((e) => {
    const path = e.index ? parent || "/" : `${parent}/${e.path ?? ""}`.replace(/\/+/g, "/").replace(/(.)\/$/, "$1");
    const self =
      e.index || e.path !== undefined ? [{ path, id: e.id ?? e.file.replace(/\.[jt]sx?$/, ""), nested }] : [];
    return [...self, ...flatten(e.children ?? [], e.index ? parent : path, true)];
  });
}

const FLAT = flatten(routes);
const ALL = [...new Set(FLAT.map((r) => r.path))];
const GUARDED = ALL.filter((p) => !PUBLIC_ROUTES.has(p));

function fill(pattern: string, a: AgencyFixture): { url: string; scoped: boolean } {
  const values = paramValues(a);
  let scoped = false;
  const url = pattern.replace(/:(\w+)\??/g, (_, name: string) => {
    const v = values[name];
    if (!v)
      throw new Error(`route ${pattern}: no test value for :${name}; add it to paramValues() in route-guards.test.ts`);
    scoped ||= v.scoped;
    return v.value;
  });
  return { url, scoped };
}

const isApi = (p: string) => p.startsWith("/api/");
// React Router's own answers when a route has no handler for the method: GET without a loader → 400,
// POST without an action → 405 (and 400 for a cross-origin POST it refuses itself). Nothing runs.
const NO_HANDLER = [400, 405];
const toLogin = (res: Response) => res.status === 302 && (res.headers.get("location") ?? "").startsWith("/login?next=");

it("finds the admin routes in app/routes.ts", () => {
  expect(GUARDED).toContain("/admin/rounds/:roundId");
  expect(GUARDED).toContain("/admin/agencies");
  expect(ALL).toContain("/login");
});

describe.each(FLAVOURS)("every non-public route on %s", (flavour) => {
  const { server, agencies, cookies } = useTestApp({
    flavour,
    agencies: ["a", "b"],
    signIn: ["super", "a-admin", "a-clerk", "a-viewer", "b-admin"],
  });
  const { a } = agencies;

  it.each(GUARDED)("%s refuses a visitor", async (pattern) => {
    const { url } = fill(pattern, a);
    const [read, write] = [await get(server, url), await post(server, url, "", { intent: "probe" })];
    if (isApi(pattern)) {
      expect([read.status, write.status]).toContain(401);
      for (const res of [read, write]) expect([401, ...NO_HANDLER]).toContain(res.status);
    } else {
      expect(
        toLogin(read) || toLogin(write),
        `${url} answered ${read.status}/${write.status}; if it is public, add it to PUBLIC_ROUTES`,
      ).toBe(true);
      for (const res of [read, write]) expect(toLogin(res) || NO_HANDLER.includes(res.status)).toBe(true);
    }
  });

  // A client-side navigation asks for one route's loader alone (`.data?_routes=<id>`), without the layout's:
  // each nested route's loader must guard itself.
  it.each(FLAT.filter((r) => r.nested && !PUBLIC_ROUTES.has(r.path)))(
    "$path guards its own loader in a data request",
    async (route) => {
      const { url } = fill(route.path, a);
      const res = await get(server, `${url}.data?_routes=${encodeURIComponent(route.id)}`);
      const body = await res.text();
      const redirected =
        body.includes('"SingleFetchRedirect"') && body.includes(`"/login?next=${encodeURIComponent(url)}"`);
      expect(
        redirected || !body.includes(route.id),
        `${route.path} answered ${res.status}: ${body.slice(0, 200)}`,
      ).toBe(true);
    },
  );

  it.each(GUARDED)("%s lets a signed-in user of the agency past the guard", async (pattern) => {
    const { url } = fill(pattern, a);
    const statuses = [];
    for (const who of ["super", "a-admin", "a-clerk", "a-viewer"] as const) {
      const res = await get(server, url, cookies[who]);
      expect(toLogin(res)).toBe(false);
      statuses.push(res.status);
    }
    expect(
      statuses.some((s) => s !== 401 && s !== 403),
      `${url}: ${statuses.join(",")}`,
    ).toBe(true);
  });

  it.each(GUARDED.filter((p) => !OWN_ACCOUNT_ROUTES.has(p)))("%s refuses a viewer's write", async (pattern) => {
    const res = await post(server, fill(pattern, a).url, cookies["a-viewer"], { intent: "probe" });
    expect([403, 405]).toContain(res.status);
  });

  it.each([...OWN_ACCOUNT_ROUTES])(
    "%s lets a viewer write only their own account, and refuses a probe (422)",
    async (pattern) => {
      const res = await post(server, fill(pattern, a).url, cookies["a-viewer"], { intent: "probe" });
      expect(res.status).toBe(422);
    },
  );

  it.each(GUARDED)("%s answers an administrator's body that is not a form with a 4xx, never a 5xx", async (pattern) => {
    const res = await fetch(`${server.url}${fill(pattern, a).url}`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: cookies["a-admin"], origin: server.url, "content-type": "application/json" },
      body: JSON.stringify({ intent: "probe", nested: { deep: [1, 2, 3] } }),
    });
    expect(res.status, `${pattern} answered ${res.status}`).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it.each(GUARDED)("%s refuses a cross-site write by the agency's administrator", async (pattern) => {
    const res = await post(
      server,
      fill(pattern, a).url,
      cookies["a-admin"],
      { intent: "probe" },
      "http://evil.example",
    );
    expect([403, ...NO_HANDLER]).toContain(res.status);
  });

  it.each(GUARDED)("%s shows nothing of agency A to agency B's administrator", async (pattern) => {
    const { url, scoped } = fill(pattern, a);
    const read = await get(server, url, cookies["b-admin"]);
    if (scoped) {
      const write = await post(server, url, cookies["b-admin"], { intent: "probe" });
      expect([403, 404, 400]).toContain(read.status);
      expect([403, 404, 405]).toContain(write.status);
    } else {
      const body = await read.text();
      for (const marker of [a.name, a.roundSlug, a.users.admin, a.roundId]) expect(body).not.toContain(marker);
    }
  });
});
