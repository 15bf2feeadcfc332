/**
 * A live OBS Studio connection (obs-websocket 5 through obs-websocket-js): identify with the password,
 * GetVersion, pass the program's events on, run requests; reconnects (re-identifies) after OBS restarts.
 */
import OBSWebSocket, { OBSWebSocketError } from 'obs-websocket-js/json';
import type { WebSocket as WsSocket } from 'ws';
import { hostPort } from '../../net/host.ts';
import { versionText } from '../probe-result.ts';
import type { LinkHooks, LinkTarget, ToolAnswer, ToolLink } from './link.ts';
import { OpenFailure, startLink, type Session } from './reconnect.ts';

/** obs-websocket's close code for a refused Identify (WebSocketCloseCode.AuthenticationFailed). */
const CLOSE_AUTHENTICATION_FAILED = 4009;

/** The OBS events that go into the event log. */
export const OBS_EVENTS = ['CurrentProgramSceneChanged', 'StreamStateChanged', 'RecordStateChanged', 'InputMuteStateChanged'] as const;

class LinkSocket extends OBSWebSocket {
  terminate(): void {
    (this.socket as unknown as WsSocket | undefined)?.terminate();
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(what)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

async function openObs(target: LinkTarget, hooks: LinkHooks, ip: string): Promise<Session> {
  const obs = new LinkSocket();
  const where = hostPort(target.host, target.port);
  let closedResolve: (value: { reason: string }) => void = () => {};
  const closed = new Promise<{ reason: string }>((resolve) => {
    closedResolve = resolve;
  });
  try {
    await withTimeout(obs.connect(`ws://${hostPort(ip, target.port)}${target.endpoint}`, target.password ?? undefined), hooks.timeoutMs, `no obs-websocket answer from ${where} within ${hooks.timeoutMs} ms`);
  } catch (err) {
    obs.terminate();
    obs.removeAllListeners();
    if (err instanceof OBSWebSocketError && err.code === CLOSE_AUTHENTICATION_FAILED) {
      throw new OpenFailure('auth_failed', target.password ? `OBS at ${where} rejected the password` : `OBS at ${where} requires a password and none is saved`);
    }
    const code = (err as { code?: unknown }).code;
    throw new OpenFailure('unreachable', err instanceof OBSWebSocketError && typeof code === 'number' && code > 0 ? `OBS at ${where} closed the connection (code ${code})` : `OBS at ${where}: ${(err as Error).message || 'connection failed'}`);
  }
  obs.on('ConnectionClosed', (err) => closedResolve({ reason: `OBS at ${where} closed the connection${err.code ? ` (code ${err.code})` : ''}` }));
  for (const name of OBS_EVENTS) obs.on(name, (data: object) => hooks.onEvent({ type: name, data: data as Record<string, unknown>, at: Date.now() }));
  obs.on('ExitStarted', () => closedResolve({ reason: `OBS at ${where} is closing` }));

  const call = async (requestType: string, requestData?: unknown): Promise<ToolAnswer> => {
    try {
      const data = await withTimeout(
        Promise.race([(obs.call as (t: string, d?: unknown) => Promise<unknown>)(requestType, requestData), closed.then(() => Promise.reject(new Error('closed')))]),
        hooks.timeoutMs,
        'timeout',
      );
      return { ok: true, data: data ?? {} };
    } catch (err) {
      if (err instanceof OBSWebSocketError && err.code) return { ok: false, kind: 'tool', code: err.code, message: err.message };
      return { ok: false, kind: 'not_connected', state: 'unreachable', reason: (err as Error).message === 'timeout' ? `OBS did not answer ${requestType} in time` : `OBS at ${where} closed the connection` };
    }
  };
  const version = await call('GetVersion');
  const obsVersion = version.ok ? versionText((version.data as { obsVersion?: unknown }).obsVersion) : 'unknown';
  return {
    version: obsVersion,
    call: (message) => call(String(message.requestType), message.requestData),
    closed,
    close() {
      obs.terminate();
      obs.removeAllListeners();
      closedResolve({ reason: 'closed by Bifrost' });
    },
  };
}

export function startObsLink(target: LinkTarget, hooks: LinkHooks): ToolLink {
  return startLink(hooks, (ip) => openObs(target, hooks, ip));
}
