/**
 * One spelling per host. A member may type 2130706433, 0x7f.1, 017700000001, 127.1 or
 * [::ffff:7f00:1]; the system resolver would read several of those as 127.0.0.1 while a naive check
 * sees a name. The WHATWG URL host parser (what every browser and Node's URL use) turns the numeric
 * forms into one dotted IPv4 address, lower-cases names and compresses IPv6, so the check and the
 * connection see the same thing.
 */
import { isIP } from 'node:net';

/** The canonical host (IPv6 without brackets), or `undefined` when `input` is not a bare host. */
export function normaliseHost(input: string): string | undefined {
  const trimmed = input.trim();
  if (trimmed === '' || /[/?#@\\\s]/.test(trimmed)) return undefined;
  const bracketed = trimmed.startsWith('[') && trimmed.endsWith(']');
  const inner = bracketed ? trimmed.slice(1, -1) : trimmed;
  // Colons belong to IPv6 literals only: "host:80" is a host with a port, not a host.
  if (inner.includes(':') ? isIP(inner) !== 6 : bracketed) return undefined;
  const hostPart = inner.includes(':') ? `[${inner}]` : inner;
  let url: URL;
  try {
    url = new URL(`http://${hostPart}/`);
  } catch {
    return undefined;
  }
  if (url.port !== '' || url.pathname !== '/' || url.username !== '' || url.password !== '') return undefined;
  return bareHost(url.hostname);
}

/** `url.hostname` keeps IPv6 brackets; sockets, resolvers and the policy want the bare address. */
export function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/** `host:port`, bracketing an IPv6 literal. */
export function hostPort(host: string, port: number): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The port an http(s) URL connects to: its own, or the scheme's default. */
export function urlPort(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}
