/** The schema's areas, in one list: adding an area is one module file and one line here. */
import type { GraphQLSchema } from 'graphql';
import { buildGraphqlSchema, type SchemaModule } from './schema.ts';
import { integrationsModule } from './integrations.ts';
import { accountsModule } from './accounts.ts';
import { auditModule } from './audit.ts';
import { toolsModule } from './tools.ts';
import { tokensModule } from './tokens.ts';
import { chatModule } from './chat.ts';
import { eventsModule } from './events.ts';

export const schemaModules: readonly SchemaModule[] = [integrationsModule, accountsModule, auditModule, toolsModule, tokensModule, chatModule, eventsModule];

export function graphqlSchema(): GraphQLSchema {
  return buildGraphqlSchema(schemaModules);
}
