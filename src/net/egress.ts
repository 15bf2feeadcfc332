/**
 * The one egress policy for addresses members choose (webhook URLs, tool hosts, and whatever comes
 * next): normalise the host, resolve it once, check every address it resolves to, and hand back the
 * checked address to connect to — never a second lookup, which DNS rebinding could answer otherwise.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { CLASS_NAMES, classifyAddress, inCidrs, parseCidr, type AddressClass, type Classified } from './address-class.ts';
import { hostPort, normaliseHost } from './host.ts';
import { interfaceAddresses, ownListeners, reachesOwnListener, type ListenSettings, type Listener } from './own-listeners.ts';

/** What is connecting: each kind has its own rules (webhooks reach the internet, tools the streamer's LAN). */
export type EgressKind = 'webhook' | 'tool';

/** host → its addresses; the seam tests use to play DNS (rebinding included). */
export type Lookup = (host: string) => Promise<string[]>;

export interface EgressSettings extends ListenSettings {
  egress: { allow: readonly string[] };
}

export interface EgressOptions {
  lookup?: Lookup;
  /** This machine's interface addresses (for a wildcard listener). */
  interfaces?: () => string[];
}

/** A checked destination: connect to `address`, present `host` (Host header, TLS server name). */
export interface EgressTarget {
  host: string;
  port: number;
  address: string;
  family: 4 | 6;
}

/**
 * Why a destination was refused: `refused` (its address class), `self` (one of Bifrost's own
 * listeners), `unresolved` (no address: the name does not resolve, or not in time). The message
 * says which address and why without a subject ("resolves to 10.0.0.5, a private-network address;
 * …"), so callers put the field or the host in front.
 */
export class EgressError extends Error {
  constructor(
    readonly reason: 'refused' | 'self' | 'unresolved',
    message: string,
  ) {
    super(message);
    this.name = 'EgressError';
  }
}

interface KindRules {
  noun: string;
  allowed: ReadonlySet<AddressClass>;
  /** Classes `[egress] allow` may open for this kind. */
  allowable: ReadonlySet<AddressClass>;
}

/**
 * Link-local (cloud metadata), unspecified, multicast, broadcast and reserved addresses are refused
 * for every kind. Tools keep loopback, private ranges and CGNAT (100.64/10, where tailnets and VPNs
 * put machines) because OBS and Streamer.bot live on the streamer's machine or LAN, and public
 * addresses for OBS with remote access. Webhooks reach public addresses only, unless an instance
 * admin lists a private range in `[egress] allow`.
 */
const RULES: Record<EgressKind, KindRules> = {
  webhook: { noun: 'webhooks', allowed: new Set(['public']), allowable: new Set(['loopback', 'private', 'cgnat']) },
  tool: { noun: 'tools', allowed: new Set(['public', 'loopback', 'private', 'cgnat']), allowable: new Set() },
};

/** Bound for one lookup when the caller gives no signal of its own. */
const DEFAULT_LOOKUP_TIMEOUT_MS = 5_000;

const systemLookup: Lookup = async (host) => (await dnsLookup(host, { all: true, verbatim: true })).map((a) => a.address);

function withSignal<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

function describe(c: Classified): string {
  return c.carried ? `${c.address} (${c.carried})` : c.address;
}

export interface EgressPolicy {
  /** Resolves `host`, checks every address, and returns the one to connect to; throws EgressError. */
  check(kind: EgressKind, host: string, port: number, options?: { signal?: AbortSignal }): Promise<EgressTarget>;
}

export function createEgressPolicy(config: EgressSettings, options: EgressOptions = {}): EgressPolicy {
  const lookup = options.lookup ?? systemLookup;
  const interfaces = options.interfaces ?? interfaceAddresses;
  const allow = config.egress.allow.map(parseCidr).filter((c) => c !== undefined);
  const listeners: Listener[] = ownListeners(config);

  function judge(kind: EgressKind, c: Classified, literal: boolean): void {
    const rules = RULES[kind];
    if (rules.allowed.has(c.class)) return;
    const allowable = rules.allowable.has(c.class);
    if (allowable && inCidrs(c.address, allow)) return;
    const what = `${literal ? 'is' : 'resolves to'} ${describe(c)}, ${CLASS_NAMES[c.class]}`;
    const hint = allowable ? ' unless an instance admin allows it in [egress] allow' : '';
    throw new EgressError('refused', `${what}; ${rules.noun} may not target it${hint}`);
  }

  return {
    async check(kind, rawHost, port, { signal } = {}) {
      const host = normaliseHost(rawHost);
      if (!host) throw new EgressError('refused', 'is not a host name or an IP address');
      const literal = isIP(host) !== 0;
      let addresses: string[];
      if (literal) {
        addresses = [host];
      } else {
        const bound = signal ?? AbortSignal.timeout(DEFAULT_LOOKUP_TIMEOUT_MS);
        try {
          addresses = await withSignal(lookup(host), bound);
        } catch (err) {
          const late = bound.aborted && err === bound.reason;
          throw new EgressError('unresolved', late ? 'did not resolve in time' : 'does not resolve');
        }
        if (addresses.length === 0) throw new EgressError('unresolved', 'does not resolve');
      }
      const classified = addresses.map((a) => classifyAddress(a));
      if (classified.some((c) => c === undefined)) throw new EgressError('unresolved', 'resolves to something that is not an IP address');
      // Every address is checked: a name with one public and one private address is refused.
      for (const c of classified as Classified[]) judge(kind, c, literal);
      const resolve = (name: string) => withSignal(lookup(name), signal ?? AbortSignal.timeout(DEFAULT_LOOKUP_TIMEOUT_MS));
      for (const c of classified as Classified[]) {
        if (await reachesOwnListener(c.address, port, listeners, { interfaces, resolve })) {
          const where = hostPort(c.address, port);
          throw new EgressError('self', `${literal ? 'is' : 'resolves to'} ${where}, Bifrost's own listen address; ${RULES[kind].noun} may not target it`);
        }
      }
      const first = classified[0] as Classified;
      return { host, port, address: first.address, family: isIP(first.address) === 6 ? 6 : 4 };
    },
  };
}
