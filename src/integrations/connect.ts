/**
 * Starting a connect or reconnect (README "Connecting your platforms"): checks permission, platform
 * and credentials, stores a single-use OAuth transaction and returns the platform's authorization URL.
 */
import type { Deps } from '../deps.ts';
import type { Caller } from '../access/caller.ts';
import type { PlatformAdapter, PlatformSlug } from '../platforms/types.ts';
import { AppError, invalidField } from '../errors/app-error.ts';
import { createPkcePair } from '../platforms/oauth/pkce.ts';
import { createTransaction } from './transactions.ts';
import { findBot, findChannel, type Owner } from './repository.ts';
import { isPlatformEnabled } from '../accounts/platform-settings.ts';
import { redirectUri, resolveCredentials } from '../accounts/app-credentials.ts';
import { requirePlatform } from './platform.ts';

const BOT_IDENTIFIER = /^[a-z0-9_-]{1,32}$/;

export interface ConnectInput {
  integration_type: 'channel' | 'bot';
  bot_identifier?: string | undefined;
  scopes?: string[] | undefined;
  reconnect?: boolean | undefined;
}

export interface ConnectResult {
  authorization_url: string;
  state: string;
}

/** Requested scopes must come from the platform's catalogue; the type's required scopes are always added. */
function chooseScopes(adapter: PlatformAdapter, type: 'channel' | 'bot', requested: readonly string[] | undefined): string[] {
  const defaults = type === 'channel' ? adapter.scopes.channel : adapter.scopes.bot;
  if (requested === undefined) return defaults.map((s) => s.scope);
  const known = new Set(adapter.scopes.all.map((s) => s.scope));
  for (const scope of requested) {
    if (!known.has(scope)) {
      throw invalidField('scopes', `"${scope}" is not a ${adapter.name} scope; see GET /v1/integrations/platform/${adapter.slug}/scopes`);
    }
  }
  const required = defaults.filter((s) => s.required).map((s) => s.scope);
  return [...new Set([...required, ...requested])];
}

export async function startConnect(
  rt: Deps,
  auth: Caller,
  slug: PlatformSlug,
  input: ConnectInput,
  options: { global?: boolean } = {},
): Promise<ConnectResult> {
  const adapter = requirePlatform(rt, slug);
  if (auth.kind !== 'session' || !auth.user || !auth.credentialId) {
    throw new AppError('SESSION_REQUIRED', 'connect from a signed-in browser session: the OAuth state is bound to it, so an API key cannot start a connect');
  }
  const global = options.global === true;
  const accountId = global ? null : (auth.accountId ?? null);
  if (!global) {
    const needed = input.integration_type === 'channel' ? 'connections:edit' : 'bot-connections:create';
    if (!accountId || !auth.permissions.has(needed)) throw new AppError('FORBIDDEN', `connecting a ${input.integration_type} needs ${needed}`);
  }
  if (!(await isPlatformEnabled(rt, slug))) throw new AppError('PLATFORM_DISABLED', `${adapter.name} is disabled on this Bifrost instance`);
  const credentials = await resolveCredentials(rt, accountId, slug);
  if (!credentials) {
    throw new AppError('CREDENTIALS_MISSING', `no app credentials for ${adapter.name}: save them with PUT /v1/app-credentials/${slug}`);
  }

  const owner: Owner = accountId ? { accountId } : { global: true };
  let integrationId: string | null = null;
  let botIdentifier: string | null = null;
  if (input.integration_type === 'channel') {
    if (global) throw invalidField('integration_type', 'global connections are bots; use "bot"');
    if (input.bot_identifier !== undefined) throw invalidField('bot_identifier', 'only bots have an identifier; omit it for a channel');
    const existing = await findChannel(rt.store.db, accountId!, slug);
    if (existing && !input.reconnect) {
      throw new AppError('ALREADY_CONNECTED', `a ${adapter.name} channel is already connected; send "reconnect": true to re-authorize it`);
    }
    if (!existing && input.reconnect) throw new AppError('NOT_CONNECTED', `no ${adapter.name} channel to reconnect; connect it first`);
    integrationId = existing?.id ?? null;
  } else {
    const id = input.bot_identifier ?? (global ? 'global' : undefined);
    if (!id || !BOT_IDENTIFIER.test(id)) {
      throw invalidField('bot_identifier', 'required for bots: 1 to 32 characters from a-z, 0-9, _ and -');
    }
    botIdentifier = id;
    const existing = await findBot(rt.store.db, owner, slug, id);
    if (existing && !input.reconnect) {
      throw new AppError('ALREADY_CONNECTED', `a ${adapter.name} bot "${id}" is already connected; send "reconnect": true to re-authorize it`);
    }
    if (!existing && input.reconnect) throw new AppError('NOT_CONNECTED', `no ${adapter.name} bot "${id}" to reconnect; connect it first`);
    integrationId = existing?.id ?? null;
  }

  const scopes = chooseScopes(adapter, input.integration_type, input.scopes);
  const pkce = adapter.capabilities.pkce === 'S256' ? createPkcePair() : undefined;
  const { state } = await createTransaction(rt, {
    platform: slug,
    accountId,
    userId: auth.user.id,
    sessionHash: auth.credentialId,
    integrationType: input.integration_type,
    botIdentifier,
    integrationId,
    isGlobal: global,
    scopes,
    pkceVerifier: pkce?.verifier,
  });
  const authorization_url = adapter.authorizationUrl({
    credentials,
    redirectUri: redirectUri(rt, slug),
    scopes,
    state,
    codeChallenge: pkce?.challenge,
    // Re-prompt on reconnect and for bots, so the user can pick a different account than the one signed in.
    forceConsent: Boolean(input.reconnect) || input.integration_type === 'bot',
  });
  return { authorization_url, state };
}
