/** Shape of one entry in the error-code registry. */
export interface CodeSpec {
  /** HTTP status the error maps to. */
  readonly status: number;
  /** Whether the same request may succeed if retried later. */
  readonly retryable: boolean;
  /** One line for the README's error table (`npm run gen:errors` writes it there). */
  readonly description: string;
  /**
   * This is the code of its status when nothing more specific applies — Fastify's own client errors
   * (bad JSON, wrong media type …) in REST and GraphQL. At most one code per status sets it.
   */
  readonly statusDefault?: true;
}
