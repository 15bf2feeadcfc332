/**
 * Token validation for platforms that require it (Twitch: at start-up and hourly, OA-19). A token the
 * platform calls invalid is refreshed at once through the one refresh path (forced for that version).
 */
import type { RefreshContext } from './context.ts';
import type { IntegrationRow } from '../integrations/model.ts';
import type { ClientCredentials } from '../platforms/types.ts';
import { credentialsFor } from '../integrations/credentials.ts';
import { openAccessToken } from '../tokens/sealed-tokens.ts';
import { isPlatformError } from '../platforms/errors.ts';
import { refreshIntegration } from './refresh.ts';
import { isUndecryptable, markUndecryptable } from './undecryptable.ts';

export type ValidationOutcome = 'ok' | 'invalid' | 'error' | 'skipped';

/** Retry a validation that failed for a transient reason after this long. */
const RETRY_MS = 60_000;

async function record(deps: RefreshContext, row: IntegrationRow, result: string, extra: { validation_due_at?: number } = {}): Promise<void> {
  await deps.store.db
    .updateTable('integrations')
    .set({ last_validated_at: deps.clock.now(), last_validation_result: result, ...extra })
    .where('id', '=', row.id)
    .execute();
}

/** The app credentials and access token a validation sends; undefined when there are no credentials. */
async function secretsOf(deps: RefreshContext, row: IntegrationRow): Promise<{ credentials: ClientCredentials; accessToken: string } | undefined> {
  const credentials = await credentialsFor(deps, row);
  if (!credentials) return undefined;
  return { credentials, accessToken: openAccessToken(deps, row) };
}

export async function validateIntegration(deps: RefreshContext, row: IntegrationRow): Promise<ValidationOutcome> {
  const adapter = deps.platforms.get(row.platform as never);
  if (!adapter?.validate) return 'skipped';
  let secrets: Awaited<ReturnType<typeof secretsOf>>;
  try {
    secrets = await secretsOf(deps, row);
  } catch (err) {
    if (!isUndecryptable(err)) throw err;
    // Nothing to validate with: the integration needs a reconnect (one incident, however often this runs).
    await markUndecryptable(deps, row);
    await record(deps, row, 'error');
    return 'error';
  }
  if (!secrets) return 'skipped';
  const { credentials, accessToken } = secrets;
  try {
    await adapter.validate({ credentials, accessToken });
    await record(deps, row, 'ok');
    deps.metrics.validations.inc({ platform: row.platform, outcome: 'ok' });
    return 'ok';
  } catch (err) {
    if (!isPlatformError(err)) throw err;
    const invalid = (err.kind === 'oauth' && err.oauthError === 'invalid_token') || err.httpStatus === 401;
    deps.metrics.validations.inc({ platform: row.platform, outcome: invalid ? 'invalid' : 'error' });
    if (!invalid) {
      await record(deps, row, 'error', { validation_due_at: deps.clock.now() + RETRY_MS });
      return 'error';
    }
    await record(deps, row, 'invalid');
    // The platform says the token is dead: replace it now (one forced refresh, however many notice).
    await refreshIntegration(deps, row.id, { trigger: 'validation', seenVersion: row.token_version }).catch((failure: unknown) =>
      deps.log.warn({ integration: row.id, platform: row.platform, code: (failure as { code?: string }).code }, 'refresh after a failed validation did not succeed'),
    );
    return 'invalid';
  }
}
