/**
 * A WebSocket endpoint inside a fake's Fastify plugin that works both when the fake runs alone and when
 * sandbox mode mounts it in the main app. Another plugin of the app (@fastify/websocket) may already
 * route every HTTP upgrade through Fastify: then an onRequest hook of the fake takes the socket over. When no
 * such listener exists, the fake's own `upgrade` listener hands upgrades for its path to `ws`.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { WebSocketServer, type WebSocket } from 'ws';

/** Marks the upgrade listeners the fakes install with their path, so each knows whether someone else routes upgrades. */
const FAKE_LISTENER = Symbol.for('bifrost.fake-socket-listener');

type Listener = ((req: IncomingMessage, socket: Duplex, head: Buffer) => void) & { [FAKE_LISTENER]?: string };

const upgradeListeners = (app: FastifyInstance) => app.server.listeners('upgrade') as Listener[];

function othersRouteUpgrades(app: FastifyInstance): boolean {
  return upgradeListeners(app).some((l) => l[FAKE_LISTENER] === undefined);
}

/**
 * Serves a WebSocket at `path` (relative to the plugin's prefix). `onConnection` gets each socket and
 * the upgrade request (its URL carries the query string). Upgrades that Fastify routes are taken over
 * in an onRequest hook of `app`'s scope, so another GET route at the same path (a fake's JSON listing)
 * keeps answering plain requests; `route: false` leaves the GET route to that other handler.
 * Sockets are terminated when the app closes.
 */
export function mountFakeSocket(
  app: FastifyInstance,
  path: string,
  routeConfig: Record<string, unknown>,
  onConnection: (ws: WebSocket, req: IncomingMessage) => void,
  options: { route?: boolean } = {},
): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true });
  const fullPath = `${app.prefix}${path}`;
  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, req));
  const pathOf = (url: string | undefined) => new URL(url ?? '/', 'http://fake').pathname.replace(/\/+$/, '');
  const isUpgrade = (req: IncomingMessage) => String(req.headers.upgrade ?? '').toLowerCase() === 'websocket';

  app.addHook('onRequest', async (request, reply) => {
    if (!isUpgrade(request.raw) || pathOf(request.raw.url) !== fullPath) return;
    reply.hijack();
    upgrade(request.raw, request.raw.socket, Buffer.alloc(0));
    return reply;
  });
  if (options.route !== false) {
    app.get(path, { config: routeConfig }, async (_request, reply) =>
      reply.code(426).header('upgrade', 'websocket').send({ error: 'Upgrade Required', status: 426, message: 'connect with a WebSocket client' }),
    );
  }

  const listener: Listener = (req, socket, head) => {
    if (othersRouteUpgrades(app)) return; // routed through Fastify: the hook above takes it
    const path = pathOf(req.url);
    if (path === fullPath) return upgrade(req, socket, head);
    // A path no fake serves: the first fake listener answers 404 rather than leave the socket hanging.
    const fakes = upgradeListeners(app).filter((l) => l[FAKE_LISTENER] !== undefined);
    if (fakes[0] === listener && !fakes.some((l) => l[FAKE_LISTENER] === path)) socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  };
  listener[FAKE_LISTENER] = fullPath;
  app.server.on('upgrade', listener);
  app.addHook('preClose', async () => {
    app.server.off('upgrade', listener);
    for (const ws of wss.clients) ws.terminate();
  });
  return wss;
}
