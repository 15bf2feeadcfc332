/**
 * A fake StreamElements Astro gateway: answers `subscribe` with a `response` (or `err_unauthorized`
 * for a token it does not accept, `err_bad_request` for a malformed request) and pushes
 * `{id, ts, type: "message", topic, data}` notifications to the sockets subscribed to the topic.
 * `emit(type, fields)` sends a tip (`tip`, on `channel.tips` and as an activity) or an activity
 * (`follow`, `subscriber`, `cheer`, `raid`). Runs alone on 127.0.0.1 or inside Bifrost (sandbox mode).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

export const FAKE_ASTRO_TYPES = ['tip', 'follow', 'subscriber', 'cheer', 'raid'] as const;

const objectId = (): string => randomBytes(12).toString('hex');

export class FakeAstro {
  /** Tokens refused with err_unauthorized. */
  readonly rejectedTokens = new Set<string>();
  /** Accept only these tokens when not null. */
  acceptedTokens: Set<string> | null = null;
  readonly counts = { connections: 0, subscribes: 0, unauthorized: 0, sent: 0 };
  private readonly subscribers = new Map<WebSocket, Set<string>>();

  constructor(readonly now: () => number = Date.now) {}

  /** Serves one client socket. */
  attach(socket: WebSocket): void {
    this.counts.connections++;
    this.subscribers.set(socket, new Set());
    socket.on('close', () => this.subscribers.delete(socket));
    socket.on('message', (raw) => {
      let m: { type?: unknown; nonce?: unknown; data?: { topic?: unknown; token?: unknown; token_type?: unknown } };
      try {
        m = JSON.parse(String(raw)) as typeof m;
      } catch {
        return this.answer(socket, undefined, 'invalid_message', 'message is not JSON');
      }
      const nonce = typeof m.nonce === 'string' ? m.nonce : undefined;
      const topic = m.data?.topic;
      const token = m.data?.token;
      if ((m.type !== 'subscribe' && m.type !== 'unsubscribe') || typeof topic !== 'string' || typeof token !== 'string') return this.answer(socket, nonce, 'err_bad_request', 'bad request');
      if (this.rejectedTokens.has(token) || (this.acceptedTokens && !this.acceptedTokens.has(token))) {
        this.counts.unauthorized++;
        return this.answer(socket, nonce, 'err_unauthorized', 'invalid token');
      }
      const topics = this.subscribers.get(socket)!;
      if (m.type === 'subscribe') {
        this.counts.subscribes++;
        topics.add(topic);
      } else topics.delete(topic);
      socket.send(JSON.stringify({ id: objectId(), ts: new Date(this.now()).toISOString(), type: 'response', nonce, data: { message: `successfully ${m.type}d to topic`, topic } }));
    });
  }

  private answer(socket: WebSocket, nonce: string | undefined, error: string, message: string): void {
    socket.send(JSON.stringify({ id: objectId(), ts: new Date(this.now()).toISOString(), type: 'response', nonce, error, data: { message } }));
  }

  private publish(topic: string, data: unknown): void {
    const frame = JSON.stringify({ id: randomUUID(), ts: new Date(this.now()).toISOString(), type: 'message', topic, data });
    for (const [socket, topics] of this.subscribers) {
      if (topics.has(topic)) {
        socket.send(frame);
        this.counts.sent++;
      }
    }
  }

  /** Sends an event the way StreamElements would; false for an unknown type. */
  emit(type: string, fields: Record<string, unknown> = {}): boolean {
    if (!(FAKE_ASTRO_TYPES as readonly string[]).includes(type)) return false;
    const at = new Date(this.now()).toISOString();
    const username = String(fields.username ?? 'sandbox_viewer');
    const provider = String(fields.provider ?? 'twitch');
    const activityId = objectId();
    const data: Record<string, unknown> = { username, displayName: String(fields.display_name ?? username), providerId: String(fields.provider_id ?? '4242'), avatar: '' };
    if (type === 'tip') {
      const tipId = String(fields.id ?? objectId());
      const amount = Number(fields.amount ?? 5);
      const currency = String(fields.currency ?? 'USD');
      const message = fields.message === undefined ? 'thanks for the stream' : String(fields.message);
      this.publish('channel.tips', { _id: tipId, channel: 'fakechannel00000000000001', provider, status: 'success', donation: { user: { username }, amount, currency, message }, createdAt: at });
      Object.assign(data, { tipId, amount, currency, message });
    } else if (type === 'subscriber') {
      Object.assign(data, { amount: Number(fields.amount ?? 1), tier: String(fields.tier ?? '1000'), message: String(fields.message ?? ''), gifted: fields.gifted === true, bulkGifted: fields.bulk_gifted === true, ...(fields.sender ? { sender: String(fields.sender) } : {}) });
    } else if (type === 'cheer') {
      Object.assign(data, { amount: Number(fields.amount ?? 100), message: String(fields.message ?? 'cheer100') });
    } else if (type === 'raid') {
      Object.assign(data, { amount: Number(fields.amount ?? 12) });
    }
    this.publish('channel.activities', { _id: activityId, activityId, channel: 'fakechannel00000000000001', type, provider, flagged: false, data, createdAt: at, updatedAt: at });
    return true;
  }

  /** Closes every client connection (a gateway restart). */
  dropAll(): void {
    for (const socket of this.subscribers.keys()) socket.terminate();
  }
}

export interface FakeAstroHandle {
  /** `ws://127.0.0.1:<port>` */
  url: string;
  astro: FakeAstro;
  close(): Promise<void>;
}

/** Starts the gateway alone on 127.0.0.1, port 0. */
export async function startFakeAstro(): Promise<FakeAstroHandle> {
  const astro = new FakeAstro();
  const http = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ noServer: true });
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => wss.handleUpgrade(req, socket, head, (ws) => astro.attach(ws)));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    astro,
    close: async () => {
      astro.dropAll();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
