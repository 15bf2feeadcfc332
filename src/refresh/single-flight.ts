/**
 * In-process single-flight: concurrent callers for one key share one promise. A hard timeout removes
 * the entry and rejects its callers, so a hung call can never wedge a key until restart (Nango #1005).
 */
export function singleFlight<T>(
  flights: Map<string, Promise<T>>,
  key: string,
  timeoutMs: number,
  run: () => Promise<T>,
  onTimeout: () => Error,
): Promise<T> {
  const existing = flights.get(key);
  if (existing) return existing;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flight: Promise<T> = new Promise<T>((resolve, reject) => {
    timer = setTimeout(() => reject(onTimeout()), timeoutMs);
    timer.unref?.();
    run().then(resolve, reject);
  }).finally(() => {
    clearTimeout(timer);
    if (flights.get(key) === flight) flights.delete(key);
  });
  flights.set(key, flight);
  return flight;
}
