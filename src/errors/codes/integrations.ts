/** Error codes of the integrations capability. */
import type { CodeSpec } from '../code-spec.ts';

export const integrationsCodes = {} as const satisfies Record<string, CodeSpec>;
