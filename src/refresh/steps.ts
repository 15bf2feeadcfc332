/**
 * Named points of the refresh path a test can hook (the `steps` seam of the refresh service): the
 * crash suite kills the process at them to check the row invariants, in-process tests throw there to
 * play a bug. In production nothing is hooked and passing a step does nothing.
 */

/** Before the platform call, after its answer, mid-commit (new tokens written, COMMIT not sent), after the commit. */
export const REFRESH_STEPS = ['before_platform_call', 'after_platform_response', 'mid_commit', 'after_commit'] as const;
export type RefreshStep = (typeof REFRESH_STEPS)[number];

export interface RefreshSteps {
  at(step: RefreshStep): void;
}

export const NO_STEPS: RefreshSteps = Object.freeze({ at: () => {} });
