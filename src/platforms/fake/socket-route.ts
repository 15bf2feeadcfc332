/**
 * A WebSocket endpoint inside a fake's Fastify plugin that works both when the fake runs alone and when
 * sandbox mode mounts it in the main app. Another plugin of the app (@fastify/websocket) may already
 * route every HTTP upgrade through Fastify: then the fake's GET route takes the socket over. When no
 * such listener exists, the fake's own `upgrade` listener hands upgrades for its path to `ws`.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { WebSocketServer, type WebSocket } from 'ws';

/** Marks the upgrade listeners the fakes install, so each knows whether someone else routes upgrades. */
const FAKE_LISTENER = Symbol.for('bifrost.fake-socket-listener');

type Listener = ((req: IncomingMessage, socket: Duplex, head: Buffer) => void) & { [FAKE_LISTENER]?: true };

function othersRouteUpgrades(app: FastifyInstance): boolean {
  return (app.server.listeners('upgrade') as Listener[]).some((l) => !l[FAKE_LISTENER]);
}

/**
 * Serves a WebSocket at `path` (relative to the plugin's prefix). `onConnection` gets each socket and
 * the upgrade request (its URL carries the query string). Sockets are terminated when the app closes.
 */
export function mountFakeSocket(app: FastifyInstance, path: string, routeConfig: Record<string, unknown>, onConnection: (ws: WebSocket, req: IncomingMessage) => void): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true });
  const fullPath = `${app.prefix}${path}`;
  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, req));

  app.get(path, { config: routeConfig }, async (request, reply) => {
    if (String(request.headers.upgrade ?? '').toLowerCase() !== 'websocket') return reply.code(426).header('upgrade', 'websocket').send({ error: 'Upgrade Required', status: 426, message: 'connect with a WebSocket client' });
    reply.hijack();
    upgrade(request.raw, request.raw.socket, Buffer.alloc(0));
  });

  const listener: Listener = (req, socket, head) => {
    if (othersRouteUpgrades(app)) return; // the route above takes it
    const pathname = new URL(req.url ?? '/', 'http://fake').pathname.replace(/\/+$/, '');
    if (pathname === fullPath) upgrade(req, socket, head);
  };
  listener[FAKE_LISTENER] = true;
  app.server.on('upgrade', listener);
  app.addHook('preClose', async () => {
    app.server.off('upgrade', listener);
    for (const ws of wss.clients) ws.terminate();
  });
  return wss;
}
