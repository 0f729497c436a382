import fs from "node:fs";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { useTestApp } from "../support/app";

// Issue 14, item 2: every route that reads a body refuses one over its limit (app/server/body-limit.server.ts)
// with 413 before buffering it: a declared Content-Length over the limit before a byte is read, a chunked body
// once its bytes pass the limit. The client here offers 300 MB and stops sending when the answer comes.
const OFFERED = 300 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, "a");

type Outcome = { status: number; contentType: string; body: string; sentBeforeAnswer: number };

/** A chunked HTTP body decoded (enough for the short answers here). */
function unchunk(raw: string): string {
  let out = "";
  let rest = raw;
  for (;;) {
    const line = rest.indexOf("\r\n");
    const size = parseInt(rest.slice(0, line), 16);
    if (line < 0 || !size) return out;
    const bytes = Buffer.from(rest.slice(line + 2), "latin1");
    out += bytes.subarray(0, size).toString("latin1");
    rest = bytes.subarray(size + 2).toString("latin1");
  }
}

/**
 * POSTs up to 300 MB to `path` over a raw socket: declaring the whole length (`declared`) or chunked with no
 * length. Writes 64 KB at a time until the answer's head arrives, and returns the answer with the number of
 * body bytes written until then. (A raw socket, because the server closes the connection after a 413 and an
 * HTTP client would report the failed write instead of the answer.)
 */
function offerHugeBody(
  baseUrl: string,
  path: string,
  mode: "declared" | "chunked",
  headers: Record<string, string>,
): Promise<Outcome> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let sentBeforeAnswer = -1;
    const received: Buffer[] = [];
    const socket = net.connect(Number(url.port), url.hostname);
    const head = [
      `POST ${url.pathname}${url.search} HTTP/1.1`,
      `Host: ${url.host}`,
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
      mode === "declared" ? `Content-Length: ${OFFERED}` : "Transfer-Encoding: chunked",
      "",
      "",
    ].join("\r\n");
    const frame = mode === "declared" ? CHUNK : Buffer.concat([Buffer.from(`10000\r\n`), CHUNK, Buffer.from("\r\n")]);
    const answered = () => sentBeforeAnswer >= 0;
    socket.on("data", (d: Buffer) => {
      received.push(d);
      if (!answered() && Buffer.concat(received).includes("\r\n\r\n")) sentBeforeAnswer = sent;
    });
    socket.on("error", (error) => (answered() ? undefined : reject(error)));
    socket.on("close", () => {
      const text = Buffer.concat(received).toString("latin1");
      const split = text.indexOf("\r\n\r\n");
      const headText = text.slice(0, split);
      const rawBody = text.slice(split + 4);
      const body = /transfer-encoding: chunked/i.test(headText) ? unchunk(rawBody) : rawBody;
      resolve({
        status: Number(headText.split(" ")[1]),
        contentType: headText.match(/content-type: ([^\r]+)/i)?.[1] ?? "",
        body: Buffer.from(body, "latin1").toString("utf8"),
        sentBeforeAnswer,
      });
    });
    const pump = () => {
      while (!answered() && !socket.destroyed && sent < OFFERED) {
        sent += CHUNK.length;
        if (!socket.write(frame)) return void socket.once("drain", pump);
      }
      if (!answered() && !socket.destroyed) socket.end(mode === "chunked" ? "0\r\n\r\n" : "");
    };
    socket.once("connect", () => {
      socket.write(head);
      pump();
    });
  });
}

/** The resident memory of a process, in bytes (Linux). */
function rss(pid: number): number {
  const line = fs.readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
  return Number(line?.[1] ?? 0) * 1024;
}

describe("request body limits", () => {
  const app = useTestApp({ agencies: ["a"], signIn: ["a-admin", "a-clerk"] });
  const { server, agencies, cookies } = app;
  const form = { "content-type": "application/x-www-form-urlencoded" };
  const json = { "content-type": "application/json" };
  const same = () => ({ origin: server.url });

  const targets = () => [
    { name: "POST /lang (no session)", path: "/lang", headers: { ...form, ...same() }, limit: 64 * 1024 },
    { name: "POST /login (no session)", path: "/login", headers: { ...form, ...same() }, limit: 64 * 1024 },
    {
      name: "an admin form (POST /admin/users)",
      path: "/admin/users",
      headers: { ...form, ...same(), cookie: cookies["a-admin"] },
      limit: 64 * 1024,
    },
    {
      name: "the OIT checklist form",
      path: `/admin/rounds/${agencies.a.roundId}/oit`,
      headers: { ...form, ...same(), cookie: cookies["a-admin"] },
      limit: 4 * 1024 * 1024,
    },
    {
      name: "the clerk's entry endpoint",
      path: `/admin/rounds/${agencies.a.roundId}/entry/submit?instrument=eit`,
      headers: { ...json, ...same(), cookie: cookies["a-clerk"] },
      limit: 64 * 1024,
      kind: "json",
    },
    {
      name: "a page's data request (the app's own <Form>: POST /admin/users.data)",
      path: "/admin/users.data",
      headers: { ...form, ...same(), cookie: cookies["a-admin"] },
      limit: 64 * 1024,
      kind: "data",
    },
  ];

  /** The refusal's words: a Thai page, JSON for the API and the entry, React Router's encoding for a page's data. */
  const expectWords = (target: { name: string; kind?: string }, outcome: Outcome) => {
    if (target.kind === "json") {
      expect(outcome.contentType, target.name).toContain("application/json");
      expect(JSON.parse(outcome.body).errorTh, target.name).toContain("ข้อมูลที่ส่งมีขนาดเกิน");
    } else if (target.kind === "data") {
      expect(outcome.body, target.name).toContain("ข้อมูลที่ส่งมีขนาดเกิน");
    } else {
      expect(outcome.contentType, target.name).toContain("text/html");
      expect(outcome.body, target.name).toContain("ข้อมูลที่ส่งมีขนาดใหญ่เกินไป");
    }
  };

  it("refuses a declared 300 MB body with 413 before reading it, on each route that reads a body", async () => {
    for (const target of targets()) {
      const before = rss(server.process.pid!);
      const outcome = await offerHugeBody(server.url, target.path, "declared", target.headers);
      expect(outcome.status, target.name).toBe(413);
      // Answered long before the body was sent: at most what the sockets buffer.
      expect(outcome.sentBeforeAnswer, target.name).toBeLessThan(32 * 1024 * 1024);
      expect(rss(server.process.pid!) - before, target.name).toBeLessThan(64 * 1024 * 1024);
      expectWords(target, outcome);
    }
  });

  it("refuses a streamed (chunked) 300 MB body with 413 once it passes the route's limit", async () => {
    for (const target of targets()) {
      const before = rss(server.process.pid!);
      const outcome = await offerHugeBody(server.url, target.path, "chunked", target.headers);
      expect(outcome.status, target.name).toBe(413);
      expect(outcome.sentBeforeAnswer, target.name).toBeGreaterThan(target.limit);
      expect(outcome.sentBeforeAnswer, target.name).toBeLessThan(target.limit + 32 * 1024 * 1024);
      expect(rss(server.process.pid!) - before, target.name).toBeLessThan(64 * 1024 * 1024);
      expectWords(target, outcome);
    }
  });

  it("refuses six 300 MB bodies sent at once without the server's memory growing", async () => {
    const before = rss(server.process.pid!);
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        offerHugeBody(server.url, i % 2 ? "/login" : "/lang", "chunked", { ...form, ...same() }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual([413, 413, 413, 413, 413, 413]);
    expect(rss(server.process.pid!) - before).toBeLessThan(64 * 1024 * 1024);
  });

  it("still takes a body within the limit: a language switch and an OIT save of 43 items with links", async () => {
    const lang = await fetch(`${server.url}/lang`, {
      method: "POST",
      redirect: "manual",
      headers: { ...form, ...same() },
      body: new URLSearchParams({ to: "en", back: "/admin", pad: "x".repeat(60_000) }),
    });
    expect(lang.status).toBe(302);
    const fields = new URLSearchParams({ intent: "save" });
    for (let i = 1; i <= 43; i++) {
      fields.set(`has_o${i}`, "1");
      const links = Array.from({ length: 10 }, (_, k) => `https://www.example.go.th/${"ข้อมูล".repeat(40)}/${k}`);
      fields.set(`urls_o${i}`, links.join("\n"));
      fields.set(`note_o${i}`, "ก".repeat(500));
    }
    const body = fields.toString();
    expect(body.length).toBeGreaterThan(1024 * 1024);
    const saved = await fetch(`${server.url}/admin/rounds/${agencies.a.roundId}/oit`, {
      method: "POST",
      redirect: "manual",
      headers: { ...form, ...same(), cookie: cookies["a-admin"] },
      body,
    });
    expect(saved.status).toBe(200);
  });

  it("answers a page's data request over its limit in React Router's encoding, with the Thai words", async () => {
    const res = await fetch(`${server.url}/admin/users.data`, {
      method: "POST",
      headers: { ...form, ...same(), cookie: cookies["a-admin"] },
      body: new URLSearchParams({ intent: "create", pad: "x".repeat(70 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).not.toContain("application/json");
    expect(await res.text()).toContain("ข้อมูลที่ส่งมีขนาดเกินกว่าที่หน้านี้รับได้ (64 KB)");
  });
});
