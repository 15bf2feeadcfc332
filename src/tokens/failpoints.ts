/**
 * Crash-test failpoints in the refresh path (security doc 4.5): when `tokens.failpoint`
 * (BIFROST_FAILPOINT) names one, the process SIGKILLs itself there — no cleanup, no finally — so the
 * kill tests can check the row invariants. In-process tests install a handler instead.
 */
import type { Runtime } from '../runtime.ts';
import { tokensState } from './state.ts';

export type Failpoint = 'before_platform_call' | 'after_platform_response' | 'after_commit';

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
