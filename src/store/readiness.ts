/** Readiness (/readyz): the database answers, its migrations are current, and it takes writes. */
import type { Deps } from '../deps.ts';
import { pingStore } from './db.ts';
import { migrationsCurrent } from './migrate.ts';
import { probeWrites } from './write-probe.ts';
import type { StoreFailureReason } from './store-failure.ts';

export interface Readiness {
  ready: boolean;
  checks: { database: boolean; migrations: boolean; writes: boolean };
  /** Why writes fail, when the database said so. */
  writeFailure?: StoreFailureReason | undefined;
}

export async function checkReadiness(deps: Pick<Deps, 'store' | 'clock'>): Promise<Readiness> {
  const database = await pingStore(deps.store);
  const migrations = database ? await migrationsCurrent(deps.store).catch(() => false) : false;
  const probe = database && migrations ? await probeWrites(deps) : { ok: false as const, reason: undefined };
  return {
    ready: database && migrations && probe.ok,
    checks: { database, migrations, writes: probe.ok },
    ...(!probe.ok && probe.reason ? { writeFailure: probe.reason } : {}),
  };
}
