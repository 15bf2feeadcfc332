/**
 * In-process single-flight: concurrent callers for one key share one promise. A hard timeout removes
 * the entry and rejects its callers, so a hung call can never wedge a key until restart (Nango #1005).
 * Without `timeout` (a database query, which has its own), the call runs as it is.
 */
export function singleFlight<T>(
  flights: Map<string, Promise<T>>,
  key: string,
  run: () => Promise<T>,
  timeout?: { ms: number; error: () => Error },
): Promise<T> {
  const existing = flights.get(key);
  if (existing) return existing;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const started: Promise<T> = timeout
    ? new Promise<T>((resolve, reject) => {
        timer = setTimeout(() => reject(timeout.error()), timeout.ms);
        timer.unref?.();
        run().then(resolve, reject);
      })
    : run();
  const flight: Promise<T> = started.finally(() => {
    clearTimeout(timer);
    if (flights.get(key) === flight) flights.delete(key);
  });
  flights.set(key, flight);
  return flight;
}
