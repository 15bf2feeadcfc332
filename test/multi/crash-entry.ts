/**
 * The crash suite's child process: one Bifrost runtime (child-runtime.ts) refreshes MULTI_INTEGRATION
 * once and exits.
 * When CRASH_AT names a step of the refresh path, the runtime is built with a hook that SIGKILLs the
 * process there — no cleanup, no finally — so the test can check the row invariants. Only this
 * test-only entry point can kill a process mid-refresh; Bifrost itself has no such setting.
 */
import { REFRESH_STEPS, type RefreshSteps } from '../../src/refresh/steps.ts';
import { childRuntime } from './child-runtime.ts';

const crashAt = process.env.CRASH_AT;
if (crashAt !== undefined && !(REFRESH_STEPS as readonly string[]).includes(crashAt)) throw new Error(`CRASH_AT must be one of ${REFRESH_STEPS.join(', ')}`);

const steps: RefreshSteps = {
  at(step) {
    if (step !== crashAt) return;
    process.stderr.write(`[crash-entry] ${step}: killing process ${process.pid}\n`);
    process.kill(process.pid, 'SIGKILL');
  },
};

const rt = await childRuntime({ steps });
try {
  const row = await rt.refresh.refreshIntegration(process.env.MULTI_INTEGRATION!, { trigger: 'manual' });
  process.stdout.write(`DONE ${row.token_version}\n`);
} catch (err) {
  process.stdout.write(`FAILED ${(err as { code?: string }).code ?? 'unknown'}\n`);
}
await rt.close();
process.exit(0);
