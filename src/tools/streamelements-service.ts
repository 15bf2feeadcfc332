/** StreamElements tokens per account: add (JWT checked, sealed), list (hint only), remove, and read for ingestion. */
import type { Deps } from '../deps.ts';
import { AppError, invalidField, notFound } from '../errors/app-error.ts';
import { decryptSecret, encryptSecret, type SecretContext } from '../crypto/envelope.ts';
import { prefixedId } from '../crypto/random.ts';
import { auditTools } from './audit.ts';
import { accountOf, type Caller } from '../access/caller.ts';
import { inspectJwt, tokenHint } from './jwt.ts';
import { toStreamElementsToken, type StreamElementsToken, type StreamElementsTokenRow } from './model.ts';
import { addStreamElementsTokenBody, parseInput, type AddStreamElementsTokenInput } from './schemas.ts';

/** Several channels and platforms per account, but a bound so one account cannot fill the database. */
const MAX_STREAMELEMENTS_TOKENS_PER_ACCOUNT = 50;

const tokenContext = (id: string): SecretContext => ({ table: 'streamelements_tokens', column: 'token_enc', rowId: id });

export async function listStreamElementsTokens(rt: Deps, caller: Caller): Promise<StreamElementsToken[]> {
  const accountId = accountOf(caller);
  const rows = await rt.store.db
    .selectFrom('streamelements_tokens')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .execute();
  return rows.map(toStreamElementsToken);
}

/**
 * Stores a JWT after checking its shape (three base64url parts, JSON header with `alg`, JSON
 * payload). A token whose `exp` has passed is refused: it could never work. The JWT is sealed and
 * only its last 4 characters are kept in clear.
 */
export async function addStreamElementsToken(rt: Deps, caller: Caller, raw: AddStreamElementsTokenInput): Promise<StreamElementsToken> {
  const accountId = accountOf(caller);
  const input = parseInput(addStreamElementsTokenBody, raw);
  const { expiresAt } = inspectJwt(input.token);
  const now = rt.clock.now();
  if (expiresAt !== null && expiresAt <= now) {
    throw invalidField('token', `expired on ${new Date(expiresAt).toISOString()}; copy a fresh JWT from your StreamElements dashboard`);
  }
  const { db } = rt.store;
  const count = await db
    .selectFrom('streamelements_tokens')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (Number(count?.n ?? 0) >= MAX_STREAMELEMENTS_TOKENS_PER_ACCOUNT) {
    throw new AppError('STREAMELEMENTS_TOKEN_LIMIT_REACHED', `an account can have at most ${MAX_STREAMELEMENTS_TOKENS_PER_ACCOUNT} StreamElements tokens; remove one first`);
  }
  const id = prefixedId('se');
  const row: StreamElementsTokenRow = {
    id,
    account_id: accountId,
    platform: input.platform,
    label: input.label ?? null,
    token_enc: encryptSecret(rt.keyring, input.token, tokenContext(id)),
    token_hint: tokenHint(input.token),
    expires_at: expiresAt,
    created_at: now,
    status: 'ok',
    status_reason: null,
  };
  await db.insertInto('streamelements_tokens').values(row).execute();
  await auditTools(rt, caller, 'streamelements_token.added', { type: 'streamelements_token', id }, {
    platform: row.platform,
    label: row.label,
    token_hint: row.token_hint,
  });
  return toStreamElementsToken(row);
}

/** Removing stops tip ingestion for that token at once (the dashboard confirms first). */
export async function removeStreamElementsToken(rt: Deps, caller: Caller, id: string): Promise<void> {
  const accountId = accountOf(caller);
  const { db } = rt.store;
  const row = await db
    .selectFrom('streamelements_tokens')
    .select(['platform', 'label', 'token_hint'])
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (!row) throw notFound('StreamElements token');
  const result = await db.deleteFrom('streamelements_tokens').where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound('StreamElements token');
  await rt.bus.emit('streamelements_token.deleted', { tokenId: id, accountId, platform: row.platform });
  await auditTools(rt, caller, 'streamelements_token.removed', { type: 'streamelements_token', id }, { ...row });
}

/** StreamElements refused the JWT: its row says so until the token is replaced. */
export async function markStreamElementsTokenFailing(rt: Pick<Deps, 'store'>, accountId: string, id: string, reason: string): Promise<void> {
  await rt.store.db.updateTable('streamelements_tokens').set({ status: 'failing', status_reason: reason }).where('id', '=', id).where('account_id', '=', accountId).execute();
}

/** The JWT in clear, for the tip connector only; never for an API response. */
export async function readStreamElementsToken(rt: Deps, accountId: string, id: string): Promise<{ platform: string; token: string }> {
  const row = await rt.store.db
    .selectFrom('streamelements_tokens')
    .select(['id', 'platform', 'token_enc'])
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (!row) throw notFound('StreamElements token');
  return { platform: row.platform, token: decryptSecret(rt.keyring, row.token_enc, tokenContext(row.id)) };
}
