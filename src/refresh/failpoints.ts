/**
 * Crash-test failpoints in the refresh path (F-8 in docs/security.md): when `tokens.failpoint`
 * (BIFROST_FAILPOINT) names one, the process SIGKILLs itself there — no cleanup, no finally — so the
 * kill tests can check the row invariants. In-process tests install a handler instead. The four
 * points: before the platform call, after its answer, mid-commit (the new tokens written
 * inside the commit's transaction, COMMIT not yet sent) and after the commit.
 */
import type { Runtime } from '../runtime.ts';
import type { FAILPOINTS } from '../config/schema.ts';
import { tokensState } from './state.ts';

export type Failpoint = (typeof FAILPOINTS)[number];

export function failpoint(rt: Runtime, name: Failpoint): void {
  const handler = tokensState(rt).failpoint;
  if (handler) {
    handler(name);
    return;
  }
  if (rt.config.tokens.failpoint === name) {
    process.stderr.write(`[bifrost] failpoint ${name}: killing process ${process.pid}\n`);
    process.kill(process.pid, 'SIGKILL');
  }
}
