/** Connection probe for OBS Studio (POST /v1/tools/{id}/test): obs-websocket 5 handshake (Hello, Identify) and GetVersion, bounded in time. */
import OBSWebSocket, { OBSWebSocketError } from 'obs-websocket-js/json';
import type { WebSocket as WsSocket } from 'ws';
import {
  DEFAULT_TEST_TIMEOUT_MS,
  address,
  classifySocketError,
  failure,
  success,
  versionText,
  timeoutResult,
  websocketUrl,
  type TesterOptions,
  type ToolTarget,
  type ToolTestResult,
} from './probe-result.ts';

const PRODUCT = 'OBS';

/** obs-websocket 5 close codes (WebSocketCloseCode in its protocol.md) that the test tells apart. */
const CLOSE_AUTHENTICATION_FAILED = 4009;
const CLOSE_UNSUPPORTED_RPC_VERSION = 4010;

/**
 * obs-websocket-js, with two things it does not expose: the socket-level error (its own error keeps
 * only the message, and "refused" must be told from "not a WebSocket server" by the errno code), and
 * terminating a connection that is still opening (its connect() has no timeout of its own).
 */
class ProbeSocket extends OBSWebSocket {
  socketError: unknown;
  /** Called once when the first message is not an obs-websocket message (the library would ignore it and wait). */
  onForeign: () => void = () => {};
  private first = true;

  protected override async onMessage(e: MessageEvent<string | Blob | ArrayBuffer>): Promise<void> {
    if (this.first) {
      this.first = false;
      if (!isObsMessage(e.data)) return this.onForeign();
    }
    return super.onMessage(e);
  }

  protected override onError(e: ErrorEvent): void {
    this.socketError = (e as { error?: unknown }).error ?? e;
    super.onError(e);
  }

  terminate(): void {
    (this.socket as unknown as WsSocket | undefined)?.terminate();
  }
}

/** obs-websocket's first message is a JSON object `{ op: 0, d: {…} }` (we ask for the JSON subprotocol). */
function isObsMessage(data: unknown): boolean {
  if (typeof data !== 'string') return false;
  try {
    const message = JSON.parse(data) as { op?: unknown; d?: unknown };
    return message?.op === 0 && typeof message.d === 'object' && message.d !== null;
  } catch {
    return false;
  }
}

interface ObsVersion {
  obsVersion: string;
}

/**
 * Connects to ws://ip:port{endpoint} only, the address the egress policy checked (obs-websocket-js
 * opens one `ws` socket with redirects off), identifies with the password when OBS asks for it, asks GetVersion and closes. Never takes
 * longer than `timeoutMs`, never throws: every failure is a result with its own message.
 */
export async function testObs(target: ToolTarget, options: TesterOptions = {}): Promise<ToolTestResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS;
  const password = target.password ? target.password : undefined;
  const obs = new ProbeSocket();
  let stage: 'connect' | 'handshake' = 'connect';
  let helloSeen = false;
  let authRequested = false;
  obs.on('ConnectionOpened', () => {
    stage = 'handshake';
  });
  obs.on('Hello', (hello) => {
    helloSeen = true;
    authRequested = hello.authentication !== undefined;
  });
  // A close after Identified (e.g. while GetVersion is pending) leaves obs.call() waiting forever.
  const closedAfterIdentify = new Promise<OBSWebSocketError>((resolve) => obs.on('ConnectionClosed', resolve));

  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const foreign = new Promise<'foreign'>((resolve) => {
    obs.onForeign = () => resolve('foreign');
  });
  const attempt = (async (): Promise<{ version: ObsVersion } | { error: unknown }> => {
    try {
      await obs.connect(websocketUrl(target), password);
      const version = await Promise.race([
        obs.call('GetVersion') as Promise<ObsVersion>,
        closedAfterIdentify.then((e) => Promise.reject(e)),
      ]);
      return { version };
    } catch (error) {
      return { error };
    }
  })();

  try {
    const outcome = await Promise.race([attempt, deadline, foreign]);
    if (outcome === 'timeout') return timeoutResult(target, PRODUCT, timeoutMs, stage);
    if (outcome === 'foreign') {
      return failure('not_protocol', `${address(target)} answered with something other than an obs-websocket Hello: it is not OBS's WebSocket server.`);
    }
    if ('version' in outcome) {
      const v = versionText(outcome.version.obsVersion);
      return success(`Connected to OBS ${v} successfully!`, v);
    }
    return explain(outcome.error, target, { stage, helloSeen, authRequested, password: password !== undefined, socketError: obs.socketError });
  } finally {
    clearTimeout(timer);
    obs.terminate();
    obs.removeAllListeners();
  }
}

interface FailureContext {
  stage: 'connect' | 'handshake';
  helloSeen: boolean;
  authRequested: boolean;
  password: boolean;
  socketError: unknown;
}

function explain(error: unknown, target: ToolTarget, ctx: FailureContext): ToolTestResult {
  const where = address(target);
  if (ctx.stage === 'connect') return classifySocketError(ctx.socketError ?? error, target, PRODUCT);
  const code = error instanceof OBSWebSocketError ? error.code : undefined;
  const text = error instanceof Error ? error.message : '';
  if (/subprotocol/i.test(text)) {
    return failure('not_protocol', `${where} is a WebSocket server but not obs-websocket (it does not offer the obswebsocket.json protocol): it is not OBS.`);
  }
  if (code === CLOSE_AUTHENTICATION_FAILED) {
    return ctx.authRequested && !ctx.password
      ? failure('auth_failed', `Authentication failed: OBS at ${where} requires a password and none is saved for this tool.`)
      : failure('auth_failed', `Authentication failed: OBS at ${where} rejected the password. Check it under Tools → WebSocket Server Settings in OBS.`);
  }
  if (code === CLOSE_UNSUPPORTED_RPC_VERSION) {
    return failure('error', `OBS at ${where} does not support obs-websocket RPC version 1: update OBS or its obs-websocket plugin.`);
  }
  if (!ctx.helloSeen) {
    return failure('not_protocol', `${where} accepted the WebSocket connection but did not send an obs-websocket Hello: it is not OBS.`);
  }
  if (ctx.socketError !== undefined || (typeof code === 'number' && code < 4000)) {
    return failure('error', `OBS at ${where} closed the connection during the test${typeof code === 'number' && code > 0 ? ` (close code ${code})` : ''}.`);
  }
  // A request failure (OBSWebSocketError with a request status) or an obs-websocket close code. The
  // peer's own words (close reason, request comment) are not repeated: the code says enough.
  return failure('error', `OBS at ${where} refused the test${typeof code === 'number' ? ` (code ${code})` : ''}.`);
}
