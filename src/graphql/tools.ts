/** OBS and Streamer.bot tools and StreamElements tokens: the operations of src/tools/routes.ts. Passwords and JWTs are write-only. */
import type { SchemaModule } from './schema.ts';
import { guarded } from './guard.ts';
import { lower, parseArg } from './inputs.ts';
import { createTool, deleteTool, getTool, listTools, testTool, updateTool } from '../tools/tools-service.ts';
import { addStreamElementsToken, listStreamElementsTokens, removeStreamElementsToken } from '../tools/streamelements-service.ts';
import { idParam } from '../accounts/schemas.ts';

/** The settings a tool is created and updated with (kind is fixed once created). */
const TOOL_SETTINGS = /* GraphQL */ `
    label: String
    host: String
    port: Int
    endpoint: String
    password: String
    remoteAccess: Boolean
    enabled: Boolean
`;

const typeDefs = /* GraphQL */ `
  enum ToolKind { OBS STREAMERBOT }
  enum ToolTestOutcome { OK REFUSED TIMEOUT AUTH_FAILED NOT_PROTOCOL HOST_NOT_FOUND UNREACHABLE NOT_ALLOWED ERROR }

  type Tool {
    id: ID!
    kind: ToolKind!
    label: String!
    host: String!
    port: Int!
    endpoint: String!
    hasPassword: Boolean!
    remoteAccess: Boolean!
    enabled: Boolean!
    lastTestAt: DateTime
    lastTestOk: Boolean
    lastTestMessage: String
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  type ToolTestResult {
    ok: Boolean!
    message: String!
    version: String
    outcome: ToolTestOutcome!
  }

  type StreamElementsToken {
    id: ID!
    platform: String!
    label: String
    "The last 4 characters of the JWT."
    tokenHint: String!
    "What the dashboard shows: Token: …xxxx"
    displayHint: String!
    expiresAt: DateTime
    createdAt: DateTime!
    "ok, or failing once StreamElements refused the JWT (tips stop until it is replaced)"
    status: String!
    statusReason: String
  }

  "Streamer.bot defaults: 127.0.0.1:8080, endpoint /. OBS defaults: port 4455, 127.0.0.1 unless remoteAccess."
  input CreateToolInput {
    kind: ToolKind!
${TOOL_SETTINGS}  }

  "Omit password to keep it; send null to remove it."
  input UpdateToolInput {
${TOOL_SETTINGS}  }

  input AddStreamElementsTokenInput {
    platform: String!
    "The JWT from the StreamElements dashboard (Account → Channels → Show secrets)."
    token: String!
    label: String
  }

  extend type Query {
    tools: [Tool!]!
    tool(id: ID!): Tool
    streamElementsTokens: [StreamElementsToken!]!
  }

  extend type Mutation {
    createTool(input: CreateToolInput!): Tool
    updateTool(id: ID!, input: UpdateToolInput!): Tool
    deleteTool(id: ID!): Boolean
    "Tests the connection (at most 5 s). Needs connections:edit: the server opens a connection to the saved address."
    testTool(id: ID!): ToolTestResult
    addStreamElementsToken(input: AddStreamElementsTokenInput!): StreamElementsToken
    removeStreamElementsToken(id: ID!): Boolean
  }
`;

type ToolFields = { kind?: string; label?: string | null; host?: string | null; port?: number | null; endpoint?: string | null; password?: string | null; remoteAccess?: boolean | null; enabled?: boolean | null };

/**
 * camelCase input → the services' snake_case input, keeping "absent" apart from null (the services
 * validate with the REST schemas themselves: null removes a password, absent keeps it).
 */
function toolInput(input: ToolFields): Record<string, unknown> {
  const names: Record<string, string> = { remoteAccess: 'remote_access' };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) out[names[key] ?? key] = key === 'kind' && typeof value === 'string' ? lower(value) : value;
  return out;
}

const id = (value: string): string => parseArg(idParam, value, 'id');

export const toolsModule: SchemaModule = {
  typeDefs,
  resolvers: {
    Query: {
      tools: guarded({ permission: 'connections:read' }, (_, ctx) => listTools(ctx.rt, ctx.caller)),
      tool: guarded({ permission: 'connections:read' }, (args: { id: string }, ctx) => getTool(ctx.rt, ctx.caller, id(args.id))),
      streamElementsTokens: guarded({ permission: 'connections:read' }, (_, ctx) => listStreamElementsTokens(ctx.rt, ctx.caller)),
    },
    Mutation: {
      createTool: guarded({ permission: 'connections:create' }, (args: { input: ToolFields }, ctx) =>
        createTool(ctx.rt, ctx.caller, toolInput(args.input) as Parameters<typeof createTool>[2]),
      ),
      updateTool: guarded({ permission: 'connections:edit' }, (args: { id: string; input: ToolFields }, ctx) =>
        updateTool(ctx.rt, ctx.caller, id(args.id), toolInput(args.input)),
      ),
      deleteTool: guarded({ permission: 'connections:delete' }, async (args: { id: string }, ctx) => {
        await deleteTool(ctx.rt, ctx.caller, id(args.id));
        return true;
      }),
      testTool: guarded({ permission: 'connections:edit' }, (args: { id: string }, ctx) => testTool(ctx.rt, ctx.caller, id(args.id))),
      addStreamElementsToken: guarded({ permission: 'connections:create' }, (args: { input: { platform: string; token: string; label?: string | null } }, ctx) =>
        addStreamElementsToken(ctx.rt, ctx.caller, args.input as Parameters<typeof addStreamElementsToken>[2]),
      ),
      removeStreamElementsToken: guarded({ permission: 'connections:delete' }, async (args: { id: string }, ctx) => {
        await removeStreamElementsToken(ctx.rt, ctx.caller, id(args.id));
        return true;
      }),
    },
  },
};
