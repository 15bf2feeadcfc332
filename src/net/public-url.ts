/**
 * Whether `server.public_url` can receive a platform's webhooks: https, and a host that is a DNS
 * name outside the local-only suffixes or a public IP address. Answers the reason when it cannot.
 */
import { classifyAddress } from './address-class.ts';

const LOCAL_SUFFIXES = ['.localhost', '.local', '.internal', '.lan', '.home.arpa', '.test', '.invalid'];

/** null when `url` may be reached from the internet; otherwise what is wrong with it. */
export function publicUrlProblem(url: string | undefined): string | null {
  if (!url) return 'server.public_url is not set';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'server.public_url is not a URL';
  }
  if (parsed.protocol !== 'https:') return 'server.public_url is not https';
  const host = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const ip = classifyAddress(host);
  if (ip) return ip.class === 'public' ? null : `server.public_url points at ${ip.class === 'loopback' ? 'a loopback' : 'a non-public'} address`;
  if (host === 'localhost' || !host.includes('.') || LOCAL_SUFFIXES.some((s) => host.endsWith(s))) return 'server.public_url is a local host name';
  return null;
}
