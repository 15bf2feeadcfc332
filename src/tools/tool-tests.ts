/** Tool Tests in flight, by tool: a second Test click joins the first instead of opening another socket. One per runtime. */
import type { Deps } from '../deps.ts';

export interface ToolTests {
  /** Runs `work` for `key`, or joins the run already in flight for it. */
  join<T>(key: string, work: () => Promise<T>): Promise<T>;
}

export function createToolTests(): ToolTests {
  const inFlight = new Map<string, Promise<unknown>>();
  return {
    join<T>(key: string, work: () => Promise<T>): Promise<T> {
      let pending = inFlight.get(key) as Promise<T> | undefined;
      if (!pending) {
        pending = work().finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return pending;
    },
  };
}

/** What the tools services need beside the foundation. */
export interface ToolsDeps extends Deps {
  readonly toolTests: ToolTests;
}
