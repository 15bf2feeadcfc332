/**
 * Busy / error / success of the API calls a button, row, card or form makes. One call is in flight at
 * a time (a second click while one runs does nothing), a failure is kept in words for FormError, and
 * every new call starts by clearing what the last one said, so an old error never outlives a later
 * success.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../api/client.ts';

export interface RunOptions {
  /** Which of the caller's buttons this is, so only that one spins (the buttons of a row share one Action). */
  name?: string;
  /** The line shown (role="status") once it succeeded. */
  success?: string;
  /** Success leaves this page (OAuth, sign-in, setup): keep spinning until it is gone instead of standing idle. */
  leaves?: boolean;
  /** The failure in words, where the server's message alone would not say what to do next. */
  describe?: (err: unknown) => string;
}

export interface Action {
  /** The name of the call in flight, or null. */
  readonly pending: string | null;
  /** Whether any call is in flight. */
  readonly busy: boolean;
  readonly error: string | null;
  readonly success: string | null;
  isBusy(name: string): boolean;
  /** Runs `task` unless another call is in flight; true when it succeeded. */
  run(task: () => Promise<unknown>, options?: RunOptions): Promise<boolean>;
  /** A problem found before calling the API (a form's own check), shown like a failure. */
  fail(message: string): void;
  /** Forgets the error and the success line (a dialog opening again). */
  reset(): void;
}

/** The name of a call whose caller did not name it. */
export const UNNAMED = 'action';

export function useAction(): Action {
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  // A ref, not state: a double click arrives before React has re-rendered with `pending` set.
  const inFlight = useRef(false);

  const run = useCallback(async (task: () => Promise<unknown>, options: RunOptions = {}) => {
    if (inFlight.current) return false;
    inFlight.current = true;
    setPending(options.name ?? UNNAMED);
    setError(null);
    setSuccess(null);
    try {
      await task();
    } catch (err) {
      inFlight.current = false;
      setPending(null);
      setError((options.describe ?? errorMessage)(err));
      return false;
    }
    if (!options.leaves) {
      inFlight.current = false;
      setPending(null);
    }
    setSuccess(options.success ?? null);
    return true;
  }, []);

  const fail = useCallback((message: string) => {
    setSuccess(null);
    setError(message);
  }, []);

  const reset = useCallback(() => {
    setError(null);
    setSuccess(null);
  }, []);

  return useMemo(
    () => ({ pending, busy: pending !== null, error, success, isBusy: (name: string) => pending === name, run, fail, reset }),
    [pending, error, success, run, fail, reset],
  );
}
