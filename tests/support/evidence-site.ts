import http from "node:http";

/**
 * A local stand-in for an agency's website, for the OIT link check: /ita/structure.html answers 200,
 * every other path 404.
 */
export async function startEvidenceSite(): Promise<{ url: string; close: () => Promise<void> }> {
  const site = http.createServer((req, res) => {
    res.writeHead(req.url === "/ita/structure.html" ? 200 : 404, { "content-type": "text/html" });
    res.end("<p>evidence</p>");
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(site.address() as { port: number }).port}`;
  return { url, close: () => new Promise<void>((resolve) => site.close(() => resolve())) };
}
