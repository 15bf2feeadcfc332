/** A fetch wrapper for tests that records what an adapter sent (method, URL, headers, body). */

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

export function recordingFetch(inner: typeof fetch = globalThis.fetch): { fetch: typeof fetch; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const wrapped = (async (input: string | URL | Request, init?: RequestInit) => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
    requests.push({ method: init?.method ?? 'GET', url: String(input), headers, body: typeof init?.body === 'string' ? init.body : undefined });
    return inner(input, init);
  }) as typeof fetch;
  return { fetch: wrapped, requests };
}
