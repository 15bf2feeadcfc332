/**
 * Kick webhook ingestion: the service behind `POST /v1/ingest/kick`. A delivery is stored only when
 * its signature verifies with Kick's public key (fetched from the API and cached), its timestamp is
 * within 5 minutes, and its subscription id is one a Kick connector recorded for a channel whose
 * broadcaster the signed body names. It is then appended to the log of every account holding that
 * subscription; the log keeps each message id once, so Kick's redeliveries change nothing.
 * Also records the subscriptions a Kick connector holds (`saveKickSubscriptions`).
 */
import type { Deps } from '../deps.ts';
import { AppError } from '../errors/app-error.ts';
import type { EventSource, IncomingEvent, WebhookSubscription } from '../platforms/event-types.ts';
import { kick } from '../platforms/kick/index.ts';
import { KICK_HEADERS, parseKickDelivery, publicKeyResponse, verifyKickSignature } from '../platforms/kick/webhook-wire.ts';
import type { PlatformSlug } from '../platforms/types.ts';

export const KICK_WEBHOOK_SOURCE: EventSource = 'kick.webhook';
/** Oldest delivery accepted, and how far ahead of this clock one may be. */
export const KICK_MAX_AGE_MS = 5 * 60_000;
export const KICK_MAX_SKEW_MS = 60_000;
/** A cached key is fetched again after this long, or sooner when a signature fails with a key older than KEY_RECHECK_MS. */
const KEY_TTL_MS = 24 * 60 * 60_000;
const KEY_RECHECK_MS = 10 * 60_000;

export interface AppendTarget {
  accountId: string;
  platform: PlatformSlug;
  integrationId: string | null;
  source: EventSource;
}
/** The log's append (src/events/log.ts `appendEvents` bound to its deps); resolves with the events newly stored. */
export type AppendFn = (target: AppendTarget, events: readonly IncomingEvent[]) => Promise<readonly unknown[]>;

export interface KickDelivery {
  headers: Readonly<Record<string, string | string[] | undefined>>;
  rawBody: string;
}

export interface KickIngest {
  /** Verifies and stores one delivery; how many accounts it went to and how many events were new. */
  ingest(delivery: KickDelivery): Promise<{ accounts: number; stored: number }>;
}

const header = (d: KickDelivery, name: string): string | undefined => {
  const v = d.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Parses Kick's RFC 3339 timestamp; NaN when it is not one. */
const parseTimestamp = (value: string): number => (/^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : NaN);

/** Creates the ingest service; it holds the cached public key, so runtime.ts makes one per runtime. */
export function createKickIngest(deps: Deps, append: AppendFn): KickIngest {
  let cached: { pem: string; fetchedAt: number } | null = null;
  let inFlight: Promise<string> | null = null;

  const fetchKey = (): Promise<string> => {
    inFlight ??= (async () => {
      try {
        const url = `${deps.config.integrations[kick.slug].endpoints.api}/public-key`;
        const res = await deps.fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(10_000) });
        const parsed = publicKeyResponse.safeParse(await res.json().catch(() => null));
        if (!res.ok || !parsed.success) throw new AppError('PLATFORM_UNAVAILABLE', `Kick's public-key endpoint answered ${res.status}; the delivery is refused so Kick retries`);
        cached = { pem: parsed.data.data.public_key, fetchedAt: deps.clock.now() };
        return cached.pem;
      } finally {
        inFlight = null;
      }
    })();
    return inFlight;
  };
  const key = async (): Promise<{ pem: string; fresh: boolean }> => {
    const now = deps.clock.now();
    if (cached && now - cached.fetchedAt < KEY_TTL_MS) return { pem: cached.pem, fresh: now - cached.fetchedAt < KEY_RECHECK_MS };
    return { pem: await fetchKey(), fresh: true };
  };

  return {
    async ingest(d) {
      const messageId = header(d, KICK_HEADERS.messageId);
      const subscriptionId = header(d, KICK_HEADERS.subscriptionId);
      const signature = header(d, KICK_HEADERS.signature);
      const timestamp = header(d, KICK_HEADERS.timestamp);
      const type = header(d, KICK_HEADERS.type);
      if (!messageId || !subscriptionId || !signature || !timestamp || !type) {
        throw new AppError('WEBHOOK_SIGNATURE_INVALID', 'a Kick delivery needs the Kick-Event-Message-Id, -Subscription-Id, -Signature, -Message-Timestamp and -Type headers');
      }
      const at = parseTimestamp(timestamp);
      const now = deps.clock.now();
      if (!Number.isFinite(at) || now - at > KICK_MAX_AGE_MS || at - now > KICK_MAX_SKEW_MS) {
        throw new AppError('WEBHOOK_STALE', 'Kick-Event-Message-Timestamp is more than 5 minutes from this server\'s clock; check the server time if this repeats', { details: { timestamp } });
      }
      let k = await key();
      let valid = verifyKickSignature(k.pem, messageId, timestamp, d.rawBody, signature);
      if (!valid && !k.fresh) {
        k = { pem: await fetchKey(), fresh: true }; // Kick may have rotated its key
        valid = verifyKickSignature(k.pem, messageId, timestamp, d.rawBody, signature);
      }
      if (!valid) throw new AppError('WEBHOOK_SIGNATURE_INVALID', "Kick-Event-Signature does not verify with Kick's public key");

      const holders = await deps.store.db
        .selectFrom('kick_webhook_subscriptions')
        .select(['integration_id', 'account_id', 'broadcaster_user_id', 'event'])
        .where('id', '=', subscriptionId)
        .execute();
      if (holders.length === 0) throw new AppError('WEBHOOK_SUBSCRIPTION_UNKNOWN', 'Kick-Event-Subscription-Id is not a subscription Bifrost holds', { details: { subscription_id: subscriptionId } });

      let body: unknown;
      try {
        body = JSON.parse(d.rawBody);
      } catch {
        throw new AppError('WEBHOOK_PAYLOAD_INVALID', 'the delivery body is not JSON');
      }
      const parsed = parseKickDelivery(type, body, messageId, at);
      // The type and subscription headers are not signed: the signed body must be of the subscription's event and channel.
      const targets = parsed ? holders.filter((h) => h.event === type && h.broadcaster_user_id === parsed.broadcasterUserId) : [];
      if (!parsed || targets.length === 0) throw new AppError('WEBHOOK_PAYLOAD_INVALID', `the body is not a ${type} delivery for the subscription's channel`);

      let stored = 0;
      for (const t of targets) {
        if (parsed.events.length === 0) continue;
        const added = await append({ accountId: t.account_id, platform: kick.slug, integrationId: t.integration_id, source: KICK_WEBHOOK_SOURCE }, parsed.events);
        stored += added.length;
      }
      return { accounts: targets.length, stored };
    },
  };
}

/** Replaces the subscriptions recorded for one Kick channel integration (an empty list removes them). */
export async function saveKickSubscriptions(
  deps: Pick<Deps, 'store' | 'clock'>,
  owner: { integrationId: string; accountId: string; broadcasterUserId: string },
  list: readonly WebhookSubscription[],
): Promise<void> {
  const now = deps.clock.now();
  await deps.store.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('kick_webhook_subscriptions').where('integration_id', '=', owner.integrationId).execute();
    if (list.length === 0) return;
    await trx
      .insertInto('kick_webhook_subscriptions')
      .values(list.map((s) => ({ id: s.id, integration_id: owner.integrationId, account_id: owner.accountId, broadcaster_user_id: owner.broadcasterUserId, event: s.event, version: s.version, created_at: now })))
      .execute();
  });
}
