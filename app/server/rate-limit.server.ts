import crypto from "node:crypto";
import type { IncomingMessage } from "node:http";
import ipaddr from "ipaddr.js";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "../../db/client";
import { GroupCommit } from "../../db/group-commit";
import { consumePoints, deleteExpiredLimits, returnPoint, type Consumption } from "../../db/repositories/rate-limits";

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
 * A limit per client address (counted by addressKey) in fixed windows. On SQLite (one process) the counts are
 * kept only in this process's memory (rate-limiter-flexible's atomic memory store). On PostgreSQL, once
 * shareLimitsThrough() was called at start-up, every process counts in the database (an UNLOGGED table), so
 * that N processes enforce one limit. Addresses are never written to files or logs, nor to the database: there
 * a key is a keyed hash of the address, and is deleted once its window has passed.
 */
export class RateLimiter {
  private readonly store: RateLimiterMemory;

  /** `name` tells this limiter's counts apart from the others' in the shared table. */
  constructor(
    readonly limit: number,
    private readonly windowSeconds = 600,
    private readonly name = "limit",
  ) {
    this.store = new RateLimiterMemory({ points: limit, duration: windowSeconds });
  }

  /**
   * Counts one attempt, before the work it guards is done: false when the address has used up its limit
   * in the window. The count is taken in one atomic step (in memory, or one statement in the database), so
   * concurrent requests can never overdraw it.
   */
  async take(address: string): Promise<boolean> {
    return (await this.tryTake(address)).ok;
  }

  /** take() that also says, when refused, how many milliseconds remain until the window ends. */
  async tryTake(address: string): Promise<{ ok: true } | { ok: false; msBeforeNext: number }> {
    if (shared) {
      const counted = await shared.take(this.name, address, this.windowSeconds * 1000);
      if (counted.points <= this.limit) return { ok: true };
      return { ok: false, msBeforeNext: Math.max(0, counted.expire - Date.now()) };
    }
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
    if (shared) return shared.giveBack(this.name, address);
    const key = addressKey(address);
    // Only within the window the attempt was counted in: a window that has just ended has nothing to give back.
    if (await this.store.get(key)) await this.store.reward(key);
  }

  /** Seconds a refused client should wait before it tries again (at most). */
  get retryAfterSeconds(): number {
    return this.windowSeconds;
  }
}

let shared: SharedCounts | undefined;

/**
 * From now on every RateLimiter of this process counts in the database (PostgreSQL, table rate_limits), shared
 * with the other processes on it. `secret` keys the hash that stands for an address there (the session
 * secret, the same in every process).
 */
export function shareLimitsThrough(db: Db, secret: string): void {
  shared = new SharedCounts(db, secret);
}

type Counted = { points: number; expire: number };
const SWEEP_MS = 60_000;

/**
 * The database's counts. The attempts that arrive together (in one turn of the event loop, or while the
 * previous statement runs) are counted by one statement, so a burst of requests costs one round trip, not one
 * each; each attempt still gets its own place in its key's count.
 */
class SharedCounts {
  private readonly queue: GroupCommit<{ key: string; windowMs: number }, Counted>;
  private sweptAt = Date.now();

  constructor(
    private readonly db: Db,
    private readonly secret: string,
  ) {
    this.queue = new GroupCommit(async (items) => {
      const now = Date.now();
      const totals = new Map<string, Consumption>();
      for (const { key, windowMs } of items) {
        const total = totals.get(key);
        if (total) total.points += 1;
        else totals.set(key, { key, points: 1, windowMs });
      }
      const counted = await consumePoints(db, [...totals.values()], now);
      this.sweep(now);
      // The attempts of one key are counted in the order they came: the first gets the lowest count.
      const before = new Map<string, number>();
      return items.map(({ key }) => {
        const { points, expire } = counted.get(key)!;
        const earlier = before.get(key) ?? 0;
        before.set(key, earlier + 1);
        return { points: points - totals.get(key)!.points + earlier + 1, expire };
      });
    });
  }

  take(name: string, address: string, windowMs: number): Promise<Counted> {
    return this.queue.submit({ key: this.keyOf(name, address), windowMs });
  }

  giveBack(name: string, address: string): Promise<void> {
    return returnPoint(this.db, this.keyOf(name, address), Date.now());
  }

  private keyOf(name: string, address: string): string {
    const hash = crypto.createHmac("sha256", this.secret).update(addressKey(address)).digest("base64url");
    return `${name}:${hash.slice(0, 22)}`;
  }

  /** Ended windows are deleted about once a minute, by whichever process counts then. */
  private sweep(now: number): void {
    if (now - this.sweptAt < SWEEP_MS) return;
    this.sweptAt = now;
    deleteExpiredLimits(this.db, now).catch((error) =>
      console.error(`[ita] rate limits: could not delete ended windows: ${(error as Error).message}`),
    );
  }
}
