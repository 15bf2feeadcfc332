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
import { recordAudit } from '../audit/write.ts';
import type { AuditActor } from '../integrations/audit-actor.ts';
import type { TokenEventType } from './events.ts';
import { EgressError } from '../net/egress.ts';
import { bareHost, urlPort } from '../net/host.ts';

export interface WebhookView {
  id: string;
  url: string;
  events: string[];
  created_at: string;
  last_delivery_at: string | null;
  last_status: number | null;
}

export function checkWebhookUrl(value: string): string {
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
export async function checkWebhookDestination(deps: Deps, value: string): Promise<void> {
  const url = new URL(value);
  try {
    await deps.egress.check('webhook', bareHost(url.hostname), urlPort(url));
  } catch (err) {
    if (!(err instanceof EgressError)) throw err;
    if (err.reason !== 'unresolved') throw invalidField('url', err.message);
  }
}

export async function listWebhooks(deps: Deps, accountId: string): Promise<WebhookView[]> {
  const hooks = await deps.store.db.selectFrom('webhooks').select(['id', 'url', 'events', 'created_at']).where('account_id', '=', accountId).orderBy('created_at').orderBy('id').execute();
  const out: WebhookView[] = [];
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
      created_at: new Date(h.created_at).toISOString(),
      last_delivery_at: last?.delivered_at ? new Date(last.delivered_at).toISOString() : null,
      last_status: last?.last_status ?? null,
    });
  }
  return out;
}

export async function createWebhook(deps: Deps, accountId: string, input: { url: string; events: TokenEventType[] }, actor: AuditActor): Promise<WebhookView & { secret: string }> {
  const url = checkWebhookUrl(input.url);
  await checkWebhookDestination(deps, url);
  const events = [...new Set(input.events)];
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
      secret_enc: encryptSecret(deps.keyring, secret, { table: 'webhooks', column: 'secret_enc', rowId: id }),
      created_by: actor.actor.id ?? null,
      created_at: now,
    })
    .execute();
  await recordAudit(deps, { accountId, actor: actor.actor, action: 'webhook.created', target: { type: 'webhook', id }, ip: actor.ip ?? null, details: { url_host: new URL(url).host, events } });
  return { id, url, events, created_at: new Date(now).toISOString(), last_delivery_at: null, last_status: null, secret };
}

export async function deleteWebhook(deps: Deps, accountId: string, id: string, actor: AuditActor): Promise<void> {
  const res = await deps.store.db.deleteFrom('webhooks').where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw notFound('webhook');
  await recordAudit(deps, { accountId, actor: actor.actor, action: 'webhook.deleted', target: { type: 'webhook', id }, ip: actor.ip ?? null });
}
