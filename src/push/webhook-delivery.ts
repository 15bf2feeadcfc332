/**
 * Webhook delivery from the outbox: any instance's worker claims due deliveries with a lease, POSTs
 * the signed body with a bounded time, and retries failures with backoff until webhooks.max_attempts.
 * Redirects are not followed (a 3xx is a failure): the target is exactly the URL the admin configured.
 * Every attempt passes the egress policy first and connects to the address it checked, so a name
 * re-pointed at a private address after creation (DNS rebinding) is refused, not reached.
 */
import { createHmac } from 'node:crypto';
import type { Deps } from '../deps.ts';
import { decryptSecret } from '../crypto/envelope.ts';
import { VERSION } from '../version.ts';
import { backoffDelay } from '../net/backoff.ts';
import { EgressError } from '../net/egress.ts';
import { bareHost, urlPort } from '../net/host.ts';
import { pinnedRequest } from '../net/pinned-request.ts';

const LEASE_MS = 60_000;
const RETENTION_MS = 7 * 24 * 60 * 60_000;

const SIGNATURE_HEADER = 'x-bifrost-signature';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` — the timestamp is signed so old deliveries cannot be replayed as new. */
function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

export type Track = (id: string, work: () => Promise<unknown>) => void;

/** Delivery claims a lease as this instance, and jitters retries with the push service's randomness. */
export interface DeliveryDeps extends Deps {
  /** This instance's lease owner id. */
  readonly owner: string;
  /** Uniform [0,1) randomness for the retry jitter. */
  readonly random: () => number;
}

export async function deliverDueWebhooks(deps: DeliveryDeps, track: Track, limit: number): Promise<number> {
  if (limit <= 0) return 0;
  const now = deps.clock.now();
  const db = deps.store.db;
  let due = db
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('state', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .orderBy('next_attempt_at')
    .limit(limit);
  if (deps.store.caps.skipLocked) due = due.forUpdate().skipLocked();
  const claimed = await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({ lease_until: now + LEASE_MS, lease_owner: deps.owner, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', due)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .returningAll()
    .execute();
  for (const d of claimed) track(d.id, () => deliver(deps, d));
  return claimed.length;
}

interface Claimed {
  id: string;
  webhook_id: string;
  event_type: string;
  body: string;
  attempts: number;
}

async function deliver(deps: DeliveryDeps, d: Claimed): Promise<void> {
  const hook = await deps.store.db.selectFrom('webhooks').select(['id', 'url', 'secret_enc']).where('id', '=', d.webhook_id).executeTakeFirst();
  if (!hook) return;
  const secret = decryptSecret(deps.keyring, hook.secret_enc, { table: 'webhooks', column: 'secret_enc', rowId: hook.id });
  const { status, error } = await post(deps, hook.url, {
    'content-type': 'application/json',
    'user-agent': `Bifrost-Webhooks/${VERSION}`,
    'x-bifrost-event': d.event_type,
    'x-bifrost-delivery': d.id,
    [SIGNATURE_HEADER]: signatureHeader(secret, d.body, Math.floor(deps.clock.now() / 1000)),
  }, d.body);
  const now = deps.clock.now();
  if (error === null) {
    deps.metrics.webhookDeliveries.inc({ outcome: 'delivered' });
    await deps.store.db
      .updateTable('webhook_deliveries')
      .set({ state: 'delivered', delivered_at: now, last_status: status, last_error: null, lease_until: null, lease_owner: null })
      .where('id', '=', d.id)
      .execute();
    return;
  }
  const exhausted = d.attempts >= deps.config.webhooks.max_attempts;
  deps.metrics.webhookDeliveries.inc({ outcome: exhausted ? 'failed' : 'retry' });
  const delay = backoffDelay(d.attempts, { baseMs: 10_000, capMs: 60 * 60_000 }, deps.random);
  await deps.store.db
    .updateTable('webhook_deliveries')
    .set({ state: exhausted ? 'failed' : 'pending', next_attempt_at: now + delay, last_status: status, last_error: error, lease_until: null, lease_owner: null })
    .where('id', '=', d.id)
    .execute();
}

/**
 * One attempt, bounded by webhooks.timeout from the lookup to the response head. `error` is what
 * the delivery row records: never the target's words (its body or status text), which a member
 * could otherwise read back from the API about an address of the server's network.
 */
async function post(deps: Deps, rawUrl: string, headers: Record<string, string>, body: string): Promise<{ status: number | null; error: string | null }> {
  const signal = AbortSignal.timeout(deps.config.webhooks.timeout);
  const url = new URL(rawUrl);
  try {
    const target = await deps.egress.check('webhook', bareHost(url.hostname), urlPort(url), { signal });
    const res = await pinnedRequest({ method: 'POST', url, target, headers, body, signal });
    return { status: res.status, error: res.status >= 200 && res.status < 300 ? null : `HTTP ${res.status}` };
  } catch (err) {
    if (err instanceof EgressError) {
      const host = bareHost(url.hostname);
      return { status: null, error: err.reason === 'unresolved' ? `host ${host} ${err.message}` : `refused by the egress policy: ${host} ${err.message}` };
    }
    // Only the error's name: a message could echo the target's response or URL parts.
    return { status: null, error: (err as Error).name === 'TimeoutError' ? 'timeout' : 'network error' };
  }
}

export async function pruneDeliveries(deps: Deps): Promise<void> {
  await deps.store.db
    .deleteFrom('webhook_deliveries')
    .where('state', 'in', ['delivered', 'failed'])
    .where('created_at', '<', deps.clock.now() - RETENTION_MS)
    .execute();
}
