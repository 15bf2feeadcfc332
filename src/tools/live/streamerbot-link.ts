/**
 * A live Streamer.bot connection: its Hello, Authenticate, GetInfo, Subscribe to the chosen events, and
 * requests by id; reconnects after Streamer.bot restarts. Written on `ws` like the probe (one socket to
 * the checked address, redirects off, bounded in time) rather than @streamerbot/client, which needs a
 * global WebSocket (Node 22+) and runs its own reconnect loop beside ours.
 */
import { randomBytes } from 'node:crypto';
import { WebSocket, type RawData } from 'ws';
import { hostPort } from '../../net/host.ts';
import { streamerbotAuthentication } from '../streamerbot-probe.ts';
import { versionText } from '../probe-result.ts';
import type { LinkHooks, LinkTarget, ToolAnswer, ToolLink, ToolMessage } from './link.ts';
import { OpenFailure, startLink, type Session } from './reconnect.ts';

/** Answers are small, but GetActions lists every action: a generous bound. */
const MAX_PAYLOAD = 8 * 1024 * 1024;

/** The Streamer.bot events a link subscribes to unless the tool says otherwise (its Custom and General events). */
export const DEFAULT_STREAMERBOT_EVENTS: Record<string, string[]> = { General: ['Custom'] };

type Payload = Record<string, unknown> & { id?: unknown; status?: unknown; error?: unknown; event?: { source?: unknown; type?: unknown }; data?: unknown };

function parse(data: RawData): Payload | undefined {
  try {
    const value: unknown = JSON.parse(data.toString());
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Payload) : undefined;
  } catch {
    return undefined;
  }
}

function openStreamerbot(target: LinkTarget, hooks: LinkHooks, ip: string, events: Record<string, string[]>): Promise<Session> {
  const where = hostPort(target.host, target.port);
  const socket = new WebSocket(`ws://${hostPort(ip, target.port)}${target.endpoint}`, { followRedirects: false, maxPayload: MAX_PAYLOAD, perMessageDeflate: false });
  socket.on('error', () => {});
  const pending = new Map<string, (payload: Payload) => void>();
  let closedResolve: (value: { reason: string }) => void = () => {};
  const closed = new Promise<{ reason: string }>((resolve) => {
    closedResolve = resolve;
  });
  const send = (message: ToolMessage): Promise<Payload> => {
    const id = `bifrost:${randomBytes(6).toString('hex')}`;
    return new Promise<Payload>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`Streamer.bot did not answer ${String(message.request)} in time`));
      }, hooks.timeoutMs);
      pending.set(id, (payload) => {
        clearTimeout(timer);
        resolve(payload);
      });
      closed.then(() => {
        if (pending.delete(id)) {
          clearTimeout(timer);
          reject(new Error(`Streamer.bot at ${where} closed the connection`));
        }
      });
      socket.send(JSON.stringify({ ...message, id }));
    });
  };

  return new Promise<Session>((resolve, reject) => {
    let done = false;
    const fail = (failure: OpenFailure) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.terminate();
      reject(failure);
    };
    const timer = setTimeout(() => fail(new OpenFailure('unreachable', `no Streamer.bot answer from ${where} within ${hooks.timeoutMs} ms`)), hooks.timeoutMs);
    let hello: Payload | undefined;

    socket.on('close', () => {
      closedResolve({ reason: `Streamer.bot at ${where} closed the connection` });
      fail(new OpenFailure(hello?.authentication ? 'auth_failed' : 'unreachable', hello?.authentication ? `Streamer.bot at ${where} rejected the password` : `Streamer.bot at ${where} closed the connection`));
    });
    socket.on('error', (err) => fail(new OpenFailure('unreachable', `Streamer.bot at ${where}: ${(err as NodeJS.ErrnoException).code ?? err.message}`)));
    socket.on('message', (raw, isBinary) => {
      const payload = isBinary ? undefined : parse(raw);
      if (!payload) return;
      if (typeof payload.id === 'string' && pending.has(payload.id)) {
        const answer = pending.get(payload.id);
        pending.delete(payload.id);
        return answer?.(payload);
      }
      if (payload.event && typeof payload.event === 'object') {
        const type = `${String(payload.event.source)}.${String(payload.event.type)}`;
        const data = payload.data !== null && typeof payload.data === 'object' ? (payload.data as Record<string, unknown>) : { value: payload.data };
        return hooks.onEvent({ type, data, at: Date.now() });
      }
      if (!hello && (payload.request === 'Hello' || typeof payload.info === 'object')) {
        hello = payload;
        void handshake(payload);
      }
    });

    async function handshake(payload: Payload): Promise<void> {
      try {
        const auth = payload.authentication as { salt?: unknown; challenge?: unknown } | undefined;
        if (auth) {
          if (!target.password) return fail(new OpenFailure('auth_failed', `Streamer.bot at ${where} requires a password and none is saved`));
          const answer = await send({ request: 'Authenticate', authentication: streamerbotAuthentication(target.password, String(auth.salt), String(auth.challenge)) });
          if (answer.status !== 'ok') return fail(new OpenFailure('auth_failed', `Streamer.bot at ${where} rejected the password`));
        }
        const info = await send({ request: 'GetInfo' });
        if (info.status !== 'ok') return fail(new OpenFailure('auth_failed', `Streamer.bot at ${where} refused GetInfo`));
        const version = versionText((info.info as { version?: unknown } | undefined)?.version ?? (payload.info as { version?: unknown } | undefined)?.version);
        if (Object.keys(events).length > 0) await send({ request: 'Subscribe', events });
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve({
          version,
          closed,
          async call(message): Promise<ToolAnswer> {
            try {
              const answer = await send(message);
              if (answer.status === 'error') return { ok: false, kind: 'tool', code: 'error', message: typeof answer.error === 'string' ? answer.error : 'Streamer.bot refused the request' };
              const { id: _id, status: _status, ...data } = answer;
              return { ok: true, data };
            } catch (err) {
              return { ok: false, kind: 'not_connected', state: 'unreachable', reason: (err as Error).message };
            }
          },
          close() {
            socket.terminate();
          },
        });
      } catch (err) {
        fail(new OpenFailure('unreachable', (err as Error).message));
      }
    }
  });
}

export function startStreamerbotLink(target: LinkTarget, hooks: LinkHooks, events: Record<string, string[]> = DEFAULT_STREAMERBOT_EVENTS): ToolLink {
  return startLink(hooks, (ip) => openStreamerbot(target, hooks, ip, events));
}
