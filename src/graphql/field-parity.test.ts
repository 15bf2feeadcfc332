/**
 * REST and GraphQL describe each entity with the same fields: every GraphQL object type below has,
 * in snake_case, exactly the fields of the REST answer's schema in /openapi.json (which the zod wire
 * schemas generate). A field added to one API and not the other fails here, whatever the data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLObjectType } from 'graphql';
import { graphqlJs } from './graphql-js.ts';
import { buildGraphqlSchema } from './schema.ts';
import { schemaModules } from './modules.ts';
import { buildApp, type App } from '../http/app.ts';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { snakeCase } from '../http/wire.ts';

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

/** GraphQL type → the REST answer that shows the same entity (path, its method when not GET, and where in its body). */
const PAIRS: { type: string; path: string; method?: 'post'; at: 'body' | 'item' | 'items'; field?: string }[] = [
  { type: 'Integration', path: '/v1/integrations/{id}', at: 'body' },
  { type: 'PlatformIntegrations', path: '/v1/integrations', at: 'item' },
  { type: 'IntegrationPlatform', path: '/v1/integrations/platforms', at: 'item' },
  { type: 'Platform', path: '/v1/platforms', at: 'item' },
  { type: 'PlatformCapabilities', path: '/v1/platforms', at: 'item', field: 'capabilities' },
  { type: 'PlatformScopes', path: '/v1/integrations/platform/{slug}/scopes', at: 'body' },
  { type: 'IntegrationScope', path: '/v1/integrations/platform/{slug}/scopes', at: 'body', field: 'channel_scopes' },
  { type: 'Account', path: '/v1/accounts', at: 'items' },
  { type: 'Member', path: '/v1/members', at: 'items' },
  { type: 'Invite', path: '/v1/invites', at: 'items' },
  { type: 'Role', path: '/v1/roles', at: 'items' },
  { type: 'ApiKey', path: '/v1/api-keys', at: 'items' },
  { type: 'AppCredential', path: '/v1/app-credentials', at: 'items' },
  { type: 'PlatformSetting', path: '/v1/admin/platforms', at: 'items' },
  { type: 'ServiceKey', path: '/v1/service-keys', at: 'items' },
  { type: 'Webhook', path: '/v1/webhooks', at: 'items' },
  { type: 'Notification', path: '/v1/notifications', at: 'items' },
  { type: 'Tool', path: '/v1/tools', at: 'item' },
  { type: 'StreamElementsToken', path: '/v1/streamelements/tokens', at: 'item' },
  { type: 'ChatLogEntry', path: '/v1/chat/log', at: 'items' },
  { type: 'ObsScene', path: '/v1/tools/{id}/obs/scenes', at: 'item' },
  { type: 'ObsSceneSource', path: '/v1/tools/{id}/obs/scenes', at: 'item', field: 'sources' },
  { type: 'ObsStatus', path: '/v1/tools/{id}/obs/status', at: 'body' },
  { type: 'StreamerbotAction', path: '/v1/tools/{id}/streamerbot/actions', at: 'item' },
  { type: 'LiveEvent', path: '/v1/events/history', at: 'items' },
  { type: 'EventConnectionState', path: '/v1/events/connections', at: 'items' },
  // Questions REST asks with a POST body (the token and the client id stay out of URLs).
  { type: 'CredentialsImpact', path: '/v1/app-credentials/{platform}/impact', method: 'post', at: 'body' },
  { type: 'CredentialsImpactItem', path: '/v1/app-credentials/{platform}/impact', method: 'post', at: 'body', field: 'affected' },
  { type: 'InvitePreview', path: '/v1/invites/preview', method: 'post', at: 'body' },
];

function objectOf(schema: JsonSchema | undefined): JsonSchema | undefined {
  if (!schema) return undefined;
  if (schema.properties) return schema;
  for (const s of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) {
    const found = objectOf(s);
    if (found) return found;
  }
  return schema.items ? objectOf(schema.items) : undefined;
}

describe('REST and GraphQL have the same fields', () => {
  let rt: TestRuntime;
  let app: App;
  type Operation = { responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }> };
  let paths: Record<string, { get?: Operation; post?: Operation }>;
  const schema = buildGraphqlSchema(schemaModules);

  beforeAll(async () => {
    rt = await testRuntime();
    app = await buildApp(rt);
    paths = (app.swagger() as { paths: typeof paths }).paths;
  });
  afterAll(async () => {
    await app?.close();
    await rt?.close();
  });

  function restFields(pair: (typeof PAIRS)[number]): string[] {
    const body = paths[pair.path]?.[pair.method ?? 'get']?.responses?.['200']?.content?.['application/json']?.schema;
    let target = pair.at === 'items' ? objectOf(body?.properties?.items) : pair.at === 'item' ? objectOf(body?.items) : objectOf(body);
    if (pair.field) target = objectOf(target?.properties?.[pair.field]);
    if (!target?.properties) throw new Error(`no object schema at ${pair.path} (${pair.at}${pair.field ? `.${pair.field}` : ''})`);
    return Object.keys(target.properties).sort();
  }

  it.each(PAIRS.map((p) => ({ ...p, verb: (p.method ?? 'get').toUpperCase() })))('$type ≡ $verb $path', (pair) => {
    const type = schema.getType(pair.type);
    expect(type && graphqlJs.isObjectType(type), `GraphQL type ${pair.type}`).toBe(true);
    const graphql = Object.keys((type as GraphQLObjectType).getFields()).map(snakeCase).sort();
    expect(graphql).toEqual(restFields(pair));
  });

  it('fails on a field one API has and the other lacks', () => {
    const rest = ['id', 'name'];
    const graphql = ['id', 'name', 'extra'].map(snakeCase).sort();
    expect(graphql).not.toEqual(rest);
  });
});
