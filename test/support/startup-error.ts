/** Awaits a start-up step that must refuse, and returns its StartupError (failing the test otherwise). */
import { expect } from 'vitest';
import { StartupError } from '../../src/errors/startup-error.ts';

export async function expectStartupError(promise: Promise<unknown>): Promise<StartupError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(StartupError);
    return err as StartupError;
  }
  throw new Error('expected a StartupError');
}
