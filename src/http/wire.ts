/**
 * The REST wire of a domain object, by one rule instead of a mapper per entity: keys in snake_case
 * (`platformUserId` → `platform_user_id`) and times — keys ending in `At` holding epoch milliseconds —
 * as ISO 8601 strings. Services return camelCase domain objects; GraphQL shows them as they are, REST
 * through this, and each route's zod response schema checks the result.
 */

type SnakeChar<C extends string> = C extends Lowercase<C> ? C : `_${Lowercase<C>}`;
export type SnakeCase<S extends string> = S extends `${infer H}${infer T}` ? `${SnakeChar<H>}${SnakeCase<T>}` : S;

type WireValue<K, V> = K extends `${string}At` ? (V extends number ? string : V extends number | null ? string | null : Wire<V>) : Wire<V>;

export type Wire<T> = T extends readonly (infer U)[]
  ? Wire<U>[]
  : T extends string | number | boolean | null | undefined
    ? T
    : T extends ReadonlySet<unknown> | ReadonlyMap<unknown, unknown> | Date
      ? never
      : { [K in keyof T as K extends string ? SnakeCase<K> : K]: WireValue<K, T[K]> };

export const snakeCase = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function convert(value: unknown, key: string): unknown {
  if (key.endsWith('At') && typeof value === 'number') return new Date(value).toISOString();
  if (Array.isArray(value)) return value.map((v) => convert(v, ''));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[snakeCase(k)] = convert(v, k);
    return out;
  }
  return value;
}

export function toWire<T>(value: T): Wire<T> {
  return convert(value, '') as Wire<T>;
}
