/** Error codes of the platforms capability. */
import type { CodeSpec } from '../code-spec.ts';

export const platformsCodes = {} as const satisfies Record<string, CodeSpec>;
