/**
 * Kick's live connector (`kick.webhook`). Kick pushes events only by webhook to the URL set in the
 * app's developer settings [K5], so there is no connection to hold: `run` makes sure the channel's
 * subscriptions exist (`GET`/`POST /public/v1/events/subscriptions`), records them for the ingest
 * route, then idles and checks them again every `recheckMs` (Kick drops the subscriptions of a
 * webhook that keeps failing for over a day [K11]). Without a public https `public_url` it gives up at once: Kick
 * could not reach Bifrost (unless the Kick API is served by Bifrost itself, as sandbox mode's fake
 * is). `unsubscribe` deletes the subscriptions it made.
 */
import { publicUrlProblem } from '../../net/public-url.ts';
import { ConnectorGaveUp, type Connector, type ConnectorContext, type WebhookSubscription } from '../event-types.ts';
import { KICK_WEBHOOK_EVENTS } from './webhook-wire.ts';

export interface KickWebhookOptions {
  /** How often the subscriptions are checked again while running (ms). */
  recheckMs?: number;
}

const DEFAULT_RECHECK_MS = 30 * 60_000;

function sameOrigin(a: string | undefined, b: string | undefined): boolean {
  try {
    return !!a && !!b && new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

interface ListedSubscription {
  id: string;
  event: string;
  version: number;
  broadcaster_user_id: number;
  method?: string;
}

export function createKickWebhookConnector(options: KickWebhookOptions = {}): Connector {
  const recheckMs = options.recheckMs ?? DEFAULT_RECHECK_MS;

  /** One API call with the channel token; one forced refresh on 401. */
  async function call(ctx: ConnectorContext, method: string, path: string, body?: unknown, signal: AbortSignal = ctx.signal): Promise<{ status: number; body: unknown }> {
    let token = await ctx.accessToken();
    for (let attempt = 0; ; attempt++) {
      const res = await ctx.fetch(`${ctx.baseUrls.api}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal,
      });
      const text = await res.text();
      if (res.status === 401 && attempt === 0) {
        token = await ctx.tokenRejected();
        continue;
      }
      let parsed: unknown = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = text;
      }
      return { status: res.status, body: parsed };
    }
  }

  const fail = (what: string, r: { status: number; body: unknown }) => {
    const message = (r.body as { message?: string } | null)?.message;
    if (r.status === 403) return new ConnectorGaveUp(`Kick refused to ${what} (403${message ? `: ${message}` : ''}); reconnect Kick with the events:subscribe scope`);
    return new Error(`Kick answered ${r.status} to ${what}${message ? `: ${message}` : ''}`);
  };

  /** The channel's webhook subscriptions after creating the missing ones. */
  async function ensure(ctx: ConnectorContext): Promise<WebhookSubscription[]> {
    const broadcaster = ctx.channel.platformUserId;
    const listed = await call(ctx, 'GET', `/events/subscriptions?broadcaster_user_id=${encodeURIComponent(broadcaster)}`);
    if (listed.status !== 200) throw fail('list event subscriptions', listed);
    const mine = ((listed.body as { data?: ListedSubscription[] } | null)?.data ?? []).filter((s) => String(s.broadcaster_user_id) === broadcaster && (s.method ?? 'webhook') === 'webhook');
    const have = new Set(mine.map((s) => s.event));
    const missing = KICK_WEBHOOK_EVENTS.filter((e) => !have.has(e));
    const out: WebhookSubscription[] = mine.map((s) => ({ id: s.id, event: s.event, version: s.version }));
    if (missing.length > 0) {
      const created = await call(ctx, 'POST', '/events/subscriptions', { broadcaster_user_id: Number(broadcaster), events: missing.map((name) => ({ name, version: 1 })), method: 'webhook' });
      if (created.status !== 200 && created.status !== 201) throw fail('create event subscriptions', created);
      const rows = (created.body as { data?: { name: string; version: number; subscription_id?: string; error?: string }[] } | null)?.data ?? [];
      for (const r of rows) if (r.subscription_id) out.push({ id: r.subscription_id, event: r.name, version: r.version });
      const refused = rows.filter((r) => !r.subscription_id).map((r) => `${r.name}: ${r.error ?? 'refused'}`);
      if (refused.length > 0) throw new Error(`Kick did not subscribe ${refused.join('; ')}`);
    }
    return out;
  }

  async function record(ctx: ConnectorContext, list: readonly WebhookSubscription[]): Promise<void> {
    await ctx.webhookSubscriptions?.save(list);
    await ctx.cursor.set(list.length > 0 ? JSON.stringify(list.map((s) => s.id)) : null);
  }

  return {
    async run(ctx) {
      // A Kick API served by Bifrost itself (sandbox mode's fake) reaches Bifrost whatever its URL.
      const problem = sameOrigin(ctx.baseUrls.api, ctx.publicUrl) ? null : publicUrlProblem(ctx.publicUrl);
      if (problem) throw new ConnectorGaveUp(`Kick delivers events only by webhook to a public https URL (${problem}); set server.public_url to such an address and the app's webhook URL to <public_url>/v1/ingest/kick`);
      ctx.setState({ state: 'connecting' });
      for (;;) {
        await record(ctx, await ensure(ctx));
        ctx.setState({ state: 'connected' });
        await ctx.sleep(recheckMs);
      }
    },

    async unsubscribe(ctx) {
      const raw = await ctx.cursor.get();
      const ids = raw ? (JSON.parse(raw) as string[]) : [];
      if (ids.length > 0) {
        const q = ids.map((id) => `id=${encodeURIComponent(id)}`).join('&');
        // The connection is usually stopped (its signal aborted) by now: the removal has its own time limit.
        const r = await call(ctx, 'DELETE', `/events/subscriptions?${q}`, undefined, AbortSignal.timeout(10_000));
        if (r.status !== 204 && r.status !== 200 && r.status !== 404) throw fail('delete event subscriptions', r);
      }
      await record(ctx, []);
    },
  };
}
