/** Shape of one entry in the error-code registry. */
export interface CodeSpec {
  /** HTTP status the error maps to. */
  readonly status: number;
  /** Whether the same request may succeed if retried later. */
  readonly retryable: boolean;
  /** One line for the README's error table. */
  readonly description: string;
}
