/**
 * StartupError: a reason Bifrost must not start (lost keys, an unreachable database). The CLI prints
 * its one-line message and exits with its code; it never carries a secret.
 */

/** Exit code for problems the operator fixes in configuration or key material. */
export const EXIT_CONFIG = 2;
/** Exit code when the database cannot be reached or opened. */
export const EXIT_DATABASE = 3;

export class StartupError extends Error {
  constructor(
    readonly exitCode: typeof EXIT_CONFIG | typeof EXIT_DATABASE,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StartupError';
  }
}
