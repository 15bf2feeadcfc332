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
import type { CodeSpec } from './code-spec.ts';

export const codes = {
  ...coreCodes,
  ...accountsCodes,
  ...platformsCodes,
  ...integrationsCodes,
  ...tokensCodes,
  ...toolsCodes,
  ...graphqlCodes,
} as const satisfies Record<string, CodeSpec>;

export type ErrorCode = keyof typeof codes;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(codes, value);
}
