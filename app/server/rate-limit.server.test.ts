import { describe, expect, it } from "vitest";
import { addressKey, clientAddress, RateLimiter } from "./rate-limit.server";

describe("clientAddress", () => {
  it("uses the socket's address and ignores X-Forwarded-For when no proxy is trusted", () => {
    expect(clientAddress("203.0.113.9", "198.51.100.1", 0)).toBe("203.0.113.9");
    expect(clientAddress(undefined, undefined, 0)).toBe("");
  });

  it("with one trusted hop takes the right-most entry (the one the proxy added), never the client-written left ones", () => {
    expect(clientAddress("127.0.0.1", "6.6.6.6, 198.51.100.7", 1)).toBe("198.51.100.7");
    expect(clientAddress("127.0.0.1", "1.1.1.1,2.2.2.2 , 198.51.100.7", 1)).toBe("198.51.100.7");
    expect(clientAddress("127.0.0.1", ["6.6.6.6", "198.51.100.7"], 1)).toBe("198.51.100.7");
    expect(clientAddress("127.0.0.1", "198.51.100.7", 1)).toBe("198.51.100.7");
  });

  it("with two trusted hops takes the second entry from the right", () => {
    expect(clientAddress("127.0.0.1", "6.6.6.6, 198.51.100.7, 10.0.0.2", 2)).toBe("198.51.100.7");
  });

  it("falls back to the left-most entry, then the socket, when there are fewer entries than hops", () => {
    expect(clientAddress("127.0.0.1", "198.51.100.7", 3)).toBe("198.51.100.7");
    expect(clientAddress("127.0.0.1", "", 1)).toBe("127.0.0.1");
    expect(clientAddress("127.0.0.1", undefined, 1)).toBe("127.0.0.1");
  });
});

describe("addressKey", () => {
  it("keeps an IPv4 address and reads an IPv4-mapped IPv6 address as that IPv4 address", () => {
    expect(addressKey("198.51.100.7")).toBe("198.51.100.7");
    expect(addressKey("::ffff:198.51.100.7")).toBe("198.51.100.7");
    expect(addressKey("::FFFF:c633:6407")).toBe("198.51.100.7");
  });

  it("counts an IPv6 address by its /64 network, however it is written", () => {
    expect(addressKey("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:0db8:0001:0002:ffff::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
    expect(addressKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    const keys = new Set(Array.from({ length: 40 }, (_, i) => addressKey(`2001:db8:9:9:${i.toString(16)}::${i}`)));
    expect([...keys]).toEqual(["2001:db8:9:9::/64"]);
  });

  it("keeps anything that is not an address as it is, and an empty one as 'unknown'", () => {
    expect(addressKey("not-an-address")).toBe("not-an-address");
    expect(addressKey("")).toBe("unknown");
  });
});

describe("RateLimiter", () => {
  it("allows the limit per /64 however many addresses of it ask at once, then refuses; another network has its own", async () => {
    const limiter = new RateLimiter(10, 60);
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => limiter.take(`2001:db8:5:5:${i.toString(16)}::1`)),
    );
    expect(answers.filter(Boolean)).toHaveLength(10);
    expect(await limiter.take("2001:db8:5:6::1")).toBe(true);
    expect(await limiter.take("::ffff:192.0.2.1")).toBe(true);
    expect(
      (await Promise.all(Array.from({ length: 12 }, () => limiter.take("192.0.2.1")))).filter(Boolean),
    ).toHaveLength(9);
  });

  it("gives an attempt back", async () => {
    const limiter = new RateLimiter(1, 60);
    expect(await limiter.take("192.0.2.2")).toBe(true);
    await limiter.giveBack("192.0.2.2");
    expect(await limiter.take("192.0.2.2")).toBe(true);
    expect(await limiter.take("192.0.2.2")).toBe(false);
  });
});
