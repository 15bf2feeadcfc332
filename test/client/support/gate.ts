/**
 * A TCP gate in front of Bifrost: connections through it are piped to Bifrost while it is open;
 * closing it cuts every connection through it and refuses new ones. A test closes it to hold a client
 * away from Bifrost for as long as it likes (across a restart, while events arrive), then opens it.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface Gate {
  url: string;
  open(): void;
  close(): void;
  stop(): Promise<void>;
}

export async function startGate(target: string): Promise<Gate> {
  const { hostname, port } = new URL(target);
  let isOpen = true;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (!isOpen) return client.destroy();
    const upstream = connect(Number(port), hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const gatePort = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${gatePort}`,
    open: () => {
      isOpen = true;
    },
    close: () => {
      isOpen = false;
      for (const s of sockets) s.destroy();
    },
    stop: async () => {
      isOpen = false;
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
