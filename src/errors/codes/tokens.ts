/** Error codes of the tokens capability. */
import type { CodeSpec } from '../code-spec.ts';

export const tokensCodes = {} as const satisfies Record<string, CodeSpec>;
