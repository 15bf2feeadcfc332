/** Error codes of the tools capability. */
import type { CodeSpec } from '../code-spec.ts';

export const toolsCodes = {} as const satisfies Record<string, CodeSpec>;
