/** The schema's areas, in one list: adding an area is one module file and one line here. */
import type { GraphQLSchema } from 'graphql';
import { buildGraphqlSchema, type SchemaModule } from './schema.ts';
import { integrationsModule } from './integrations.ts';

export const schemaModules: readonly SchemaModule[] = [integrationsModule];

export function graphqlSchema(): GraphQLSchema {
  return buildGraphqlSchema(schemaModules);
}
