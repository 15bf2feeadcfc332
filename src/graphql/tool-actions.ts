/** Acting on connected tools (permission tools:control): the operations of src/http/routes/tool-actions.ts as queries and mutations. */
import type { SchemaModule } from './schema.ts';
import { guarded } from './guard.ts';
import { lower, parseArg } from './inputs.ts';
import { idParam } from '../accounts/schemas.ts';
import { invalidField } from '../errors/app-error.ts';
import {
  controlObsOutput,
  listObsScenes,
  listStreamerbotActions,
  obsStatus,
  rawToolRequest,
  runStreamerbotAction,
  setObsProgramScene,
  setObsSourceVisibility,
  triggerObsMedia,
  type MediaAction,
  type OutputAction,
} from '../tools/actions.ts';

const typeDefs = /* GraphQL */ `
  enum ObsMediaAction { PLAY PAUSE RESTART STOP NEXT PREVIOUS }
  enum ObsOutputAction { START STOP TOGGLE }
  enum ObsOutput { STREAM RECORD }

  type ObsSceneSource {
    name: String!
    sceneItemId: Int!
    visible: Boolean!
  }

  type ObsScene {
    name: String!
    current: Boolean!
    sources: [ObsSceneSource!]!
  }

  type ObsStatus {
    streaming: Boolean!
    recording: Boolean!
    currentScene: String
    "OBS's own GetStats answer."
    stats: JSON!
  }

  type ObsOutputResult {
    output: ObsOutput!
    action: ObsOutputAction!
    active: Boolean
  }

  type StreamerbotAction {
    id: String!
    name: String!
    group: String!
    enabled: Boolean!
  }

  extend type Query {
    "OBS scenes (top first) with their sources. Needs tools:control."
    obsScenes(toolId: ID!): [ObsScene!]!
    obsStatus(toolId: ID!): ObsStatus!
    streamerbotActions(toolId: ID!): [StreamerbotAction!]!
  }

  extend type Mutation {
    setObsProgramScene(toolId: ID!, scene: String!): String
    setObsSourceVisibility(toolId: ID!, scene: String!, source: String!, visible: Boolean!): Boolean
    obsMedia(toolId: ID!, input: String!, action: ObsMediaAction!): Boolean
    obsOutput(toolId: ID!, output: ObsOutput!, action: ObsOutputAction!): ObsOutputResult
    "Runs a Streamer.bot action by actionId or name (exactly one), with optional arguments."
    runStreamerbotAction(toolId: ID!, actionId: String, name: String, args: JSON): StreamerbotAction
    "A raw request: OBS {requestType, requestData}, Streamer.bot {request, …}. Answers the tool's own response data."
    toolRequest(toolId: ID!, request: JSON!): JSON
  }
`;

const id = (value: string): string => parseArg(idParam, value, 'toolId');
const control = { permission: 'tools:control' } as const;

function text(value: string, field: string): string {
  if (value.length === 0 || value.length > 256) throw invalidField(field, 'must be 1 to 256 characters');
  return value;
}

export const toolActionsModule: SchemaModule = {
  typeDefs,
  resolvers: {
    Query: {
      obsScenes: guarded(control, (args: { toolId: string }, ctx) => listObsScenes(ctx.rt, ctx.caller, id(args.toolId))),
      obsStatus: guarded(control, (args: { toolId: string }, ctx) => obsStatus(ctx.rt, ctx.caller, id(args.toolId))),
      streamerbotActions: guarded(control, (args: { toolId: string }, ctx) => listStreamerbotActions(ctx.rt, ctx.caller, id(args.toolId))),
    },
    Mutation: {
      setObsProgramScene: guarded(control, async (args: { toolId: string; scene: string }, ctx) =>
        (await setObsProgramScene(ctx.rt, ctx.caller, id(args.toolId), { scene: text(args.scene, 'scene') })).scene,
      ),
      setObsSourceVisibility: guarded(control, async (args: { toolId: string; scene: string; source: string; visible: boolean }, ctx) =>
        (await setObsSourceVisibility(ctx.rt, ctx.caller, id(args.toolId), { scene: text(args.scene, 'scene'), source: text(args.source, 'source'), visible: args.visible })).visible,
      ),
      obsMedia: guarded(control, async (args: { toolId: string; input: string; action: string }, ctx) => {
        await triggerObsMedia(ctx.rt, ctx.caller, id(args.toolId), { input: text(args.input, 'input'), action: lower(args.action) as MediaAction });
        return true;
      }),
      obsOutput: guarded(control, async (args: { toolId: string; output: string; action: string }, ctx) => {
        const result = await controlObsOutput(ctx.rt, ctx.caller, id(args.toolId), lower(args.output) as 'stream' | 'record', { action: lower(args.action) as OutputAction });
        return { ...result, output: result.output.toUpperCase(), action: result.action.toUpperCase() };
      }),
      runStreamerbotAction: guarded(control, async (args: { toolId: string; actionId?: string | null; name?: string | null; args?: unknown }, ctx) => {
        const actionId = args.actionId ?? undefined;
        const name = args.name ?? undefined;
        if ((actionId === undefined) === (name === undefined)) throw invalidField('actionId', 'give exactly one of actionId or name');
        if (args.args !== undefined && args.args !== null && (typeof args.args !== 'object' || Array.isArray(args.args))) throw invalidField('args', 'must be an object');
        return (await runStreamerbotAction(ctx.rt, ctx.caller, id(args.toolId), { id: actionId, name, args: (args.args ?? undefined) as Record<string, unknown> | undefined })).action;
      }),
      toolRequest: guarded(control, (args: { toolId: string; request: unknown }, ctx) => {
        if (typeof args.request !== 'object' || args.request === null || Array.isArray(args.request)) throw invalidField('request', 'must be an object');
        return rawToolRequest(ctx.rt, ctx.caller, id(args.toolId), args.request as Record<string, unknown>);
      }),
    },
  },
};
