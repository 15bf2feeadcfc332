/**
 * Misbehaving peers for the tool connection tests, all on 127.0.0.1: one that accepts TCP and never
 * answers, two that speak plain HTTP (200 with a page, 403 with a body), one that writes random
 * text, and a port nothing listens on.
 */
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export interface Peer {
  port: number;
  /** TCP connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

function track(server: Server): { sockets: Set<Socket>; count: () => number } {
  const sockets = new Set<Socket>();
  let count = 0;
  server.on('connection', (socket: Socket) => {
    count += 1;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  return { sockets, count: () => count };
}

async function listen(server: Server): Promise<Peer> {
  const { sockets, count } = track(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: count,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Accepts the TCP connection, reads everything, answers nothing (a black hole behind a firewall). */
export function startSilentPeer(): Promise<Peer> {
  return listen(createServer((socket) => socket.resume()));
}

/** An ordinary web server: answers every request, the WebSocket upgrade included, with 200 and HTML. */
export function startHttpPeer(): Promise<Peer> {
  const server = createHttpServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>router</title>');
  });
  // Without an 'upgrade' listener Node answers upgrades like any request, through the handler above.
  return listen(server);
}

/** What the 403 peer answers: a tester's result must repeat none of it. */
export const FORBIDDEN_BODY = 'internal-admin-panel: access denied for 10.1.2.3 (token=peer-secret-7f3a)';

/** An internal service that refuses the request: `HTTP/1.1 403 Forbidden` and a telling body. */
export function startForbiddenPeer(): Promise<Peer> {
  const server = createHttpServer((_req, res) => {
    res.writeHead(403, 'Forbidden', { 'content-type': 'text/plain' }).end(FORBIDDEN_BODY);
  });
  return listen(server);
}

/** Writes a line of random text as soon as it connects (an SSH banner, a game server, a chat daemon). */
export function startTextPeer(): Promise<Peer> {
  return listen(
    createServer((socket) => {
      socket.resume();
      socket.write('SSH-2.0-OpenSSH_9.6 hello from something else\r\n');
    }),
  );
}

/** A port that was just free: bind port 0, note it, close. Nothing listens there afterwards. */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
