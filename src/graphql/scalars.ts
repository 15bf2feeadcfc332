/** Custom scalars: DateTime (ISO 8601 in UTC, from epoch ms or an ISO string) and JSON (audit details). */
import type { ValueNode } from 'graphql';
import { graphqlJs } from './graphql-js.ts';

const { GraphQLError, GraphQLScalarType, Kind } = graphqlJs;

function toIso(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value).toISOString();
  if (typeof value === 'string' && Number.isFinite(Date.parse(value))) return new Date(value).toISOString();
  if (value instanceof Date && Number.isFinite(value.getTime())) return value.toISOString();
  throw new TypeError('DateTime cannot represent this value');
}

function parseIso(value: unknown): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value) || !Number.isFinite(Date.parse(value))) {
    throw new GraphQLError('DateTime must be an ISO 8601 time such as "2026-11-22T16:03:11Z"');
  }
  return new Date(value).toISOString();
}

export const DateTime = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An ISO 8601 time in UTC, e.g. "2026-11-22T16:03:11.000Z".',
  serialize: toIso,
  parseValue: parseIso,
  parseLiteral: (ast) => parseIso(ast.kind === Kind.STRING ? ast.value : undefined),
});

function literal(ast: ValueNode, variables: Record<string, unknown> | null | undefined): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
    case Kind.ENUM:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map((v) => literal(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literal(f.value, variables)]));
    case Kind.VARIABLE:
      return variables?.[ast.name.value];
  }
}

export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value (used for audit event details, which differ per action).',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: literal,
});
