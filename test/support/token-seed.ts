/**
 * Test support: accounts and integrations seeded straight into the store, with grants minted on a
 * fake platform (so refreshes go to the fake and its counters are the oracle).
 */
import type { Deps } from '../../src/deps.ts';
import type { FakeHandle } from '../../src/platforms/fake/harness.ts';
import type { FakeKnobs } from '../../src/platforms/fake/types.ts';
import type { IntegrationRow } from '../../src/integrations/model.ts';
import { openAccessToken, openRefreshToken, sealTokens } from '../../src/tokens/sealed-tokens.ts';
import { findIntegrationById } from '../../src/integrations/repository.ts';
import { prefixedId } from '../../src/crypto/random.ts';

export async function seedAccount(rt: Deps, name = 'Test account'): Promise<string> {
  const id = prefixedId('acc');
  const now = rt.clock.now();
  await rt.store.db.insertInto('accounts').values({ id, name, created_at: now, updated_at: now }).execute();
  return id;
}

export interface MintedGrant {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  grantId: string;
  userId: string;
  login: string;
}

/** A grant as if the user had connected: code issued and redeemed at the fake. */
export function mintGrant(fake: FakeHandle<FakeKnobs>, user?: string, scopes: string[] = [], forceConsent = false): MintedGrant {
  const person = fake.state.findUser(user ?? fake.users[0]!.id) ?? fake.users[0]!;
  const redirectUri = 'http://127.0.0.1/v1/integrations/callback/test';
  const code = fake.state.issueCode({ clientId: fake.credentials.clientId, redirectUri, scopes, offline: true, forceConsent }, person);
  const issued = fake.state.redeemCode({ clientId: fake.credentials.clientId, code, redirectUri, pkce: 'ignored' });
  if (!issued.ok || !issued.value.refreshToken) throw new Error(`the fake would not mint a grant: ${issued.ok ? 'no refresh token' : issued.error}`);
  const v = issued.value;
  return { accessToken: v.accessToken, refreshToken: v.refreshToken!, expiresIn: v.expiresIn, grantId: v.grantId, userId: person.id, login: person.login };
}

export interface SeedOptions {
  accountId: string | null;
  type?: 'channel' | 'bot';
  botIdentifier?: string;
  isDefaultBot?: boolean;
  /**
   * Milliseconds from now until the stored access token expires (negative: already expired). The
   * integration then counts as connected one token lifetime before that expiry, as a real one would
   * (the pace rule measures half a lifetime from the connect).
   */
  expiresInMs?: number;
  user?: string;
  /** Scopes granted at the fake and stored on the row (default: none at the fake, ["chat:read"] stored). */
  scopes?: string[];
  /** Consent asked again (Google issues a refresh token only then, after the user's first grant). */
  forceConsent?: boolean;
}

export async function seedIntegration(rt: Deps, fake: FakeHandle<FakeKnobs>, opts: SeedOptions): Promise<IntegrationRow> {
  const grant = mintGrant(fake, opts.user, opts.scopes, opts.forceConsent);
  const id = prefixedId('int');
  const now = rt.clock.now();
  const type = opts.type ?? 'bot';
  const expiresAt = opts.expiresInMs !== undefined ? now + opts.expiresInMs : now + grant.expiresIn * 1000;
  const connectedAt = Math.min(now, expiresAt - grant.expiresIn * 1000);
  const columns = sealTokens(rt, id, { accessToken: grant.accessToken, refreshToken: grant.refreshToken, expiresIn: grant.expiresIn, tokenType: 'bearer' });
  await rt.store.db
    .insertInto('integrations')
    .values({
      id,
      account_id: opts.accountId,
      platform: fake.slug,
      integration_type: type,
      bot_identifier: type === 'bot' ? (opts.botIdentifier ?? `bot-${id.slice(-6)}`) : null,
      platform_user_id: grant.userId,
      platform_username: grant.login,
      display_name: grant.login,
      scopes: JSON.stringify(opts.scopes ?? ['chat:read']),
      client_id: fake.credentials.clientId,
      ...columns,
      token_expires_at: expiresAt,
      status: 'active',
      status_reason: null,
      has_verified_bot_badge: 0,
      is_verified_bot: 0,
      is_active: 1,
      is_default_bot: opts.isDefaultBot ? 1 : 0,
      connected_at: connectedAt,
      updated_at: now,
      last_refreshed_at: null,
      token_version: 1,
    })
    .execute();
  return (await findIntegrationById(rt.store.db, id))!;
}

/** The same envelope with one bit of its ciphertext flipped: it no longer authenticates (DECRYPT_FAILED). */
export function corruptEnvelope(envelope: string): string {
  const parts = envelope.split('.');
  const ct = Buffer.from(parts[4]!, 'base64url');
  ct[0] = ct[0]! ^ 1;
  parts[4] = ct.toString('base64url');
  return parts.join('.');
}

/** The stored tokens of an integration, decrypted (tests compare them with the fake's). */
export function storedTokens(rt: Deps, row: IntegrationRow): { accessToken: string; refreshToken: string | null } {
  return {
    accessToken: openAccessToken(rt, row),
    refreshToken: row.refresh_token_enc ? openRefreshToken(rt, { id: row.id, refresh_token_enc: row.refresh_token_enc }) : null,
  };
}

/** The fake's current refresh token of a grant (the auth server keeps it private; tests read it as the oracle). */
export function latestRefreshToken(fake: FakeHandle<FakeKnobs>, grantId: string): string | undefined {
  const grants = (fake.state as unknown as { grants: Map<string, { currentRefreshToken?: string }> }).grants;
  return grants.get(grantId)?.currentRefreshToken;
}
