/**
 * GraphQL arguments → the inputs the REST routes validate, with the REST routes' own zod schemas, so
 * both adapters accept and refuse the same values. A refusal names the GraphQL argument (camelCase).
 */
import type { z } from 'zod';
import { invalidField } from '../errors/app-error.ts';

const camel = (s: string): string => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Parses `value` with `schema`; `field` is the GraphQL argument it came from (e.g. "input"). */
export function parseArg<S extends z.ZodType>(schema: S, value: unknown, field: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const keys = issue && 'keys' in issue && Array.isArray(issue.keys) ? issue.keys.map(String) : [];
  const path = [field, ...(issue?.path ?? []).map((p) => camel(String(p))), ...keys.slice(0, 1).map(camel)].filter(Boolean).join('.');
  throw invalidField(path, issue?.message ?? 'is invalid');
}

/** GraphQL `null` for an optional input means "not given", as an absent JSON key does in REST. */
export function optional<T>(value: T | null | undefined): T | undefined {
  return value === null ? undefined : value;
}

/** Enum values come in upper case (CHANNEL); services speak lower case (channel). */
export function lower<T extends string>(value: T): Lowercase<T> {
  return value.toLowerCase() as Lowercase<T>;
}
