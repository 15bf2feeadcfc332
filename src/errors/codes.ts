/**
 * The one error-code registry. Each capability keeps its codes in `codes/<capability>.ts`;
 * this file joins them so every code has exactly one HTTP status and retry flag.
 */
import { coreCodes } from './codes/core.ts';
import { accountsCodes } from './codes/accounts.ts';
import { platformsCodes } from './codes/platforms.ts';
import { integrationsCodes } from './codes/integrations.ts';
import { tokensCodes } from './codes/tokens.ts';
import { toolsCodes } from './codes/tools.ts';
import { graphqlCodes } from './codes/graphql.ts';
import { chatCodes } from './codes/chat.ts';
import { ingestCodes } from './codes/ingest.ts';
import type { CodeSpec } from './code-spec.ts';

export const codes = {
  ...coreCodes,
  ...accountsCodes,
  ...platformsCodes,
  ...integrationsCodes,
  ...tokensCodes,
  ...toolsCodes,
  ...graphqlCodes,
  ...chatCodes,
  ...ingestCodes,
} as const satisfies Record<string, CodeSpec>;

export type ErrorCode = keyof typeof codes;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(codes, value);
}

/** Status → the code marked `statusDefault` for it; a second default for one status is a registry mistake. */
export function statusDefaults<C extends string>(registry: Readonly<Record<C, CodeSpec>>): ReadonlyMap<number, C> {
  const out = new Map<number, C>();
  for (const [code, spec] of Object.entries(registry) as [C, CodeSpec][]) {
    if (!spec.statusDefault) continue;
    const taken = out.get(spec.status);
    if (taken) throw new Error(`error codes ${taken} and ${code} are both the default of status ${spec.status}`);
    out.set(spec.status, code);
  }
  return out;
}

const STATUS_DEFAULTS = statusDefaults(codes);

/**
 * The code an error with only an HTTP status gets (Fastify's own client errors, in REST and GraphQL):
 * the registry's default for that status, else BAD_REQUEST for any other 4xx, INTERNAL otherwise.
 */
export function codeForStatus(status: number): ErrorCode {
  return STATUS_DEFAULTS.get(status) ?? (status >= 400 && status < 500 ? 'BAD_REQUEST' : 'INTERNAL');
}
