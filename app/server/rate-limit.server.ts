import type { IncomingMessage } from "node:http";
import ipaddr from "ipaddr.js";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

/**
 * The client address of a request, the one every per-address limit counts (sign-in, PIN and code checks,
 * submissions — React Router's routes and the lean submission handler alike). With `hops` trusted proxies
 * (TRUST_PROXY) the addresses are the socket's, then X-Forwarded-For read from the right: each trusted
 * proxy vouches for the entry to its left, so the answer is the entry `hops` places from the socket, the
 * one the outermost trusted proxy added. Entries further left were written by the client and are never
 * used (Express's `trust proxy` with a number picks the same address for req.ip).
 */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  hops: number,
): string {
  const socket = socketAddress ?? "";
  if (hops <= 0 || forwardedFor === undefined) return socket;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor;
  const chain = [
    socket,
    ...header
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean)
      .reverse(),
  ];
  return chain[Math.min(hops, chain.length - 1)] ?? socket;
}

/** clientAddress() of a Node request (server.js calls it for Express and for the lean submission handler). */
export function clientAddressOf(req: IncomingMessage, hops: number): string {
  return clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], hops);
}

/**
 * The key a client address is counted under: an IPv4 address as itself (an IPv4-mapped IPv6 address such as
 * `::ffff:198.51.100.7` is that IPv4 address), an IPv6 address by its /64 network (one home or office line
 * is given a whole /64, so its 2^64 addresses share one allowance), anything unreadable as itself.
 */
export function addressKey(address: string): string {
  const text = address.trim();
  if (!ipaddr.isValid(text)) return text || "unknown";
  const ip = ipaddr.process(text);
  if (ip.kind() === "ipv4") return ip.toString();
  const parts = (ip as ipaddr.IPv6).parts;
  return `${parts
    .slice(0, 4)
    .map((part) => part.toString(16))
    .join(":")}::/64`;
}

/**
 * A limit per client address (counted by addressKey) in fixed windows, kept only in this process's memory
 * (rate-limiter-flexible's atomic memory store): addresses are never written to the database, files or logs,
 * and are forgotten once their window has passed.
 */
export class RateLimiter {
  private readonly store: RateLimiterMemory;

  constructor(
    readonly limit: number,
    private readonly windowSeconds = 600,
  ) {
    this.store = new RateLimiterMemory({ points: limit, duration: windowSeconds });
  }

  /**
   * Counts one attempt, before the work it guards is done: false when the address has used up its limit
   * in the window. The count is taken in one synchronous step, so concurrent requests can never overdraw it.
   */
  async take(address: string): Promise<boolean> {
    return (await this.tryTake(address)).ok;
  }

  /** take() that also says, when refused, how many milliseconds remain until the window ends. */
  async tryTake(address: string): Promise<{ ok: true } | { ok: false; msBeforeNext: number }> {
    try {
      await this.store.consume(addressKey(address));
      return { ok: true };
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) return { ok: false, msBeforeNext: refusal.msBeforeNext };
      throw refusal;
    }
  }

  /** Gives one counted attempt back (a sign-in that turned out right is not held against its address). */
  async giveBack(address: string): Promise<void> {
    const key = addressKey(address);
    // Only within the window the attempt was counted in: a window that has just ended has nothing to give back.
    if (await this.store.get(key)) await this.store.reward(key);
  }

  /** Seconds a refused client should wait before it tries again (at most). */
  get retryAfterSeconds(): number {
    return this.windowSeconds;
  }
}
