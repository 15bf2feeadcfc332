/** The outcome of a tool connection test, and the wording shared by the OBS and Streamer.bot testers. */

/** Why a test ended; `ok` is the only success. The dashboard can branch on it, users read `message`. */
export type ToolTestOutcome =
  | 'ok'
  | 'refused'
  | 'timeout'
  | 'auth_failed'
  | 'not_protocol'
  | 'host_not_found'
  | 'unreachable'
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
  host: string;
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

/** `ws://host:port/path`, with an IPv6 literal in brackets. */
export function websocketUrl(target: ToolTarget): string {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  return `ws://${host}:${target.port}${target.endpoint}`;
}

export function address(target: ToolTarget): string {
  return target.host.includes(':') ? `[${target.host}]:${target.port}` : `${target.host}:${target.port}`;
}

export function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

export function success(message: string, version: string): ToolTestResult {
  return { ok: true, outcome: 'ok', message, version };
}

export function failure(outcome: Exclude<ToolTestOutcome, 'ok'>, message: string): ToolTestResult {
  return { ok: false, outcome, message };
}

/**
 * Maps a socket-level error (before the WebSocket opened) to an outcome. `ws` reports refused or
 * unresolvable addresses with Node's errno codes, and a peer that is not an HTTP/WebSocket server
 * with an HTTP parse error or "Unexpected server response".
 */
export function classifySocketError(err: unknown, target: ToolTarget, product: string): ToolTestResult {
  const code = typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : '';
  const text = err instanceof Error ? err.message : String(err);
  const where = address(target);
  switch (code) {
    case 'ECONNREFUSED':
      return failure('refused', `Connection refused by ${where}: ${product} is not running there, or its WebSocket server is off or uses another port.`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return failure('host_not_found', `Host "${target.host}" could not be resolved: check the host name.`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return failure('unreachable', `${where} is unreachable from the Bifrost server (no route to host).`);
    case 'ECONNRESET':
    case 'EPIPE':
      return failure('not_protocol', `${where} closed the connection during the WebSocket handshake: it is not ${product}'s WebSocket server.`);
  }
  const status = /Unexpected server response: (\d+)/.exec(text);
  if (status) {
    return failure('not_protocol', `${where} answered with HTTP ${status[1]} instead of a WebSocket upgrade: it is not ${product}'s WebSocket server (check the port${product === 'Streamer.bot' ? ' and endpoint' : ''}).`);
  }
  if (code.startsWith('HPE_') || /Parse Error|Invalid Sec-WebSocket|Invalid HTTP|Server sent (no|an invalid) subprotocol/i.test(text)) {
    return failure('not_protocol', `${where} does not speak the WebSocket protocol ${product} uses: it is not ${product}'s WebSocket server.`);
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
