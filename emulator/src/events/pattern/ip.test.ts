import { describe, expect, it } from "vitest";
import { ipFamily, parseCidr, singleAddress } from "./ip";

describe("IP addresses", () => {
  it("recognizes addresses the way event-ruler does", () => {
    expect(ipFamily("10.0.0.1")).toBe("ipv4");
    expect(ipFamily("2001:db8::1")).toBe("ipv6");
    expect(ipFamily("10.0.0.256")).toBeUndefined();
    expect(ipFamily("12:34")).toBeUndefined();
    expect(ipFamily("example.com")).toBeUndefined();
  });

  it("matches CIDR blocks, masking host bits", () => {
    const block = parseCidr("10.0.0.9/24");
    expect(block.ok).toBe(true);
    if (!block.ok) return;
    expect(block.set.contains("10.0.0.0")).toBe(true);
    expect(block.set.contains("10.0.0.255")).toBe(true);
    expect(block.set.contains("10.0.1.0")).toBe(false);
    expect(block.set.contains("not an ip")).toBe(false);
    expect(block.set.contains("::1")).toBe(false);
  });

  it("accepts /0 and IPv6 blocks", () => {
    const all = parseCidr("0.0.0.0/0");
    expect(all.ok && all.set.contains("203.0.113.7")).toBe(true);
    const v6 = parseCidr("2001:db8::/32");
    expect(v6.ok && v6.set.contains("2001:db8:ffff::1")).toBe(true);
    expect(v6.ok && v6.set.contains("2001:db9::1")).toBe(false);
  });

  it("treats trailing slashes like Java's split", () => {
    expect(parseCidr("10.0.0.0/")).toEqual({ ok: false, message: "Malformed CIDR, one '/' required" });
    expect(parseCidr("10.0.0.0/8/8")).toEqual({ ok: false, message: "Malformed CIDR, one '/' required" });
    expect(parseCidr("10.0.0.0/ 8")).toEqual({ ok: false, message: "Malformed CIDR, mask bits must be an integer" });
  });

  it("compares single addresses in any spelling", () => {
    expect(singleAddress("2001:db8::1")?.contains("2001:0DB8:0:0:0:0:0:1")).toBe(true);
    expect(singleAddress("10.0.0.1")?.contains("10.0.0.2")).toBe(false);
    expect(singleAddress("hello")).toBeUndefined();
  });
});
