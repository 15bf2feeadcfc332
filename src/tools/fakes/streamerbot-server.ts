/**
 * A local Streamer.bot WebSocket server for tests: Hello with instance info and, when a password is
 * set, a salt and challenge; Authenticate checked as Streamer.bot checks it; GetInfo, GetActions,
 * DoAction, Subscribe (events reach only clients subscribed to them). Requests before
 * authentication are refused; a failed Authenticate is answered with an error and the connection
 * closed. Listens on 127.0.0.1 (port 0 unless told), at one endpoint; counts what it saw.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { streamerbotAuthentication } from '../streamerbot-probe.ts';

export interface FakeStreamerbotOptions {
  password?: string;
  version?: string;
  /** Path the WebSocket server answers at (Streamer.bot's "Endpoint"); default "/". */
  endpoint?: string;
  /** Listen on this port (a restarted fake keeps its address). */
  port?: number;
  actions?: FakeStreamerbotAction[];
}

export interface FakeStreamerbotAction {
  id: string;
  name: string;
  group: string;
  enabled: boolean;
}

export interface FakeStreamerbot {
  port: number;
  actions: FakeStreamerbotAction[];
  /** DoAction requests run, with their arguments. */
  runs: { id: string; name: string; args: Record<string, unknown> }[];
  /** Sends an event to the clients subscribed to `source.type`, as Streamer.bot does. */
  emit(source: string, type: string, data: Record<string, unknown>): void;
  counts: { connections: number; authenticated: number; authFailures: number; requests: Record<string, number> };
  close(): Promise<void>;
}

export async function startFakeStreamerbot(options: FakeStreamerbotOptions = {}): Promise<FakeStreamerbot> {
  const endpoint = options.endpoint ?? '/';
  const info = {
    instanceId: randomUUID(),
    name: 'Streamer.bot',
    os: 'windows',
    osVersion: '10.0.22631.0',
    version: options.version ?? '0.2.5',
    source: 'websocketServer',
  };
  const counts = { connections: 0, authenticated: 0, authFailures: 0, requests: {} as Record<string, number> };
  const actions: FakeStreamerbotAction[] = options.actions ?? [
    { id: '9a1b2c3d-0000-4000-8000-000000000001', name: 'Shout Out', group: 'Chat', enabled: true },
    { id: '9a1b2c3d-0000-4000-8000-000000000002', name: 'Scene Flash', group: 'OBS', enabled: true },
    { id: '9a1b2c3d-0000-4000-8000-000000000003', name: 'Old Action', group: '', enabled: false },
  ];
  const runs: FakeStreamerbot['runs'] = [];
  const subscriptions = new Map<WebSocket, Record<string, string[]>>();
  const http = createServer((_req, res) => {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
  });
  const wss = new WebSocketServer({ noServer: true });
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if ((req.url ?? '/').split('?')[0] !== endpoint) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (socket: WebSocket) => {
    counts.connections += 1;
    const salt = randomBytes(16).toString('base64');
    const challenge = randomBytes(16).toString('base64');
    const authRequired = options.password !== undefined;
    let authenticated = !authRequired;
    const send = (message: unknown) => socket.send(JSON.stringify(message));
    send({
      timestamp: new Date().toISOString(),
      session: randomUUID(),
      request: 'Hello',
      info,
      ...(authRequired ? { authentication: { salt, challenge } } : {}),
    });

    socket.on('close', () => subscriptions.delete(socket));
    socket.on('message', (raw) => {
      let message: { request?: unknown; id?: unknown; authentication?: unknown };
      try {
        message = JSON.parse(raw.toString());
      } catch {
        return;
      }
      const request = typeof message.request === 'string' ? message.request : '';
      const id = message.id;
      counts.requests[request] = (counts.requests[request] ?? 0) + 1;
      if (request === 'Authenticate') {
        if (authRequired && message.authentication === streamerbotAuthentication(options.password as string, salt, challenge)) {
          authenticated = true;
          counts.authenticated += 1;
          return send({ id, status: 'ok' });
        }
        counts.authFailures += 1;
        send({ id, status: 'error', error: 'Authentication failed' });
        return socket.close(1008, 'Authentication failed');
      }
      if (!authenticated) return send({ id, status: 'error', error: 'Authentication required' });
      if (request === 'GetInfo') return send({ id, status: 'ok', info });
      if (request === 'GetActions') return send({ id, status: 'ok', actions: actions.map((a) => ({ ...a, subactions_count: 1 })), count: actions.length });
      if (request === 'DoAction') {
        const wanted = (message as { action?: { id?: unknown; name?: unknown } }).action ?? {};
        const action = actions.find((a) => (wanted.id !== undefined ? a.id === wanted.id : a.name === wanted.name));
        if (!action) return send({ id, status: 'error', error: 'Action not found' });
        runs.push({ id: action.id, name: action.name, args: ((message as { args?: Record<string, unknown> }).args ?? {}) });
        return send({ id, status: 'ok' });
      }
      if (request === 'Subscribe') {
        const events = ((message as { events?: Record<string, string[]> }).events ?? {});
        const current = subscriptions.get(socket) ?? {};
        for (const [source, types] of Object.entries(events)) current[source] = [...new Set([...(current[source] ?? []), ...types])];
        subscriptions.set(socket, current);
        return send({ id, status: 'ok', events: current });
      }
      send({ id, status: 'error', error: `Unknown request: ${request}` });
    });
  });

  await new Promise<void>((resolve) => http.listen(options.port ?? 0, '127.0.0.1', resolve));
  return {
    port: (http.address() as AddressInfo).port,
    counts,
    actions,
    runs,
    emit(source, type, data) {
      for (const [client, events] of subscriptions) {
        if (events[source]?.includes(type)) client.send(JSON.stringify({ timeStamp: new Date().toISOString(), event: { source, type }, data }));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
