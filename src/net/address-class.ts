/**
 * Which special-purpose range an IP address falls in, for the egress policy. IPv4 carried inside
 * IPv6 (IPv4-mapped, IPv4-compatible, SIIT, NAT64, 6to4) is judged as the IPv4 address it carries,
 * because that is where a connection to it ends up.
 */
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'cgnat'
  | 'link-local'
  | 'metadata'
  | 'unspecified'
  | 'multicast'
  | 'broadcast'
  | 'reserved';

/** How messages name each class: "169.254.169.254, a link-local address". */
export const CLASS_NAMES: Readonly<Record<AddressClass, string>> = {
  public: 'a public address',
  loopback: 'a loopback address',
  private: 'a private-network address',
  cgnat: 'a carrier-grade NAT address (100.64.0.0/10)',
  'link-local': 'a link-local address',
  metadata: 'a cloud metadata address',
  unspecified: 'an unspecified address',
  multicast: 'a multicast address',
  broadcast: 'a broadcast address',
  reserved: 'a reserved address',
};

type Range = readonly [cidr: string, cls: AddressClass];

/** First match wins, so a single address inside a wider range comes before it. */
const IPV4_RANGES: readonly Range[] = [
  // Connecting to 0.0.0.0 (or anything in 0/8 on some systems) reaches this machine.
  ['0.0.0.0/8', 'unspecified'],
  ['10.0.0.0/8', 'private'],
  // Alibaba Cloud's instance metadata service sits inside the CGNAT range.
  ['100.100.100.200/32', 'metadata'],
  ['100.64.0.0/10', 'cgnat'],
  ['127.0.0.0/8', 'loopback'],
  // Includes 169.254.169.254, the metadata service of AWS, GCP, Azure and most other clouds.
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.168.0.0/16', 'private'],
  ['224.0.0.0/4', 'multicast'],
  ['255.255.255.255/32', 'broadcast'],
  ['240.0.0.0/4', 'reserved'],
];

const IPV6_RANGES: readonly Range[] = [
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  // AWS's IPv6 instance metadata endpoint: inside fc00::/7, so tools (which may use private
  // ranges) would otherwise reach it.
  ['fd00:ec2::254/128', 'metadata'],
  ['fe80::/10', 'link-local'],
  ['fc00::/7', 'private'],
  // Deprecated site-local addresses: private in practice.
  ['fec0::/10', 'private'],
  ['ff00::/8', 'multicast'],
  // Teredo hides an obfuscated IPv4 address: refused rather than decoded.
  ['2001::/32', 'reserved'],
];

/** IPv6 prefixes that carry an IPv4 address, and which bytes hold it. */
const CARRIERS: readonly [cidr: string, offset: number][] = [
  ['::ffff:0:0/96', 12], // IPv4-mapped
  ['::ffff:0:0:0/96', 12], // SIIT (RFC 6145)
  ['64:ff9b::/96', 12], // NAT64 well-known prefix (RFC 6052)
  ['64:ff9b:1::/48', 12], // NAT64 local-use prefix (RFC 8215), in the /96 layout
  ['2002::/16', 2], // 6to4
  ['::/96', 12], // IPv4-compatible (deprecated); :: and ::1 are matched before this is consulted
];

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];
type Table<V> = readonly (readonly [Cidr, V])[];

function parsed<V>(list: readonly (readonly [string, V])[]): Table<V> {
  return list.map(([cidr, value]) => [ipaddr.parseCIDR(cidr), value] as const);
}
const V4 = parsed<AddressClass>(IPV4_RANGES);
const V6 = parsed<AddressClass>(IPV6_RANGES);
const V6_CARRIERS = parsed<number>(CARRIERS);

function lookupRange<V>(addr: ipaddr.IPv4 | ipaddr.IPv6, table: Table<V>): V | undefined {
  for (const [[range, bits], value] of table) if (addr.kind() === range.kind() && addr.match(range as never, bits)) return value;
  return undefined;
}

export interface Classified {
  /** The address in its canonical form (IPv6 compressed, lower case). */
  address: string;
  /** The IPv4 address an IPv6 address carries, when it carries one. */
  carried?: string;
  class: AddressClass;
}

/** Parses an IP literal (no brackets) in its standard spelling; anything else is `undefined`. */
export function parseIp(value: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const bare = value.replace(/%.*$/, '');
  if (isIP(bare) === 0) return undefined;
  return ipaddr.parse(bare);
}

function classifyV4(addr: ipaddr.IPv4): AddressClass {
  return lookupRange(addr, V4) ?? 'public';
}

/** The IPv4 address carried by `addr`, if it is in one of the carrier prefixes. */
function carriedIpv4(addr: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const own = lookupRange(addr, V6);
  if (own === 'unspecified' || own === 'loopback') return undefined;
  const offset = lookupRange(addr, V6_CARRIERS);
  if (offset === undefined) return undefined;
  return new ipaddr.IPv4(addr.toByteArray().slice(offset, offset + 4));
}

/** Classifies an IP literal; `undefined` when `value` is not one. */
export function classifyAddress(value: string): Classified | undefined {
  const addr = parseIp(value);
  if (!addr) return undefined;
  if (addr.kind() === 'ipv4') return { address: addr.toString(), class: classifyV4(addr as ipaddr.IPv4) };
  const v6 = addr as ipaddr.IPv6;
  const carried = carriedIpv4(v6);
  if (carried) return { address: v6.toString(), carried: carried.toString(), class: classifyV4(carried) };
  return { address: v6.toString(), class: lookupRange(v6, V6) ?? 'public' };
}

/** Whether `value` (an IP literal) lies in one of `cidrs`, judging carried IPv4 as IPv4. */
export function inCidrs(value: string, cidrs: readonly Cidr[]): boolean {
  const addr = parseIp(value);
  if (!addr) return false;
  const candidates: (ipaddr.IPv4 | ipaddr.IPv6)[] = [addr];
  if (addr.kind() === 'ipv6') {
    const carried = carriedIpv4(addr as ipaddr.IPv6);
    if (carried) candidates.push(carried);
  }
  return candidates.some((a) => cidrs.some(([range, bits]) => a.kind() === range.kind() && a.match(range as never, bits)));
}

/** Parses `10.0.0.0/8`, `fd00::/8` or a bare address (a /32 or /128), in the standard spellings only. */
export function parseCidr(entry: string): Cidr | undefined {
  const [ip, bits, ...rest] = entry.trim().split('/');
  if (rest.length > 0 || ip === undefined) return undefined;
  const addr = parseIp(ip);
  if (!addr || ip.includes('%')) return undefined;
  const max = addr.kind() === 'ipv4' ? 32 : 128;
  if (bits === undefined) return [addr, max];
  if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) return undefined;
  return [addr, Number(bits)];
}
