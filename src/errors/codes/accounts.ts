/** Error codes of the accounts capability. */
import type { CodeSpec } from '../code-spec.ts';

export const accountsCodes = {} as const satisfies Record<string, CodeSpec>;
