/**
 * Bifrost's own listen addresses, which no member-chosen connection may reach: a webhook or tool
 * pointed back at Bifrost would let a member make requests that appear to come from Bifrost itself
 * (past `token_server.allowed_cidrs`, for one).
 */
import { networkInterfaces } from 'node:os';
import { classifyAddress, parseIp } from './address-class.ts';
import { bareHost } from './host.ts';

export interface ListenSettings {
  server: { host: string; port: number };
  metrics: { enabled: boolean; listen?: string | undefined };
}

export interface Listener {
  /** As configured: an IP, a wildcard (0.0.0.0, ::) or a name. */
  host: string;
  port: number;
}

/** The main listener, and the metrics listener when it has its own address. */
export function ownListeners(config: ListenSettings): Listener[] {
  const out: Listener[] = [{ host: bareHost(config.server.host), port: config.server.port }];
  const { enabled, listen } = config.metrics;
  if (enabled && listen) {
    const i = listen.lastIndexOf(':');
    out.push({ host: bareHost(listen.slice(0, i)), port: Number(listen.slice(i + 1)) });
  }
  return out;
}

/** Every address of this machine's interfaces (what a wildcard bind listens on besides loopback). */
export function interfaceAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address));
}

const WILDCARDS: ReadonlySet<string> = new Set(['', '0.0.0.0', '::', '::0']);

/** Same address, comparing an IPv4-mapped IPv6 address with the IPv4 address it carries. */
function sameAddress(a: string, b: string): boolean {
  const ca = classifyAddress(a);
  const cb = classifyAddress(b);
  if (!ca || !cb) return false;
  return (ca.carried ?? ca.address) === (cb.carried ?? cb.address);
}

export interface OwnAddressContext {
  /** This machine's interface addresses (injected in tests). */
  interfaces: () => string[];
  /** Addresses a listener configured by name resolves to. */
  resolve: (host: string) => Promise<string[]>;
}

/**
 * Whether a connection to `address`:`port` would reach one of `listeners`. A wildcard listener is
 * reached on any loopback address and any interface address; `localhost` on any loopback address;
 * another name on the addresses it resolves to (a failed lookup matches nothing).
 */
export async function reachesOwnListener(address: string, port: number, listeners: readonly Listener[], ctx: OwnAddressContext): Promise<boolean> {
  const cls = classifyAddress(address)?.class;
  for (const listener of listeners) {
    if (listener.port !== port) continue;
    const host = listener.host.toLowerCase();
    if (WILDCARDS.has(host)) {
      if (cls === 'loopback' || cls === 'unspecified' || ctx.interfaces().some((a) => sameAddress(a, address))) return true;
    } else if (host === 'localhost' || host.endsWith('.localhost')) {
      if (cls === 'loopback') return true;
    } else if (parseIp(host)) {
      if (sameAddress(host, address)) return true;
    } else {
      const resolved = await ctx.resolve(host).catch(() => []);
      if (resolved.some((a) => sameAddress(a, address))) return true;
    }
  }
  return false;
}
