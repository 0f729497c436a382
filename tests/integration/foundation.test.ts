import { describe, expect, it } from "vitest";
import { useTestApp } from "../support/app";
import { FLAVOURS } from "../support/databases";

describe.each(FLAVOURS)("the app's foundation on %s", (flavour) => {
  const { server } = useTestApp({ flavour, env: { DEMO: "1" } });

  it("answers /healthz with a small JSON body naming its database", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: flavour });
  });

  it("shows the demo agency on a Thai home page that links its questionnaires", async () => {
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="th"');
    expect(html).toContain("องค์การบริหารส่วนตำบลตัวอย่าง");
    const slug = html.match(/href="\/s\/([a-z0-9]+)"/)?.[1];
    expect(slug).toMatch(/^[a-z2-9]{14}$/);
    expect(html).toContain(`href="/s/${slug}/iit"`);
  });

  it("sends the security headers with a fresh script nonce on every page", async () => {
    const [a, b] = await Promise.all([fetch(server.url), fetch(server.url)]);
    const csp = a.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'/);
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(b.headers.get("content-security-policy")).not.toBe(csp);
    expect(a.headers.get("x-content-type-options")).toBe("nosniff");
    expect(a.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(a.headers.get("x-frame-options")).toBe("DENY");
    const nonce = csp.match(/'nonce-([^']+)'/)![1];
    const html = await a.text();
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("answers an unknown page with a Thai 404 and no stack trace", async () => {
    const res = await fetch(`${server.url}/no/such/page`);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain("ไม่พบหน้าที่ต้องการ");
    expect(html).not.toMatch(/at .*\.js:\d+/);
  });

  it("keeps its data and demo agency across a restart without seeding twice", async () => {
    const before = await (await fetch(server.url)).text();
    await server.restart();
    const after = await (await fetch(server.url)).text();
    const count = (html: string) => (html.match(/class="card"/g) ?? []).length;
    expect(count(after)).toBe(1);
    expect(after.match(/href="\/s\/([a-z0-9]+)"/)?.[1]).toBe(before.match(/href="\/s\/([a-z0-9]+)"/)?.[1]);
  });

  it("logs one line per request with LOG_REQUESTS=1 (method, path, status, ms), never its query or body", async () => {
    const quiet = () =>
      server
        .output()
        .split("\n")
        .filter((line) => / \d+(?: \(aborted\))? \d+\.\dms$/.test(line));
    expect(quiet()).toEqual([]);
    await server.restart({ env: { LOG_REQUESTS: "1" } });
    await (await fetch(`${server.url}/healthz?token=secret-in-query`)).arrayBuffer();
    await (await fetch(`${server.url}/no-such-page?code=ABCD-1234`)).arrayBuffer();
    await (await fetch(`${server.url}/password/tok-en-secret-4711`)).arrayBuffer();
    const posted = await fetch(`${server.url}/api/responses`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ round: "nope", instrument: "eit", answers: {}, pin: "body-secret-135790" }),
    });
    await posted.arrayBuffer();
    // The line is printed once the answer has gone out: give the server a moment to write it.
    for (let i = 0; i < 50 && quiet().length < 4; i++) await new Promise((r) => setTimeout(r, 20));
    const lines = quiet();
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^\[ita\] GET \/healthz 200 \d+\.\dms$/);
    expect(lines[1]).toMatch(/^\[ita\] GET \/no-such-page 404 \d+\.\dms$/);
    expect(lines[2]).toMatch(/^\[ita\] GET \/password\/… \d{3} \d+\.\dms$/);
    expect(lines[3]).toMatch(new RegExp(`^\\[ita\\] POST /api/responses ${posted.status} \\d+\\.\\dms$`));
    for (const secret of ["secret-in-query", "ABCD-1234", "tok-en-secret", "body-secret", "135790"])
      expect(server.output()).not.toContain(secret);
    await server.restart();
  });
});
