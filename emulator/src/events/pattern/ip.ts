import { BlockList, isIP } from "node:net";

/**
 * IP handling for `cidr` and for exact values that are IP addresses (event-ruler compares those as
 * addresses, so "2001:db8::1" matches "2001:0db8:0:0:0:0:0:1").
 */

// event-ruler only treats a string as an address when it looks like one; anything else is not an IP.
const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

type Family = "ipv4" | "ipv6";

function familyOf(address: string): Family | undefined {
  const version = isIP(address);
  return version === 4 ? "ipv4" : version === 6 ? "ipv6" : undefined;
}

/** The address family of `text` if it is an IP address in event-ruler's sense, else undefined. */
export function ipFamily(text: string): Family | undefined {
  if (!IPV4_SHAPE.test(text) && !IPV6_SHAPE.test(text)) return undefined;
  return familyOf(text);
}

/** A set of addresses (one address or a CIDR block) tested against event strings. */
export interface AddressSet {
  contains(value: string): boolean;
}

function addressSet(list: BlockList, family: Family): AddressSet {
  return {
    contains(value: string): boolean {
      const valueFamily = ipFamily(value);
      if (valueFamily !== family) return false;
      try {
        return list.check(value, valueFamily);
      } catch {
        return false;
      }
    },
  };
}

/** The single address `text` (already known to be an IP) as an address set. */
export function singleAddress(text: string): AddressSet | undefined {
  const family = ipFamily(text);
  if (!family) return undefined;
  const list = new BlockList();
  list.addAddress(text, family);
  return addressSet(list, family);
}

/**
 * Parses a `cidr` value the way event-ruler does, with its messages: exactly one "/", an integer mask,
 * IPv4 masks below 32 and IPv6 masks below 128 (a single address is written as an exact value instead).
 */
export function parseCidr(text: string): { ok: true; set: AddressSet } | { ok: false; message: string } {
  // Java's String.split drops trailing empty parts: "10.0.0.0/" has one part, not two.
  const parts = text.split("/");
  while (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  if (parts.length !== 2) return { ok: false, message: "Malformed CIDR, one '/' required" };
  const [address = "", maskText = ""] = parts;
  if (!/^[+-]?\d{1,10}$/.test(maskText) || Math.abs(Number(maskText)) > 2147483647) {
    return { ok: false, message: "Malformed CIDR, mask bits must be an integer" };
  }
  const maskBits = Number(maskText);
  if (maskBits < 0) return { ok: false, message: "Malformed CIDR, mask bits must not be negative" };
  const looksLikeIp = IPV4_SHAPE.test(address) || IPV6_SHAPE.test(address);
  if (!looksLikeIp) return { ok: false, message: `Nonstandard IP address: ${address}` };
  const family = familyOf(address);
  if (!family) return { ok: false, message: `Invalid IP address: ${address}` };
  if (family === "ipv4" && maskBits > 31) return { ok: false, message: "IPv4 mask bits must be < 32" };
  if (family === "ipv6" && maskBits > 127) return { ok: false, message: "IPv6 mask bits must be < 128" };
  const list = new BlockList();
  try {
    list.addSubnet(address, maskBits, family);
  } catch {
    return { ok: false, message: `Invalid IP address: ${address}` };
  }
  return { ok: true, set: addressSet(list, family) };
}
