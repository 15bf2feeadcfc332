import { describe, expect, it } from 'vitest';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { integrationIdParams, tokenServerQuery } from '../consumers/schemas.ts';
import { guardedValidator, shortString } from './guarded-validator.ts';

describe('guardedValidator', () => {
  const route = (schema: unknown, httpPart: string) => ({ schema, httpPart, method: 'POST', url: '/x' }) as never;
  it('passes what the guard accepts as zod would, and gives zod’s own error for anything else', () => {
    const params = guardedValidator({ params: (p) => shortString(p.id, 200) })(route(integrationIdParams, 'params'));
    const zod = validatorCompiler(route(integrationIdParams, 'params'));
    for (const value of [{ id: 'int_abc' }, { id: 'x'.repeat(200) }]) expect(params(value)).toEqual(zod(value));
    for (const value of [{ id: 'x'.repeat(201) }, {}, { id: 5 }]) {
      const guarded = params(value) as { error?: unknown };
      expect(guarded.error).toBeDefined();
      expect(guarded).toEqual(zod(value));
    }
    const query = guardedValidator({ querystring: (q) => q.id === undefined || shortString(q.id, 100) })(route(tokenServerQuery, 'querystring'));
    expect(query({ id: ['a', 'b'] })).toEqual(validatorCompiler(route(tokenServerQuery, 'querystring'))({ id: ['a', 'b'] }));
    expect(query({})).toEqual({ value: {} });
  });
});
