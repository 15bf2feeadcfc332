/**
 * Who speaks and where: the sender (`channel`, `bot` — the account's default bot, else the instance's
 * global bot — or a bot identifier) and the channel (the account's channel integration on the
 * platform: a bot posts into its owner's channel). Every refusal here happens before any platform
 * call: a missing or disconnected sender or channel (409 naming which and where to fix it), an
 * unknown bot (404), a scope the sender's grant lacks (403 naming it).
 */
import type { Deps } from '../deps.ts';
import type { IntegrationRow } from '../integrations/model.ts';
import { parseScopes } from '../integrations/model.ts';
import { AppError } from '../errors/app-error.ts';
import { accountOf, type Caller } from '../access/caller.ts';
import type { PlatformAdapter, ScopeCatalogue } from '../platforms/types.ts';
import { statement } from './statements.ts';
import type { ChatService } from './service.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';

export type SenderSpec = 'channel' | 'bot' | (string & {});

export interface Speakers {
  sender: IntegrationRow;
  channel: IntegrationRow;
}

/**
 * In one read, every integration a call on this platform could involve: the account's channels and
 * bots and the instance's global bots, oldest connection first (ties by id). The picks below take
 * from it what separate queries would have answered.
 */
const candidates = statement(['accountId', 'platform'], (db, v) =>
  db
    .selectFrom('integrations')
    .selectAll()
    .where('platform', '=', v.platform)
    .where((eb) => eb.or([eb('account_id', '=', v.accountId), eb.and([eb('account_id', 'is', null), eb('integration_type', '=', 'bot')])]))
    .orderBy('connected_at')
    .orderBy('id'),
);

type SpeakerDeps = Pick<Deps, 'store'> & { readonly chat?: Pick<ChatService, 'together'> | undefined };

/**
 * With `chat`, the calls of one tick for the same account and platform share one read (issued after
 * each of them began, so none sees rows older than its own start).
 */
async function candidatesOf(deps: SpeakerDeps, accountId: string, platform: string): Promise<readonly IntegrationRow[]> {
  if (deps.chat) return deps.chat.together(readCandidates, { db: deps.store.db, accountId, platform });
  return (await candidates.run<IntegrationRow>(deps.store.db, { accountId, platform })).rows;
}

/** One read per distinct account and platform among the calls of a tick. */
async function readCandidates(items: { db: Kysely<Database>; accountId: string; platform: string }[]): Promise<(readonly IntegrationRow[])[]> {
  const reads = new Map<string, Promise<readonly IntegrationRow[]>>();
  const readOf = (i: (typeof items)[number]) => {
    const key = `${i.accountId}\u0000${i.platform}`;
    let read = reads.get(key);
    if (!read) reads.set(key, (read = candidates.run<IntegrationRow>(i.db, { accountId: i.accountId, platform: i.platform }).then((r) => r.rows)));
    return read;
  };
  return Promise.all(items.map(readOf));
}

/** The account's channel integration: its oldest. */
function channelOf(rows: readonly IntegrationRow[], accountId: string): IntegrationRow | undefined {
  return rows.find((r) => r.account_id === accountId && r.integration_type === 'channel');
}

/** A bot of the account (or a global one with null): the one named, else the default bot, else the oldest. */
function botOf(rows: readonly IntegrationRow[], accountId: string | null, identifier?: string): IntegrationRow | undefined {
  const bots = rows.filter((r) => r.account_id === accountId && r.integration_type === 'bot' && (identifier === undefined || r.bot_identifier === identifier));
  return bots.find((r) => r.is_default_bot === 1) ?? bots[0];
}

function unavailable(message: string, which: 'sender' | 'channel', row?: IntegrationRow): AppError {
  return new AppError('SENDER_UNAVAILABLE', message, { details: { which, ...(row ? { integration_id: row.id, status: row.status } : {}) } });
}

/** Refuses a row that cannot act: disconnected (inactive) or waiting for a reconnect. */
function usable(row: IntegrationRow, which: 'sender' | 'channel', name: string): void {
  const where = row.integration_type === 'bot' ? 'Bot Connections' : 'Connections';
  const what = row.integration_type === 'bot' ? `${name} bot "${row.platform_username}"` : `${name} channel "${row.platform_username}"`;
  if (row.status === 'needs_reauth') throw unavailable(`the ${what} needs a reconnect: Reconnect it on ${where}`, which, row);
  if (row.is_active !== 1) throw unavailable(`the ${what} is disconnected: Reconnect it on ${where}`, which, row);
}

/** The sender and the channel of a call, checked usable; `scopes` are what the operation needs of the sender. */
export async function resolveSpeakers(
  deps: SpeakerDeps,
  caller: Caller,
  adapter: Pick<PlatformAdapter, 'slug' | 'name' | 'scopes'>,
  spec: SenderSpec,
  scopes: readonly string[],
  channelScopes: readonly string[] = [],
): Promise<Speakers> {
  const accountId = accountOf(caller);
  const name = adapter.name;
  const rows = await candidatesOf(deps, accountId, adapter.slug);
  const channel = channelOf(rows, accountId);
  let sender: IntegrationRow | undefined;
  if (spec === 'channel') {
    sender = channel;
    if (!sender) throw unavailable(`no ${name} channel is connected to this account: Connect your ${name} channel on Connections`, 'sender');
  } else if (spec === 'bot') {
    sender = botOf(rows, accountId) ?? botOf(rows, null);
    if (!sender) throw unavailable(`no ${name} bot for this account and no global ${name} bot: Connect a ${name} bot on Bot Connections`, 'sender');
  } else {
    sender = botOf(rows, accountId, spec) ?? botOf(rows, null, spec);
    if (!sender) throw new AppError('UNKNOWN_BOT', `no ${name} bot "${spec}" in this account or among the global bots: use a bot identifier from Bot Connections, or "bot" or "channel"`, { details: { field: 'sender' } });
  }
  checkGrant(caller, sender);
  usable(sender, 'sender', name);
  if (!channel) throw unavailable(`no ${name} channel is connected to this account, so the bot has nowhere to act: Connect your ${name} channel on Connections`, 'channel');
  usable(channel, 'channel', name);
  requireScopes(adapter, sender, scopes);
  // What the channel owner must allow for another account to act in the channel (Trovo).
  if (sender.id !== channel.id) requireScopes(adapter, channel, channelScopes);
  return { sender, channel };
}

function requireScopes(adapter: Pick<PlatformAdapter, 'name' | 'scopes'>, row: IntegrationRow, needed: readonly string[]): void {
  const missing = missingScope(adapter.scopes, parseScopes(row.scopes), needed);
  if (!missing) return;
  const where = row.integration_type === 'bot' ? 'Bot Connections' : 'Connections';
  throw new AppError('SCOPE_MISSING', `the ${adapter.name} ${row.integration_type} "${row.platform_username}" was not granted the scope ${missing}: Reconnect to grant it (on ${where})`, {
    details: { scope: missing, integration_id: row.id },
  });
}

/** A service key acts only with the integrations and platforms it was granted. */
function checkGrant(caller: Caller, sender: IntegrationRow): void {
  const grants = caller.grants;
  if (!grants) return;
  if ((grants.integrationIds && !grants.integrationIds.has(sender.id)) || (grants.platforms && !grants.platforms.has(sender.platform))) {
    throw new AppError('NOT_GRANTED', 'this service key was not granted this sender (integration or platform)');
  }
}

/**
 * The first scope of `needed` the grant does not satisfy. A grant satisfies a scope it holds, a scope
 * an alias it holds stands for, or an alias all of whose targets it holds (oauth/scopes.ts).
 */
export function missingScope(catalogue: Pick<ScopeCatalogue, 'aliases'>, granted: readonly string[], needed: readonly string[]): string | undefined {
  const aliases = catalogue.aliases ?? {};
  const has = (scope: string): boolean =>
    granted.includes(scope) || granted.some((g) => aliases[g]?.includes(scope)) || (aliases[scope] !== undefined && aliases[scope]!.every((t) => granted.includes(t)));
  return needed.find((s) => !has(s));
}
