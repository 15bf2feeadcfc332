/**
 * Builds the executable schema from the area modules (integrations, accounts, audit, tools, tokens):
 * each gives SDL and resolvers. Fields without a resolver read the service's view by their camelCase
 * name or its snake_case twin (`platformUsername` ← `platform_username`), and enum fields upper-case
 * the view's value (`needs_reauth` → NEEDS_REAUTH), so GraphQL shows exactly what REST shows.
 */
import type { GraphQLFieldResolver, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { graphqlJs } from './graphql-js.ts';
import { DateTime, JSONScalar } from './scalars.ts';
import type { GqlContext } from './context.ts';

type FieldResolver = GraphQLFieldResolver<unknown, GqlContext, Record<string, unknown>>;

export interface SchemaModule {
  typeDefs: string;
  /** Type name → field name → resolver. Query and Mutation fields must be `guarded(...)`. */
  resolvers: Record<string, Record<string, FieldResolver>>;
}

const { extendSchema, getNamedType, isEnumType, isObjectType, parse } = graphqlJs;

const ROOT = /* GraphQL */ `
  type Query
  type Mutation
`;

const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function readField(name: string, isEnum: boolean): FieldResolver {
  const key = snake(name);
  const upper = (v: unknown): unknown => (typeof v === 'string' ? v.toUpperCase() : Array.isArray(v) ? v.map(upper) : v);
  return (source) => {
    if (source === null || typeof source !== 'object') return undefined;
    const record = source as Record<string, unknown>;
    const value = name in record ? record[name] : record[key];
    return isEnum ? upper(value) : value;
  };
}

export function buildGraphqlSchema(modules: readonly SchemaModule[]): GraphQLSchema {
  const scalars = new graphqlJs.GraphQLSchema({ types: [DateTime, JSONScalar] });
  const extended = extendSchema(scalars, parse([ROOT, ...modules.map((m) => m.typeDefs)].join('\n')));
  const schema = new graphqlJs.GraphQLSchema({
    ...extended.toConfig(),
    query: extended.getType('Query') as GraphQLObjectType,
    mutation: extended.getType('Mutation') as GraphQLObjectType,
  });
  for (const module of modules) {
    for (const [typeName, fields] of Object.entries(module.resolvers)) {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) throw new Error(`graphql: resolvers for unknown type ${typeName}`);
      const defs = type.getFields();
      for (const [fieldName, resolve] of Object.entries(fields)) {
        const def = defs[fieldName];
        if (!def) throw new Error(`graphql: resolver for unknown field ${typeName}.${fieldName}`);
        def.resolve = resolve;
      }
    }
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      field.resolve ??= readField(field.name, isEnumType(getNamedType(field.type)));
    }
  }
  return schema;
}
