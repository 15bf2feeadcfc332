/**
 * App credentials: the OAuth client id and secret an account registered at a platform.
 * The secret is AES-GCM sealed and bound to its row; it is never returned. Accounts without their own
 * fall back to the instance's config credentials, or to the sandbox fakes' in sandbox mode.
 */
import type { Deps } from '../deps.ts';
import type { PlatformSlug } from '../config/schema.ts';
import { PLATFORM_SLUGS } from '../config/schema.ts';
import { PLATFORM_DEFINITIONS } from '../platforms/registry.ts';
import { notFound } from '../errors/app-error.ts';
import { prefixedId } from '../crypto/random.ts';
import { decryptSecret, encryptSecret, type SecretContext } from '../crypto/envelope.ts';
import { recordAudit } from '../audit/record.ts';
import { isUniqueViolation } from './unique-violation.ts';
import { actingMember } from './actor.ts';
import { accountOf, type Caller } from '../access/caller.ts';

export type CredentialSource = 'account' | 'instance' | 'sandbox';

export interface ResolvedCredentials {
  source: CredentialSource;
  clientId: string;
  clientSecret?: string;
}

export interface CredentialView {
  platform: PlatformSlug;
  source: CredentialSource | 'none';
  clientIdHint: string | null;
  redirectUri: string;
  createdAt: number | null;
  updatedAt: number | null;
}

function secretContext(id: string): SecretContext {
  return { table: 'app_credentials', column: 'client_secret_enc', rowId: id };
}

/** The callback URL to register at the platform; built only from public_url (OA-5). */
export function redirectUri(rt: Deps, platform: PlatformSlug): string {
  return `${rt.config.server.public_url}/v1/integrations/callback/${platform}`;
}

function sandboxCredentials(platform: PlatformSlug): ResolvedCredentials {
  return { source: 'sandbox', clientId: `sandbox-${platform}-client`, clientSecret: `sandbox-${platform}-secret` };
}

/** The instance-wide fallback: the sandbox fakes in sandbox mode (never mixed with real ones), else config. */
function instanceCredentials(rt: Deps, platform: PlatformSlug): ResolvedCredentials | undefined {
  if (rt.config.sandbox) return sandboxCredentials(platform);
  const configured = rt.config.integrations[platform];
  if (!configured.client_id) return undefined;
  return { source: 'instance', clientId: configured.client_id, ...(configured.client_secret ? { clientSecret: configured.client_secret } : {}) };
}

async function accountRow(rt: Deps, accountId: string, platform: PlatformSlug) {
  return rt.store.db.selectFrom('app_credentials').selectAll().where('account_id', '=', accountId).where('platform', '=', platform).executeTakeFirst();
}

/**
 * The credentials in effect for an account and platform: its own, else the instance's; undefined
 * when none. A null account (instance-wide global bots) gets the instance's.
 */
export async function resolveCredentials(rt: Deps, accountId: string | null, platform: PlatformSlug): Promise<ResolvedCredentials | undefined> {
  const row = accountId === null ? undefined : await accountRow(rt, accountId, platform);
  if (row) return { source: 'account', clientId: row.client_id, clientSecret: decryptSecret(rt.keyring, row.client_secret_enc, secretContext(row.id)) };
  return instanceCredentials(rt, platform);
}

function hint(clientId: string): string {
  return clientId.slice(-4);
}

export async function credentialView(rt: Deps, caller: Caller, platform: PlatformSlug): Promise<CredentialView> {
  return credentialViewOf(rt, accountOf(caller), platform);
}

async function credentialViewOf(rt: Deps, accountId: string, platform: PlatformSlug): Promise<CredentialView> {
  const row = await accountRow(rt, accountId, platform);
  if (row) {
    return { platform, source: 'account', clientIdHint: hint(row.client_id), redirectUri: redirectUri(rt, platform), createdAt: Number(row.created_at), updatedAt: Number(row.updated_at) };
  }
  const fallback = instanceCredentials(rt, platform);
  return {
    platform,
    source: fallback?.source ?? 'none',
    clientIdHint: fallback ? hint(fallback.clientId) : null,
    redirectUri: redirectUri(rt, platform),
    createdAt: null,
    updatedAt: null,
  };
}

export async function listCredentialViews(rt: Deps, caller: Caller): Promise<CredentialView[]> {
  return credentialViewsOf(rt, accountOf(caller));
}

async function credentialViewsOf(rt: Deps, accountId: string): Promise<CredentialView[]> {
  return Promise.all(PLATFORM_SLUGS.map((p) => credentialViewOf(rt, accountId, p)));
}

export async function saveCredentials(
  rt: Deps,
  caller: Caller,
  platform: PlatformSlug,
  input: { clientId: string; clientSecret: string },
): Promise<CredentialView> {
  const actor = actingMember(caller);
  const clientId = input.clientId.trim();
  for (let attempt = 0; ; attempt++) {
    const now = rt.clock.now();
    const existing = await accountRow(rt, actor.accountId, platform);
    // The row id is part of the ciphertext's AAD, so an update keeps the id and re-seals under it.
    const id = existing?.id ?? prefixedId('acr');
    const sealed = encryptSecret(rt.keyring, input.clientSecret, secretContext(id));
    try {
      if (existing) {
        await rt.store.db.updateTable('app_credentials').set({ client_id: clientId, client_secret_enc: sealed, updated_at: now }).where('id', '=', id).execute();
      } else {
        await rt.store.db
          .insertInto('app_credentials')
          .values({ id, account_id: actor.accountId, platform, client_id: clientId, client_secret_enc: sealed, created_at: now, updated_at: now })
          .execute();
      }
      break;
    } catch (err) {
      // A parallel save inserted first: go round once and update that row instead.
      if (!isUniqueViolation(err) || attempt > 0) throw err;
    }
  }
  await recordAudit(rt, {
    ...actor.audit,
    accountId: actor.accountId,
    action: 'app_credentials.saved',
    target: { type: 'app_credentials', id: platform },
    details: { platform, client_id_hint: hint(clientId) },
  });
  return credentialViewOf(rt, actor.accountId, platform);
}

export async function deleteCredentials(rt: Deps, caller: Caller, platform: PlatformSlug): Promise<void> {
  const actor = actingMember(caller);
  const result = await rt.store.db.deleteFrom('app_credentials').where('account_id', '=', actor.accountId).where('platform', '=', platform).executeTakeFirst();
  if (Number(result.numDeletedRows ?? 0) === 0) throw notFound(`app credentials for ${platform}`);
  await recordAudit(rt, { ...actor.audit, accountId: actor.accountId, action: 'app_credentials.deleted', target: { type: 'app_credentials', id: platform }, details: { platform } });
  // The channel integration was authorized with these credentials and can no longer refresh.
  await rt.bus.emit('app_credentials.deleted', { accountId: actor.accountId, platform });
}

/** A connection that saving other credentials would cut off. */
export interface AffectedConnection {
  integrationId: string;
  integrationType: 'channel' | 'bot';
  displayName: string;
  botIdentifier: string | null;
}

export interface CredentialsImpact {
  affected: AffectedConnection[];
  /** The sentence to show before saving, e.g. "Twitch channel TwitchDev and 1 bot will need to be reconnected"; null when nothing breaks. */
  summary: string | null;
}

/**
 * What saving `clientId` for a platform would break: the account's connections whose tokens were
 * issued to another client (a refresh must use the client the tokens belong to). The same client id
 * with a new secret breaks nothing: tokens issued to that client stay valid.
 */
export async function credentialsImpact(rt: Deps, caller: Caller, platform: PlatformSlug, clientId: string): Promise<CredentialsImpact> {
  const accountId = accountOf(caller);
  const rows = await rt.store.db
    .selectFrom('integrations')
    .select(['id', 'integration_type', 'display_name', 'bot_identifier', 'client_id'])
    .where('account_id', '=', accountId)
    .where('platform', '=', platform)
    .orderBy('integration_type', 'asc')
    .orderBy('connected_at')
    .execute();
  const affected = rows
    .filter((r) => r.client_id !== clientId.trim())
    .map((r) => ({ integrationId: r.id, integrationType: r.integration_type, displayName: r.display_name, botIdentifier: r.bot_identifier }));
  return { affected, summary: impactSentence(PLATFORM_DEFINITIONS.find((d) => d.slug === platform)?.name ?? platform, affected) };
}

function impactSentence(platformName: string, affected: AffectedConnection[]): string | null {
  if (affected.length === 0) return null;
  const channels = affected.filter((a) => a.integrationType === 'channel').map((a) => `${platformName} channel ${a.displayName}`);
  const bots = affected.filter((a) => a.integrationType === 'bot').length;
  const parts = [...channels, ...(bots > 0 ? [`${bots} ${platformName} bot${bots === 1 ? '' : 's'}`] : [])];
  return `${parts.join(' and ')} will need to be reconnected`;
}
