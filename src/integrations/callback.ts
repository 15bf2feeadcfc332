/**
 * The OAuth callback (GET /v1/integrations/callback/{platform}): strict parsing, atomic consumption of
 * the transaction, code exchange, identity, storage, audit; always ends in a redirect to the dashboard
 * with `connected={platform}` or a documented `error={code}`. Failures that must come before the
 * exchange (state, duplicates, a foreign issuer, denial) never reach the platform's token endpoint
 * (OA-1, OA-6, OA-7).
 */
import type { Deps } from '../deps.ts';
import { isPlatformError } from '../platforms/errors.ts';
import type { PlatformAdapter, TokenSet } from '../platforms/types.ts';
import { consumeTransaction, type Transaction } from './transactions.ts';
import { isPlatformEnabled } from '../accounts/platform-settings.ts';
import { recordAudit } from '../audit/record.ts';
import { redirectUri, resolveCredentials } from '../accounts/app-credentials.ts';
import { storeNewIntegration, storeReconnect } from './store-tokens.ts';
import type { IntegrationRow } from './model.ts';

/** The `?error=` codes the dashboard explains (README "Connection errors"). */
export type CallbackErrorCode =
  | 'invalid_request'
  | 'state_mismatch'
  | 'expired'
  | 'denied'
  | 'platform_error'
  | 'no_channel'
  | 'platform_disabled'
  | 'credentials_missing'
  | 'account_mismatch'
  | 'already_connected'
  | 'not_found';

export interface CallbackInput {
  platform: string;
  /** The raw query string, parsed here so duplicated parameters can be refused. */
  rawQuery: string;
  sessionHash: string | undefined;
  ip: string;
  /**
   * Runs once a reconnect is stored: the HTTP layer closes the integration's open incident here, at
   * once rather than at the worker's next pass (until it is closed, a new outage cannot open its own
   * and the recovery is not told). Health sits above integrations, so it is handed in, not imported.
   */
  afterReconnect?: (row: IntegrationRow, userId: string) => Promise<unknown>;
}

const SINGLE_PARAMS = ['code', 'state', 'error', 'error_description', 'scope', 'iss'];
const FRONT_CHANNEL_TOKENS = ['access_token', 'id_token', 'refresh_token'];

function landing(tx: Pick<Transaction, 'integrationType'> | undefined): string {
  return tx?.integrationType === 'bot' ? '/dashboard/connections/bot' : '/dashboard/connections';
}

export async function completeCallback(rt: Deps, adapter: PlatformAdapter, input: CallbackInput): Promise<string> {
  const fail = (code: CallbackErrorCode, tx?: Transaction, reason?: string): string => {
    rt.log.warn({ platform: adapter.slug, error: code, reason }, 'OAuth callback refused');
    return `${landing(tx)}?error=${code}`;
  };
  const params = new URLSearchParams(input.rawQuery);
  if (SINGLE_PARAMS.some((k) => params.getAll(k).length > 1)) return fail('invalid_request', undefined, 'duplicated parameter');
  if (FRONT_CHANNEL_TOKENS.some((k) => params.has(k))) return fail('invalid_request', undefined, 'token in the front channel');
  // RFC 9207: an `iss` names the server that answered; another one's answer is a mix-up. Checked
  // before the state is consumed, so the rightful answer can still complete the flow.
  const iss = params.get('iss');
  if (iss !== null && iss !== adapter.capabilities.issuer) return fail('invalid_request', undefined, 'issuer mismatch');
  const state = params.get('state');
  if (!state) return fail('state_mismatch', undefined, 'no state');

  const consumed = await consumeTransaction(rt, { state, platform: adapter.slug, sessionHash: input.sessionHash });
  if (!consumed.ok) return fail(consumed.reason === 'expired' ? 'expired' : 'state_mismatch', undefined, consumed.reason);
  const tx = consumed.tx;

  const error = params.get('error');
  if (error) return fail(error === 'access_denied' ? 'denied' : 'platform_error', tx, `platform said ${error.slice(0, 64)}`);
  const code = params.get('code');
  if (!code) return fail('invalid_request', tx, 'no code');

  if (!(await isPlatformEnabled(rt, adapter.slug))) return fail('platform_disabled', tx);
  const credentials = await resolveCredentials(rt, tx.accountId, adapter.slug);
  if (!credentials) return fail('credentials_missing', tx);

  let tokens: TokenSet;
  let identity;
  try {
    // A code is exchanged at most once: a timed-out exchange is not retried (OA-7); the user starts again.
    tokens = await adapter.exchangeCode({ credentials, code, redirectUri: redirectUri(rt, adapter.slug), codeVerifier: tx.pkceVerifier });
    identity = await adapter.whoami({ credentials, accessToken: tokens.accessToken });
    if (!tokens.scopes && adapter.validate) {
      tokens = { ...tokens, scopes: (await adapter.validate({ credentials, accessToken: tokens.accessToken })).scopes };
    }
  } catch (err) {
    if (!isPlatformError(err)) throw err;
    // The sign-in worked but the account owns no channel there (a Google account without a YouTube
    // channel): the user must create one, not check the app credentials.
    if (err.oauthError === 'no_channel') return fail('no_channel', tx, 'the authorized account has no channel');
    return fail('platform_error', tx, `${err.kind}${err.oauthError ? ` ${err.oauthError}` : ''}`);
  }
  const granted = tokens.scopes ?? [...tx.scopes];

  const outcome = tx.integrationId
    ? await storeReconnect(rt, adapter, { tx, tokens, identity, scopes: granted, clientId: credentials.clientId })
    : await storeNewIntegration(rt, adapter, { tx, tokens, identity, scopes: granted, clientId: credentials.clientId });
  if (outcome.ok && outcome.reconnected && input.afterReconnect) await input.afterReconnect(outcome.reconnected, tx.userId);
  if (!outcome.ok) {
    // The new grant is not used: give it back to the platform rather than leave it dangling.
    await adapter.revoke({ credentials, token: tokens.accessToken, kind: 'access' }).catch(() => undefined);
    return fail(outcome.error, tx);
  }
  await recordAudit(rt, {
    accountId: tx.accountId,
    actor: { type: 'user', id: tx.userId },
    action: tx.integrationId ? 'integration.reconnected' : 'integration.connected',
    target: { type: 'integration', id: outcome.id },
    ip: input.ip,
    details: {
      platform: adapter.slug,
      integration_type: tx.integrationType,
      bot_identifier: tx.botIdentifier,
      platform_user_id: identity.platformUserId,
      platform_username: identity.username,
      scopes: granted,
    },
  });
  return `${landing(tx)}?connected=${adapter.slug}`;
}
