/** Loads data for a page and tracks loading / ready / error / unavailable, with a reload. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';

export type Resource<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: ApiError }
  | { status: 'unavailable' };

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError(0, 'CLIENT', err instanceof Error ? err.message : 'Something went wrong.');
}

export function useResource<T>(load: () => Promise<T>, deps: readonly unknown[] = []): [Resource<T>, () => Promise<void>] {
  const [resource, setResource] = useState<Resource<T>>({ status: 'loading' });
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const data = await loadRef.current();
      if (mine === generation.current) setResource({ status: 'ready', data });
    } catch (err) {
      if (mine !== generation.current) return;
      const apiError = toApiError(err);
      // A route this server does not have yet is "not available", not a failure.
      setResource(apiError.isUnavailable ? { status: 'unavailable' } : { status: 'error', error: apiError });
    }
  }, []);

  useEffect(() => {
    setResource({ status: 'loading' });
    void run();
    return () => {
      generation.current++;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  return [resource, run];
}
