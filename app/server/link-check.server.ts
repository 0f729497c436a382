import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";

export type LinkState = { ok: boolean; status?: number; error?: string };
export type LinkCheckOptions = {
  allowPrivate: boolean;
  timeoutMs?: number;
  concurrency?: number;
  maxRedirects?: number;
};

const BLOCKED_V4: Array<[string, number]> = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
];
const blockList = new net.BlockList();
for (const [address, prefix] of BLOCKED_V4) blockList.addSubnet(address, prefix, "ipv4");
for (const [address, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  blockList.addSubnet(address, prefix, "ipv6");
}

/** True for loopback, private, link-local, carrier-grade NAT, multicast and unspecified addresses (v4 and v6). */
export function isPrivateAddress(address: string): boolean {
  const mapped = address.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  if (mapped?.[1]) return isPrivateAddress(mapped[1]);
  const family = net.isIP(address);
  if (family === 4) return blockList.check(address, "ipv4");
  if (family === 6) return blockList.check(address, "ipv6");
  return true;
}

class RefusedAddress extends Error {}

/**
 * A DNS lookup for the HTTP client that refuses private addresses. The connection goes to the very
 * address checked here, so a name that resolves differently a second time cannot slip through.
 */
function guardedLookup(allowPrivate: boolean): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const allowed = addresses.filter((a) => allowPrivate || !isPrivateAddress(a.address));
      if (!allowed.length) return callback(new RefusedAddress("private address"), "", 0);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- node's lookup callback is overloaded on `all`
      if ((options as dns.LookupOptions).all) return (callback as any)(null, allowed);
      const [first] = allowed as [dns.LookupAddress];
      callback(null, first.address, first.family);
    });
  };
}

function requestOnce(url: URL, options: LinkCheckOptions): Promise<{ status: number; location?: string }> {
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: "GET",
        lookup: guardedLookup(options.allowPrivate),
        headers: { "user-agent": "ITA-Survey link check", accept: "text/html,*/*;q=0.8" },
        timeout: options.timeoutMs ?? 8000,
      },
      (res) => {
        resolve({ status: res.statusCode ?? 0, location: res.headers.location });
        res.destroy();
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end();
  });
}

/** Fetches one evidence URL (following a few redirects) and says whether it answers with a 2xx page. */
export async function checkLink(raw: string, options: LinkCheckOptions): Promise<LinkState> {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, error: "invalid-url" };
  }
  for (let hop = 0; hop <= (options.maxRedirects ?? 3); hop++) {
    if (url.protocol !== "http:" && url.protocol !== "https:") return { ok: false, error: "not-http" };
    const host = url.hostname.replace(/^\[|\]$/g, "");
    if (net.isIP(host) && !options.allowPrivate && isPrivateAddress(host))
      return { ok: false, error: "private-address" };
    try {
      const { status, location } = await requestOnce(url, options);
      if (status >= 300 && status < 400 && location) {
        url = new URL(location, url);
        continue;
      }
      return { ok: status >= 200 && status < 300, status };
    } catch (error) {
      if (error instanceof RefusedAddress) return { ok: false, error: "private-address" };
      const message = (error as Error).message === "timeout" ? "timeout" : "unreachable";
      return { ok: false, error: message };
    }
  }
  return { ok: false, error: "too-many-redirects" };
}

/** Checks many URLs, a few at a time; the result maps each distinct URL to its state. */
export async function checkLinks(urls: string[], options: LinkCheckOptions): Promise<Map<string, LinkState>> {
  const distinct = [...new Set(urls)];
  const results = new Map<string, LinkState>();
  let next = 0;
  const worker = async () => {
    for (let url = distinct[next++]; url !== undefined; url = distinct[next++]) {
      results.set(url, await checkLink(url, options));
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, distinct.length) }, worker));
  return results;
}
