/**
 * Token validation for platforms that require it (Twitch: at start-up and hourly, OA-19). A token the
 * platform calls invalid is refreshed at once through the one refresh path (forced for that version).
 */
import type { Runtime } from '../runtime.ts';
import type { IntegrationRow } from '../integrations/model.ts';
import type { ClientCredentials } from '../platforms/types.ts';
import { credentialsFor } from '../integrations/credentials.ts';
import { decryptSecret } from '../crypto/envelope.ts';
import { isPlatformError } from '../platforms/errors.ts';
import { refreshIntegration } from './refresh.ts';
import { metrics } from '../metrics.ts';
import { isUndecryptable, markUndecryptable } from './undecryptable.ts';

export type ValidationOutcome = 'ok' | 'invalid' | 'error' | 'skipped';

/** Retry a validation that failed for a transient reason after this long. */
const RETRY_MS = 60_000;

async function record(rt: Runtime, row: IntegrationRow, result: string, extra: { validation_due_at?: number } = {}): Promise<void> {
  await rt.store.db
    .updateTable('integrations')
    .set({ last_validated_at: rt.clock.now(), last_validation_result: result, ...extra })
    .where('id', '=', row.id)
    .execute();
}

/** The app credentials and access token a validation sends; undefined when there are no credentials. */
async function secretsOf(rt: Runtime, row: IntegrationRow): Promise<{ credentials: ClientCredentials; accessToken: string } | undefined> {
  const credentials = await credentialsFor(rt, row);
  if (!credentials) return undefined;
  return { credentials, accessToken: decryptSecret(rt.keyring, row.access_token_enc, { table: 'integrations', column: 'access_token_enc', rowId: row.id }) };
}

export async function validateIntegration(rt: Runtime, row: IntegrationRow): Promise<ValidationOutcome> {
  const adapter = rt.platforms.get(row.platform as never);
  if (!adapter?.validate) return 'skipped';
  let secrets: Awaited<ReturnType<typeof secretsOf>>;
  try {
    secrets = await secretsOf(rt, row);
  } catch (err) {
    if (!isUndecryptable(err)) throw err;
    // Nothing to validate with: the integration needs a reconnect (one incident, however often this runs).
    await markUndecryptable(rt, row);
    await record(rt, row, 'error');
    return 'error';
  }
  if (!secrets) return 'skipped';
  const { credentials, accessToken } = secrets;
  try {
    await adapter.validate({ credentials, accessToken });
    await record(rt, row, 'ok');
    metrics.validations.inc({ platform: row.platform, outcome: 'ok' });
    return 'ok';
  } catch (err) {
    if (!isPlatformError(err)) throw err;
    const invalid = (err.kind === 'oauth' && err.oauthError === 'invalid_token') || err.httpStatus === 401;
    metrics.validations.inc({ platform: row.platform, outcome: invalid ? 'invalid' : 'error' });
    if (!invalid) {
      await record(rt, row, 'error', { validation_due_at: rt.clock.now() + RETRY_MS });
      return 'error';
    }
    await record(rt, row, 'invalid');
    // The platform says the token is dead: replace it now (one forced refresh, however many notice).
    await refreshIntegration(rt, row.id, { trigger: 'validation', seenVersion: row.token_version }).catch((failure: unknown) =>
      rt.log.warn({ integration: row.id, platform: row.platform, code: (failure as { code?: string }).code }, 'refresh after a failed validation did not succeed'),
    );
    return 'invalid';
  }
}
