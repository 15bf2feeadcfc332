/** Warns loudly at start-up when a crash-test failpoint is configured: such a process kills itself mid-refresh. */
import type { Runtime } from '../runtime.ts';

export function armFailpointLogging(rt: Runtime): void {
  const name = rt.config.tokens.failpoint;
  if (name) rt.log.warn({ failpoint: name }, 'CRASH-TEST FAILPOINT SET: this process will SIGKILL itself in the refresh path; never use this in production');
}
