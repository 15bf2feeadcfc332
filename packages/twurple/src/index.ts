/**
 * @bifrost/twurple: a twurple (v8) AuthProvider whose tokens come from Bifrost. It holds no refresh
 * token and never refreshes at Twitch itself: Bifrost alone refreshes, so a rotating refresh token is
 * never presented twice, and every bot process shares the one fresh token. When twurple sees a 401 and
 * asks for a refresh, the provider reports the token to Bifrost (`/token/invalid`: one forced refresh
 * however many report it) and hands back the token Bifrost answers.
 */
import { UnknownIntentError, type AccessTokenMaybeWithUserId, type AccessTokenWithUserId, type AuthProvider } from '@twurple/auth';
import { createClient, type BifrostClient, type Token } from '@bifrost/client';

/** A Twitch user as twurple names one: an id, or an object with an id. */
type UserIdResolvable = string | number | { id: string };

export interface BifrostAuthProviderOptions {
  /** A Bifrost client, or what to create one with (a service key is the usual credential). */
  client: BifrostClient | { baseUrl: string; serviceKey: string };
  /** The Twitch application's client id (twurple sends it as Client-Id; it must be the app Bifrost's tokens belong to). */
  clientId: string;
  /** Bifrost integration ids (`int_…`) of the Twitch channel and bots this provider serves. */
  integrations: readonly string[];
  /** Intents (twurple's ChatClient asks for `chat`) mapped to one of those integration ids. */
  intents?: Readonly<Record<string, string>>;
}

function userIdOf(user: UserIdResolvable): string {
  return typeof user === 'object' ? user.id : String(user);
}

/** twurple's token shape of a Bifrost token: no refresh token, expiry from `expires_at`. */
function toAccessToken(token: Token): AccessTokenWithUserId {
  const now = Date.now();
  return {
    accessToken: token.access_token,
    refreshToken: null,
    scope: [...token.scopes],
    expiresIn: Math.max(0, Math.floor((Date.parse(token.expires_at) - now) / 1000)),
    obtainmentTimestamp: now,
    userId: token.platform_user_id,
  };
}

export class BifrostAuthProvider implements AuthProvider {
  readonly clientId: string;
  readonly authorizationType = 'Bearer';
  /** Tokens come from Bifrost: this process has no client secret and cannot mint app tokens. */
  readonly hasClientSecret = false;
  private readonly client: BifrostClient;
  private readonly integrationIds: readonly string[];
  private readonly intents: Readonly<Record<string, string>>;
  /** Twitch user id → integration id, learnt from the tokens Bifrost answers. */
  private readonly users = new Map<string, string>();
  private readonly scopes = new Map<string, string[]>();
  private discovery: Promise<void> | null = null;

  constructor(options: BifrostAuthProviderOptions) {
    if (!options.clientId) throw new Error('clientId: give the Twitch application\'s client id');
    if (options.integrations.length === 0) throw new Error('integrations: give at least one Bifrost integration id (int_…) of a Twitch channel or bot');
    for (const [intent, id] of Object.entries(options.intents ?? {})) {
      if (!options.integrations.includes(id)) throw new Error(`intents.${intent}: ${id} is not one of the integrations given`);
    }
    this.clientId = options.clientId;
    this.client = 'getToken' in options.client ? options.client : createClient({ baseUrl: options.client.baseUrl, serviceKey: options.client.serviceKey });
    this.integrationIds = [...options.integrations];
    this.intents = { ...options.intents };
  }

  getCurrentScopesForUser(user: UserIdResolvable): string[] {
    return this.scopes.get(userIdOf(user)) ?? [];
  }

  async getAccessTokenForUser(user: UserIdResolvable, ...scopeSets: Array<string[] | undefined>): Promise<AccessTokenWithUserId | null> {
    const id = await this.integrationOf(userIdOf(user));
    return this.checked(await this.client.getToken(id), scopeSets);
  }

  async getAccessTokenForIntent(intent: string, ...scopeSets: Array<string[] | undefined>): Promise<AccessTokenWithUserId | null> {
    const id = this.intents[intent];
    if (id === undefined) throw new UnknownIntentError(intent);
    return this.checked(await this.client.getToken(id), scopeSets);
  }

  /** A user's token when one is named; else the first integration's (Helix accepts a user token where an app token would do). */
  async getAnyAccessToken(user?: UserIdResolvable): Promise<AccessTokenMaybeWithUserId> {
    const id = user === undefined ? this.integrationIds[0]! : await this.integrationOf(userIdOf(user));
    return this.remember(await this.client.getToken(id));
  }

  /** twurple's refresh-on-401: report the token to Bifrost, which refreshes once and answers the new one. */
  async refreshAccessTokenForUser(user: UserIdResolvable): Promise<AccessTokenWithUserId> {
    const id = await this.integrationOf(userIdOf(user));
    return this.remember(await this.client.reportInvalid(id));
  }

  async refreshAccessTokenForIntent(intent: string): Promise<AccessTokenWithUserId> {
    const id = this.intents[intent];
    if (id === undefined) throw new UnknownIntentError(intent);
    return this.remember(await this.client.reportInvalid(id));
  }

  private remember(token: Token): AccessTokenWithUserId {
    if (token.platform !== 'twitch') throw new Error(`integration of ${token.platform_username} is a ${token.platform} integration, not Twitch`);
    this.scopes.set(token.platform_user_id, [...token.scopes]);
    return toAccessToken(token);
  }

  /** The token if it holds one scope of every requested set; Bifrost cannot add scopes, a reconnect can. */
  private checked(token: Token, scopeSets: Array<string[] | undefined>): AccessTokenWithUserId {
    const access = this.remember(token);
    for (const set of scopeSets) {
      if (set && set.length > 0 && !set.some((scope) => token.scopes.includes(scope))) {
        throw new Error(`the token of ${token.platform_username} lacks ${set.length === 1 ? 'the scope' : 'one of the scopes'} ${set.join(', ')}: reconnect that integration in Bifrost to grant it`);
      }
    }
    return access;
  }

  /** The integration of a Twitch user: learnt by reading each integration's token once (they are cached). */
  private async integrationOf(userId: string): Promise<string> {
    const known = this.users.get(userId);
    if (known) return known;
    this.discovery ??= Promise.all(
      this.integrationIds.map(async (id) => {
        const token = await this.client.getToken(id);
        this.remember(token);
        this.users.set(token.platform_user_id, id);
      }),
    ).then(
      () => undefined,
      (err: unknown) => {
        this.discovery = null;
        throw err;
      },
    );
    await this.discovery;
    const found = this.users.get(userId);
    if (!found) throw new Error(`no Bifrost integration of Twitch user ${userId} among ${this.integrationIds.join(', ')}: connect it in Bifrost and pass its integration id`);
    return found;
  }
}
