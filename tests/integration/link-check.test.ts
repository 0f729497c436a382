import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLinks } from "../../app/server/link-check.server";
import { signInCookie, useTestApp } from "../support/app";
import { FLAVOURS } from "../support/databases";
import { startEvidenceSite } from "../support/evidence-site";
import { createAgencyWithOfficer, type OfficerFixture } from "../support/factories";

// Issue 14, item 7: a link check holds no request. "Check links" answers at once and runs in the background
// with its progress on the page; each URL has a total deadline (a server sending its head one byte at a time
// is cut off), and the whole check a budget. Short deadlines here via LINK_CHECK_URL_TIMEOUT_MS.
const HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 0\r\n\r\n";

/** A server that answers every request with its head one byte every `everyMs`, and counts what it sent. */
async function startDripServer(everyMs: number) {
  const stats = { connections: 0, closedByClient: 0, bytesSent: [] as number[] };
  const server = net.createServer((socket) => {
    const index = stats.connections++;
    stats.bytesSent[index] = 0;
    let timer: NodeJS.Timeout | undefined;
    socket.once("data", () => {
      timer = setInterval(() => {
        const sent = stats.bytesSent[index]!;
        if (sent >= HEAD.length) return void socket.end();
        socket.write(HEAD[sent]!);
        stats.bytesSent[index] = sent + 1;
      }, everyMs);
    });
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearInterval(timer);
      if (stats.bytesSent[index]! < HEAD.length) stats.closedByClient++;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return { url, stats, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A server that accepts connections and never says a word. */
async function startSilentServer() {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return {
    url,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let drip: Awaited<ReturnType<typeof startDripServer>>;
let silent: Awaited<ReturnType<typeof startSilentServer>>;
let site: Awaited<ReturnType<typeof startEvidenceSite>>;

beforeAll(async () => {
  drip = await startDripServer(400);
  silent = await startSilentServer();
  site = await startEvidenceSite();
});
afterAll(async () => {
  await drip.close();
  await silent.close();
  await site.close();
});

describe("the link check's budget and refused addresses", () => {
  it("marks the URLs not reached within the whole check's budget as not checked", async () => {
    const urls = Array.from({ length: 6 }, (_, i) => `${silent.url}/page-${i}`);
    const results = await checkLinks(urls, { allowPrivate: true, timeoutMs: 1500, budgetMs: 2000, concurrency: 2 });
    const errors = urls.map((u) => results.get(u)?.error);
    expect(errors.filter((e) => e === "timeout").length).toBe(2);
    expect(errors.filter((e) => e === "not-checked").length).toBe(4);
  });

  it("refuses documentation and special addresses without connecting, even with private addresses allowed", async () => {
    const urls = [
      "http://192.0.2.10/x",
      "http://[64:ff9b::7f00:1]/x",
      "http://[2002:7f00:1::1]/x",
      "http://[::7f00:1]/",
    ];
    const results = await checkLinks(urls, { allowPrivate: false, timeoutMs: 2000 });
    for (const url of urls) expect(results.get(url), url).toEqual({ ok: false, error: "private-address" });
  });
});

describe.each(FLAVOURS)("the OIT link check in the background on %s", (flavour) => {
  let seed: OfficerFixture;
  let cookie: string;
  const { server, db } = useTestApp({
    flavour,
    env: { LINK_CHECK_ALLOW_PRIVATE: "1", LINK_CHECK_URL_TIMEOUT_MS: "2000" },
    seed: async (d) => (seed = await createAgencyWithOfficer(d)),
  });
  const page = async () =>
    (await fetch(`${server.url}/admin/rounds/${seed.roundId}/oit`, { headers: { cookie } })).text();
  const post = (body: Record<string, string>) =>
    fetch(`${server.url}/admin/rounds/${seed.roundId}/oit`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, origin: server.url, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(body),
    });
  const stateOf = (html: string) => html.match(/data-testid="link-check" data-state="(\w+)"/)?.[1] ?? null;

  beforeAll(async () => {
    cookie = await signInCookie(server.url, seed.email, seed.password);
  });

  it("answers at once, shows the progress, and cuts off a server that sends its head a byte at a time", async () => {
    const slowUrl = `${drip.url}/ita/slow.html`;
    const goodUrl = `${site.url}/ita/structure.html`;
    expect((await post({ intent: "save", has_o1: "1", urls_o1: `${slowUrl}\n${goodUrl}` })).status).toBe(200);
    const connectionsBefore = drip.stats.connections;

    const started = await post({ intent: "check-links" });
    expect(started.status).toBe(200);
    // The slow URL takes its full 2-second deadline, so the check is still under way when the page is asked.
    const during = await page();
    expect(stateOf(during)).toBe("running");
    expect(during).toMatch(/ตรวจแล้ว \d จาก 2 ลิงก์/);
    expect(during).toContain("<progress");

    let html = during;
    for (let i = 0; i < 100 && stateOf(html) === "running"; i++) {
      await new Promise((r) => setTimeout(r, 200));
      html = await page();
    }
    expect(stateOf(html)).toBe("done");
    expect(html).toContain("ตรวจลิงก์แล้ว 2 ลิงก์ ใช้งานไม่ได้ 1 ลิงก์");

    // The drip server got one connection, closed by the check long before its 61-byte head was complete
    // (one byte each 400 ms: an idle timeout alone would have waited 24 seconds for all of it).
    expect(drip.stats.connections).toBe(connectionsBefore + 1);
    const sent = drip.stats.bytesSent[connectionsBefore]!;
    expect(sent).toBeLessThan(HEAD.length / 2);
    expect(drip.stats.closedByClient).toBeGreaterThanOrEqual(1);

    const row = await db
      .selectFrom("oit_answers")
      .select("link_status")
      .where("round_id", "=", seed.roundId)
      .where("item", "=", "o1")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.link_status!)).toEqual({
      [slowUrl]: { ok: false, error: "timeout" },
      [goodUrl]: { ok: true, status: 200 },
    });
    const audit = await db.selectFrom("audit_log").select("detail").where("action", "=", "oit.check-links").execute();
    expect(audit.map((a) => JSON.parse(a.detail!))).toEqual([{ checked: 2, broken: 1 }]);
  });
});
