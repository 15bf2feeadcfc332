/**
 * The StreamElements connector (`streamelements`): one Astro gateway WebSocket per stored JWT,
 * subscribed to `channel.tips` and `channel.activities`. A subscribe answered `err_unauthorized`
 * means the JWT was revoked or replaced in StreamElements: the token is marked failing and the
 * connector gives up (no retry loop). What is mapped: tips → `tip` (from either topic; both carry
 * the tip's id, so one tip is stored once); activities `follow` → `follow`, `subscriber` →
 * `subscription` (or `subscription.gift` for a community gift), `cheer` → `cheer`, `raid` → `raid`.
 * Other activities (host, merch, redemptions of SE's store) are not carried.
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { ConnectorGaveUp, type Connector, type ConnectorContext, type EventActor, type IncomingEvent } from '../platforms/event-types.ts';

export const ASTRO_TOPICS = ['channel.tips', 'channel.activities'] as const;
export const DEFAULT_ASTRO_URL = 'wss://astro.streamelements.com';

export interface StreamElementsConnectorOptions {
  /** The Astro gateway (config `streamelements.astro_url`). */
  astroUrl?: string;
  /** Records that StreamElements refused the token (the token's id is `ctx.integrationId`). */
  markFailing?: (ctx: ConnectorContext, reason: string) => Promise<void>;
  /** A gateway that answers nothing for this long is treated as gone (ms). */
  idleTimeoutMs?: number;
}

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : {});
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null);

function actorOf(d: Rec): EventActor | null {
  const username = str(d.username) ?? str(rec(d.user).username) ?? str(d.name);
  if (!username) return null;
  return { id: str(d.providerId), username, display_name: str(d.displayName) ?? username };
}

/** One Astro notification as the log's event, or null for what is not carried. */
export function normaliseAstro(topic: string, notificationId: string, payload: unknown, now: number): IncomingEvent | null {
  const p = rec(payload);
  const occurredAt = Date.parse(String(p.createdAt ?? '')) || now;
  if (topic === 'channel.tips') {
    // A tip: `donation.{user, amount, currency, message}`, as SE's tips API shows it.
    const donation = rec(p.donation);
    const amount = num(donation.amount) ?? num(p.amount);
    if (amount === null) return null;
    const id = str(p._id) ?? notificationId;
    return { type: 'tip', sourceId: `tip:${id}`, occurredAt, actor: actorOf(rec(donation.user)), data: { amount, currency: str(donation.currency) ?? str(p.currency) ?? 'USD', message: str(donation.message) ?? str(p.message) } };
  }
  if (topic !== 'channel.activities') return null;
  const d = rec(p.data);
  const id = str(p._id) ?? str(p.activityId) ?? notificationId;
  const base = { sourceId: `activity:${id}`, occurredAt, actor: actorOf(d) };
  const amount = num(d.amount);
  switch (p.type) {
    case 'tip':
      if (amount === null) return null;
      return { ...base, sourceId: `tip:${str(d.tipId) ?? id}`, type: 'tip', data: { amount, currency: str(d.currency) ?? 'USD', message: str(d.message) } };
    case 'follow':
      return { ...base, type: 'follow', data: {} };
    case 'subscriber':
      if (d.bulkGifted === true) return { ...base, actor: d.sender ? { id: null, username: String(d.sender), display_name: String(d.sender) } : base.actor, type: 'subscription.gift', data: { tier: str(d.tier), count: amount ?? 1, anonymous: false } };
      return { ...base, type: 'subscription', data: { tier: str(d.tier), months: amount, message: str(d.message), is_gift: d.gifted === true } };
    case 'cheer':
      return amount === null ? null : { ...base, type: 'cheer', data: { bits: amount, message: str(d.message) } };
    case 'raid':
      return { ...base, type: 'raid', data: { viewers: amount ?? 0 } };
    default:
      return null;
  }
}

/** Where sandbox mode serves the fake gateway: `ws(s)://<public_url>/sandbox/streamelements/astro`. */
export function sandboxAstroUrl(publicUrl: string): string {
  return `${publicUrl.replace(/^http/, 'ws').replace(/\/+$/, '')}/sandbox/streamelements/astro`;
}

export function createStreamElementsConnector(options: StreamElementsConnectorOptions = {}): Connector {
  const astroUrl = options.astroUrl ?? DEFAULT_ASTRO_URL;
  const idleTimeoutMs = options.idleTimeoutMs ?? 5 * 60_000;

  return {
    async run(ctx) {
      ctx.setState({ state: 'connecting' });
      const token = await ctx.accessToken();
      const ws = new WebSocket(astroUrl, { handshakeTimeout: 15_000 });
      const nonces = new Map<string, string>();
      let subscribed = 0;
      let chain: Promise<void> = Promise.resolve();

      await new Promise<void>((resolve, reject) => {
        let idle: ReturnType<typeof setTimeout> | undefined;
        let finished = false;
        const finish = (err?: Error) => {
          if (finished) return;
          finished = true;
          clearTimeout(idle);
          ctx.signal.removeEventListener('abort', onAbort);
          ws.removeAllListeners();
          ws.on('error', () => {});
          if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.terminate();
          // Let events already handed to the log finish before the run ends.
          void chain.then(() => (err ? reject(err) : resolve()), reject);
        };
        const touch = () => {
          clearTimeout(idle);
          idle = setTimeout(() => finish(new Error('the StreamElements gateway went quiet')), idleTimeoutMs);
          idle.unref?.();
        };
        const onAbort = () => finish();
        ctx.signal.addEventListener('abort', onAbort, { once: true });

        ws.on('open', () => {
          touch();
          for (const topic of ASTRO_TOPICS) {
            const nonce = randomUUID();
            nonces.set(nonce, topic);
            ws.send(JSON.stringify({ type: 'subscribe', nonce, data: { topic, token, token_type: 'jwt' } }));
          }
        });
        ws.on('message', (raw) => {
          touch();
          let m: Rec;
          try {
            m = rec(JSON.parse(String(raw)));
          } catch {
            return;
          }
          if (m.type === 'response') {
            const topic = nonces.get(String(m.nonce ?? ''));
            if (m.error === 'err_unauthorized') {
              const reason = 'StreamElements refused this JWT (revoked or replaced); copy a new one from the StreamElements dashboard';
              chain = chain.then(() => options.markFailing?.(ctx, reason)).catch(() => {});
              return finish(new ConnectorGaveUp(reason));
            }
            if (m.error) return finish(new Error(`StreamElements refused the ${topic ?? 'topic'} subscription: ${String(m.error)}`));
            if (topic && ++subscribed === ASTRO_TOPICS.length) ctx.setState({ state: 'connected' });
            return;
          }
          if (m.type !== 'message') return;
          const event = normaliseAstro(String(m.topic ?? ''), String(m.id ?? randomUUID()), m.data, ctx.now());
          if (event) chain = chain.then(() => ctx.emit('streamelements', [event])).catch((err: unknown) => finish(err as Error));
        });
        ws.on('close', () => finish(new Error('the StreamElements gateway closed the connection')));
        ws.on('error', (err) => finish(err));
      });
    },
  };
}
