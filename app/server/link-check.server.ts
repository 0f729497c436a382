import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import os from "node:os";
import ipaddr from "ipaddr.js";

export type LinkState = { ok: boolean; status?: number; error?: string };
export type LinkCheckOptions = {
  allowPrivate: boolean;
  /** The total time one URL may take, redirects included: connecting, sending, the answer's head. */
  timeoutMs?: number;
  concurrency?: number;
  maxRedirects?: number;
  /** The whole check's time: URLs not finished by then are "not-checked". */
  budgetMs?: number;
  /** Called as each distinct URL is done (the page's progress). */
  onResult?: (url: string, state: LinkState) => void;
};

export const DEFAULT_URL_TIMEOUT_MS = 10_000;

// Addresses the link check never connects to (unless LINK_CHECK_ALLOW_PRIVATE): everything ipaddr.js does not
// call "unicast" (loopback, private, link-local, carrier-grade NAT, multicast, broadcast, unspecified, the
// reserved and documentation ranges, AS112, AMT; for IPv6 also unique-local, site-local, discard, NAT64,
// 6to4, Teredo, ORCHID, benchmarking), these ranges named again explicitly, every IPv6 address outside global
// unicast 2000::/3, and the addresses of this server's own interfaces.
const REFUSED_CIDRS = [
  // IPv4: "this network", private, carrier-grade NAT, loopback, link-local, IETF protocol assignments,
  // documentation (TEST-NET-1, -2, -3), benchmarking, multicast, reserved and broadcast.
  "0.0.0.0/8",
  "10.0.0.0/8",
  "100.64.0.0/10",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "172.16.0.0/12",
  "192.0.0.0/24",
  "192.0.2.0/24",
  "192.168.0.0/16",
  "198.18.0.0/15",
  "198.51.100.0/24",
  "203.0.113.0/24",
  "224.0.0.0/4",
  "240.0.0.0/4",
  // IPv6: IPv4-compatible (::a.b.c.d, with :: and ::1), IPv4-mapped, NAT64 (well-known and local-use), discard,
  // Teredo, documentation, 6to4, unique-local, link-local, site-local, multicast.
  "::/96",
  "::ffff:0:0/96",
  "64:ff9b::/96",
  "64:ff9b:1::/48",
  "100::/64",
  "2001::/32",
  "2001:db8::/32",
  "2002::/16",
  "fc00::/7",
  "fe80::/10",
  "fec0::/10",
  "ff00::/8",
].map((cidr) => ipaddr.parseCIDR(cidr));

const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR("2000::/3");

/** The addresses of this machine's network interfaces, normalised ("::1", "10.0.0.5", "fe80::…"). */
function ownAddresses(): Set<string> {
  const out = new Set<string>();
  for (const list of Object.values(os.networkInterfaces())) {
    for (const entry of list ?? []) {
      const address = entry.address.replace(/%.*$/, "");
      if (ipaddr.isValid(address)) out.add(ipaddr.parse(address).toNormalizedString());
    }
  }
  return out;
}

/**
 * An IPv6 address in hexadecimal groups (the URL standard's form), an IPv4 address as it is; null when neither.
 * ipaddr.js reads "::8.8.8.8" (IPv4-compatible, ::808:808) as "::ffff:8.8.8.8" (IPv4-mapped): written in hex
 * first, each is judged for what it is.
 */
function canonical(address: string): string | null {
  const family = net.isIP(address);
  if (family === 4) return address;
  if (family !== 6) return null;
  return new URL(`http://[${address}]/`).hostname.slice(1, -1);
}

/**
 * Why the link check refuses to connect to an address, or null when it may: "invalid", a range name
 * ("private", "reserved", "loopback", "rfc6052" (NAT64), "6to4", "ipv4-compatible"…), "refused-range" (one of the
 * explicit CIDRs), "not-global" (IPv6 outside 2000::/3) or "own-interface".
 */
export function refusedAddressReason(address: string, own: Set<string> = ownAddresses()): string | null {
  const bare = canonical(address.replace(/^\[|\]$/g, "").replace(/%.*$/, ""));
  if (!bare || !ipaddr.isValid(bare)) return "invalid";
  let ip = ipaddr.parse(bare);
  if (ip.kind() === "ipv6") {
    const v6 = ip as ipaddr.IPv6;
    // ::ffff:a.b.c.d is the IPv4 address a.b.c.d: judged as one (a public one is fine, a private one is not).
    if (v6.isIPv4MappedAddress()) ip = v6.toIPv4Address();
    else if (v6.match(ipaddr.parseCIDR("::/96"))) return "ipv4-compatible";
  }
  if (own.has(ip.toNormalizedString())) return "own-interface";
  const range = ip.range();
  if (range !== "unicast") return range;
  if (ip.kind() === "ipv6" && !(ip as ipaddr.IPv6).match(GLOBAL_UNICAST_V6)) return "not-global";
  for (const [network, bits] of REFUSED_CIDRS) {
    if (network.kind() === ip.kind() && ip.match(network, bits)) return "refused-range";
  }
  return null;
}

/** True for every address the link check refuses (refusedAddressReason is not null). */
export function isPrivateAddress(address: string): boolean {
  return refusedAddressReason(address) !== null;
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

class OutOfTime extends Error {}

function requestOnce(
  url: URL,
  options: LinkCheckOptions,
  signal: AbortSignal,
): Promise<{ status: number; location?: string }> {
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: "GET",
        lookup: guardedLookup(options.allowPrivate),
        headers: { "user-agent": "ITA-Survey link check", accept: "text/html,*/*;q=0.8" },
        // The idle limit; the total deadline is the signal's.
        timeout: options.timeoutMs ?? DEFAULT_URL_TIMEOUT_MS,
        signal,
      },
      (res) => {
        // The answer's head is all the check needs: the body is never read.
        resolve({ status: res.statusCode ?? 0, location: res.headers.location });
        res.destroy();
      },
    );
    req.on("timeout", () => req.destroy(new OutOfTime("timeout")));
    req.on("error", (error) => reject(signal.aborted ? new OutOfTime(String(signal.reason)) : error));
    req.end();
  });
}

/**
 * Fetches one evidence URL (following a few redirects) and says whether it answers with a 2xx page. The URL
 * has `timeoutMs` in all (connecting, redirects, each answer's head; a server that sends its head a byte at a
 * time is cut off at the deadline), and stops at once when `budget` (the whole check's) is spent.
 */
export async function checkLink(raw: string, options: LinkCheckOptions, budget?: AbortSignal): Promise<LinkState> {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, error: "invalid-url" };
  }
  if (budget?.aborted) return { ok: false, error: "not-checked" };
  const deadline = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_URL_TIMEOUT_MS);
  const signal = budget ? AbortSignal.any([deadline, budget]) : deadline;
  for (let hop = 0; hop <= (options.maxRedirects ?? 3); hop++) {
    if (url.protocol !== "http:" && url.protocol !== "https:") return { ok: false, error: "not-http" };
    const host = url.hostname.replace(/^\[|\]$/g, "");
    if (net.isIP(host) && !options.allowPrivate && isPrivateAddress(host))
      return { ok: false, error: "private-address" };
    try {
      const { status, location } = await requestOnce(url, options, signal);
      if (status >= 300 && status < 400 && location) {
        url = new URL(location, url);
        continue;
      }
      return { ok: status >= 200 && status < 300, status };
    } catch (error) {
      if (error instanceof RefusedAddress) return { ok: false, error: "private-address" };
      if (budget?.aborted && !deadline.aborted) return { ok: false, error: "not-checked" };
      return { ok: false, error: error instanceof OutOfTime || deadline.aborted ? "timeout" : "unreachable" };
    }
  }
  return { ok: false, error: "too-many-redirects" };
}

/**
 * Checks many URLs, a few at a time; the result maps each distinct URL to its state. With `budgetMs`, URLs
 * not done when it is spent are "not-checked" (requests under way are stopped).
 */
export async function checkLinks(urls: string[], options: LinkCheckOptions): Promise<Map<string, LinkState>> {
  const distinct = [...new Set(urls)];
  const results = new Map<string, LinkState>();
  const budget = options.budgetMs ? AbortSignal.timeout(options.budgetMs) : undefined;
  let next = 0;
  const worker = async () => {
    for (let url = distinct[next++]; url !== undefined; url = distinct[next++]) {
      const state = await checkLink(url, options, budget);
      results.set(url, state);
      options.onResult?.(url, state);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, distinct.length) }, worker));
  return results;
}
