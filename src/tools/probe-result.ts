/** The outcome of a tool connection probe (POST /v1/tools/{id}/test), and the wording shared by the OBS and Streamer.bot probes. */
import { hostPort } from '../net/host.ts';

/** Why a test ended; `ok` is the only success. The dashboard can branch on it, users read `message`. */
export type ToolTestOutcome =
  | 'ok'
  | 'refused'
  | 'timeout'
  | 'auth_failed'
  | 'not_protocol'
  | 'host_not_found'
  | 'unreachable'
  | 'not_allowed'
  | 'error';

export interface ToolTestResult {
  ok: boolean;
  outcome: ToolTestOutcome;
  message: string;
  /** The program's version when the test succeeded. */
  version?: string;
}

/** Where a tester connects: nothing else is ever contacted. */
export interface ToolTarget {
  /** The host as configured, for messages. */
  host: string;
  /** The IP address the egress policy checked for `host`: the only one a tester connects to. */
  ip: string;
  port: number;
  /** Path of the WebSocket endpoint, starting with "/". */
  endpoint: string;
  password?: string | null | undefined;
}

export interface TesterOptions {
  /** Upper bound for the whole test (TCP, upgrade, handshake, request), in milliseconds. */
  timeoutMs?: number;
}

export const DEFAULT_TEST_TIMEOUT_MS = 5_000;

/** `ws://ip:port/path` to the checked address (no second lookup), with an IPv6 literal in brackets. */
export function websocketUrl(target: ToolTarget): string {
  return `ws://${hostPort(target.ip, target.port)}${target.endpoint}`;
}

/** The tool's address as the member configured it, for messages. */
export function address(target: Pick<ToolTarget, 'host' | 'port'>): string {
  return hostPort(target.host, target.port);
}

/** A version string from the peer, as shown to users: printable and short. */
export function versionText(value: unknown): string {
  const text = String(value ?? '').replace(/[^\x20-\x7e]/g, '').slice(0, 40);
  return text || 'unknown';
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

export function hostNotFound(target: Pick<ToolTarget, 'host'>): ToolTestResult {
  return failure('host_not_found', `Host "${target.host}" could not be resolved: check the host name.`);
}

/**
 * The one answer for a peer that is not a WebSocket server (an HTTP status, a parse error, a reset
 * during the upgrade): nothing of what it sent is repeated, so the Test cannot be used to read
 * banners or pages of other services on Bifrost's network.
 */
function notWebSocket(target: Pick<ToolTarget, 'host' | 'port'>, product: string): ToolTestResult {
  const check = product === 'Streamer.bot' ? 'the port and endpoint' : 'the port';
  return failure('not_protocol', `${address(target)} answered, but not as a WebSocket server: it is not ${product}'s WebSocket server (check ${check}).`);
}

export function success(message: string, version: string): ToolTestResult {
  return { ok: true, outcome: 'ok', message, version };
}

export function failure(outcome: Exclude<ToolTestOutcome, 'ok'>, message: string): ToolTestResult {
  return { ok: false, outcome, message };
}

/**
 * Maps a socket-level error (before the WebSocket opened) to an outcome. `ws` reports refused or
 * unreachable addresses with Node's errno codes; anything the peer said instead of a WebSocket
 * upgrade (an HTTP status, unparsable bytes, a reset) is one coarse `not_protocol`.
 */
export function classifySocketError(err: unknown, target: ToolTarget, product: string): ToolTestResult {
  const code = typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : '';
  const text = err instanceof Error ? err.message : String(err);
  const where = address(target);
  switch (code) {
    case 'ECONNREFUSED':
      return failure('refused', `Connection refused by ${where}: ${product} is not running there, or its WebSocket server is off or uses another port.`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return failure('unreachable', `${where} is unreachable from the Bifrost server (no route to host).`);
    case 'ECONNRESET':
    case 'EPIPE':
      return notWebSocket(target, product);
  }
  if (/Server sent (no|an invalid) subprotocol/i.test(text)) {
    return failure('not_protocol', `${where} is a WebSocket server, but not ${product}'s (it does not offer ${product}'s subprotocol).`);
  }
  if (code.startsWith('HPE_') || /Unexpected server response|Parse Error|Invalid Sec-WebSocket|Invalid HTTP/i.test(text)) {
    return notWebSocket(target, product);
  }
  return failure('error', `Could not connect to ${product} at ${where}${code ? ` (${code})` : ''}.`);
}

export function timeoutResult(target: ToolTarget, product: string, timeoutMs: number, stage: 'connect' | 'handshake'): ToolTestResult {
  const where = address(target);
  if (stage === 'connect') {
    return failure(
      'timeout',
      `Timed out after ${seconds(timeoutMs)}: no WebSocket answer from ${where}. A firewall or missing port forwarding is probably blocking it, or the address is wrong.`,
    );
  }
  return failure('timeout', `Timed out after ${seconds(timeoutMs)}: ${where} accepted the WebSocket connection but did not complete ${product}'s handshake. Is it ${product}?`);
}
