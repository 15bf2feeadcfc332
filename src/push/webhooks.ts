/**
 * Webhooks an account registers for token events. The signing secret is returned once and kept
 * encrypted (it must be used again to sign, so it cannot be a hash). Targets are http(s) URLs the
 * account's admins choose, within the egress policy (checked here and again at every delivery);
 * deliveries are bounded in time and never follow redirects.
 */
import type { Deps } from '../deps.ts';
import { invalidField, notFound } from '../errors/app-error.ts';
import { prefixedId, randomToken } from '../crypto/random.ts';
import { encryptSecret } from '../crypto/envelope.ts';
import { recordAudit } from '../audit/record.ts';
import { accountOf, actorOf, type Caller } from '../access/caller.ts';
import type { TokenEventType } from './events.ts';
import type { EventType } from '../platforms/event-types.ts';
import { EgressError } from '../net/egress.ts';
import { bareHost, urlPort } from '../net/host.ts';

/** A webhook as the APIs show it: never its signing secret (only in the answer that creates it). Times are epoch ms. */
export interface Webhook {
  id: string;
  url: string;
  events: string[];
  /** Live event types delivered to it (the envelope as the body). */
  eventTypes: string[];
  createdAt: number;
  lastDeliveryAt: number | null;
  lastStatus: number | null;
}

function checkWebhookUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidField('url', 'must be an absolute http(s) URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalidField('url', 'must start with https:// (or http://)');
  if (url.username || url.password) throw invalidField('url', 'must not contain credentials; authenticate deliveries with the signature');
  return url.toString();
}

/**
 * The egress check at creation, for an early, clear 400. A name that does not resolve (yet) is
 * accepted: there is nothing to judge, and every delivery checks again before it connects.
 */
async function checkWebhookDestination(deps: Deps, value: string): Promise<void> {
  const url = new URL(value);
  try {
    await deps.egress.check('webhook', bareHost(url.hostname), urlPort(url));
  } catch (err) {
    if (!(err instanceof EgressError)) throw err;
    if (err.reason !== 'unresolved') throw invalidField('url', err.message);
  }
}

export async function listWebhooks(deps: Deps, caller: Caller): Promise<Webhook[]> {
  const accountId = accountOf(caller);
  const hooks = await deps.store.db.selectFrom('webhooks').select(['id', 'url', 'events', 'event_types', 'created_at']).where('account_id', '=', accountId).orderBy('created_at').orderBy('id').execute();
  const out: Webhook[] = [];
  for (const h of hooks) {
    const last = await deps.store.db
      .selectFrom('webhook_deliveries')
      .select(['delivered_at', 'last_status', 'created_at'])
      .where('webhook_id', '=', h.id)
      .where('attempts', '>', 0)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    out.push({
      id: h.id,
      url: h.url,
      events: JSON.parse(h.events) as string[],
      eventTypes: JSON.parse(h.event_types) as string[],
      createdAt: Number(h.created_at),
      lastDeliveryAt: last?.delivered_at ? Number(last.delivered_at) : null,
      lastStatus: last?.last_status ?? null,
    });
  }
  return out;
}

export async function createWebhook(deps: Deps, caller: Caller, input: { url: string; events: TokenEventType[]; event_types?: readonly EventType[] | undefined }): Promise<Webhook & { secret: string }> {
  const accountId = accountOf(caller);
  const actor = actorOf(caller);
  const url = checkWebhookUrl(input.url);
  await checkWebhookDestination(deps, url);
  const events = [...new Set(input.events)];
  const eventTypes = [...new Set(input.event_types ?? [])];
  const id = prefixedId('whk');
  const secret = `whsec_${randomToken(32)}`;
  const now = deps.clock.now();
  await deps.store.db
    .insertInto('webhooks')
    .values({
      id,
      account_id: accountId,
      url,
      events: JSON.stringify(events),
      event_types: JSON.stringify(eventTypes),
      secret_enc: encryptSecret(deps.keyring, secret, { table: 'webhooks', column: 'secret_enc', rowId: id }),
      created_by: actor.actor.id ?? null,
      created_at: now,
    })
    .execute();
  await recordAudit(deps, { accountId, actor: actor.actor, action: 'webhook.created', target: { type: 'webhook', id }, ip: actor.ip ?? null, details: { url_host: new URL(url).host, events, event_types: eventTypes } });
  return { id, url, events, eventTypes, createdAt: now, lastDeliveryAt: null, lastStatus: null, secret };
}

export async function deleteWebhook(deps: Deps, caller: Caller, id: string): Promise<void> {
  const accountId = accountOf(caller);
  const actor = actorOf(caller);
  const res = await deps.store.db.deleteFrom('webhooks').where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw notFound('webhook');
  await recordAudit(deps, { accountId, actor: actor.actor, action: 'webhook.deleted', target: { type: 'webhook', id }, ip: actor.ip ?? null });
}
