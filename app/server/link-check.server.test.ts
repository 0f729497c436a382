import os from "node:os";
import { describe, expect, it } from "vitest";
import { isPrivateAddress, refusedAddressReason } from "./link-check.server";

const NONE = new Set<string>();

describe("the link check's address classifier", () => {
  it("allows public addresses", () => {
    for (const address of ["8.8.8.8", "203.0.114.1", "198.51.101.1", "2001:4860:4860::8888", "::ffff:8.8.8.8"]) {
      expect(refusedAddressReason(address, NONE), address).toBe(null);
    }
  });

  it("refuses the three documentation ranges of IPv4 (TEST-NET-1, -2 and -3)", () => {
    for (const address of ["192.0.2.1", "192.0.2.255", "198.51.100.7", "203.0.113.200"]) {
      expect(refusedAddressReason(address, NONE), address).not.toBe(null);
    }
  });

  it("refuses IPv4-compatible IPv6 addresses (::a.b.c.d), public ones included", () => {
    expect(refusedAddressReason("::8.8.8.8", NONE)).toBe("ipv4-compatible");
    expect(refusedAddressReason("::127.0.0.1", NONE)).toBe("ipv4-compatible");
    expect(refusedAddressReason("::a00:1", NONE)).toBe("ipv4-compatible");
  });

  it("refuses NAT64 addresses (64:ff9b::/96 and the local-use 64:ff9b:1::/48)", () => {
    expect(refusedAddressReason("64:ff9b::7f00:1", NONE)).not.toBe(null);
    expect(refusedAddressReason("64:ff9b::8.8.8.8", NONE)).not.toBe(null);
    expect(refusedAddressReason("64:ff9b:1::a00:1", NONE)).not.toBe(null);
  });

  it("refuses 6to4 addresses (2002::/16), which carry an IPv4 address such as 127.0.0.1", () => {
    expect(refusedAddressReason("2002:7f00:1::1", NONE)).not.toBe(null);
    expect(refusedAddressReason("2002:808:808::1", NONE)).not.toBe(null);
  });

  it("refuses loopback, private, link-local, carrier-grade NAT, benchmarking, multicast and reserved IPv4", () => {
    for (const address of [
      "0.0.0.0",
      "0.1.2.3",
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "192.0.0.8",
      "198.18.0.1",
      "224.0.0.1",
      "240.0.0.1",
      "255.255.255.255",
    ]) {
      expect(refusedAddressReason(address, NONE), address).not.toBe(null);
    }
  });

  it("refuses IPv6 loopback, unspecified, unique-local, link-local, site-local, multicast, Teredo and documentation", () => {
    for (const address of [
      "::1",
      "::",
      "fd00::1",
      "fe80::1",
      "fec0::1",
      "ff02::1",
      "2001::1",
      "2001:db8::1",
      "100::1",
    ]) {
      expect(refusedAddressReason(address, NONE), address).not.toBe(null);
    }
  });

  it("refuses IPv6 outside global unicast (2000::/3)", () => {
    expect(refusedAddressReason("4000::1", NONE)).toBe("not-global");
  });

  it("judges an IPv4-mapped address (::ffff:a.b.c.d) by its IPv4 address", () => {
    expect(refusedAddressReason("::ffff:127.0.0.1", NONE)).toBe("loopback");
    expect(refusedAddressReason("::ffff:192.0.2.1", NONE)).not.toBe(null);
    expect(refusedAddressReason("[::ffff:10.0.0.1]", NONE)).toBe("private");
  });

  it("refuses an address of the server's own interfaces, even a public one", () => {
    expect(refusedAddressReason("8.8.8.8", new Set(["8.8.8.8"]))).toBe("own-interface");
    expect(refusedAddressReason("2001:4860:4860::8888", new Set(["2001:4860:4860:0:0:0:0:8888"]))).toBe(
      "own-interface",
    );
    for (const list of Object.values(os.networkInterfaces())) {
      for (const entry of list ?? []) expect(isPrivateAddress(entry.address), entry.address).toBe(true);
    }
  });

  it("refuses what is not an address", () => {
    expect(refusedAddressReason("example.go.th", NONE)).toBe("invalid");
    expect(refusedAddressReason("", NONE)).toBe("invalid");
  });
});
