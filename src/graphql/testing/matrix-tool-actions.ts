/**
 * GraphQL access-matrix cases for acting on tools (tools:control). Nothing holds a connection to B's
 * tools in the matrix, so an allowed caller gets past the permission check to TOOL_NOT_CONNECTED.
 */
import type { GqlCase, MatrixContext } from './matrix.ts';
import { unique } from './matrix.ts';
import { prefixedId } from '../../crypto/random.ts';

const control = { permission: 'tools:control' } as const;

/** One tool of each kind per runtime: the cases do not consume it, and B stays under the per-account tool limit. */
const shared = new WeakMap<object, Map<string, Promise<{ id: string; marker: string }>>>();
function toolIn(ctx: MatrixContext, kind: 'obs' | 'streamerbot'): Promise<{ id: string; marker: string }> {
  const byKind = shared.get(ctx.rt) ?? new Map<string, Promise<{ id: string; marker: string }>>();
  shared.set(ctx.rt, byKind);
  let tool = byKind.get(kind);
  if (!tool) {
    const marker = `b-${kind}-${unique()}`;
    // Written directly: the other tool cases may already have filled B up to the per-account limit.
    const id = prefixedId('tool');
    const now = Date.now();
    tool = ctx.rt.store.db
      .insertInto('tools')
      .values({ id, account_id: ctx.B.accountId, kind, label: marker, host: '127.0.0.1', port: 1, endpoint: '/', password_enc: null, remote_access: 0, enabled: 1, last_test_at: null, last_test_ok: null, last_test_message: null, event_subscriptions: null, created_at: now, updated_at: now })
      .execute()
      .then(() => ({ id, marker }));
    byKind.set(kind, tool);
  }
  return tool;
}

function actionCase(field: string, kind: 'obs' | 'streamerbot', document: (id: string) => string): GqlCase {
  return {
    field,
    access: control,
    isolation: 'not-found',
    allowedCode: 'TOOL_NOT_CONNECTED',
    op: async (ctx) => {
      const tool = await toolIn(ctx, kind);
      return { query: document(tool.id), marker: tool.marker };
    },
  };
}

export const toolActionCases: GqlCase[] = [
  actionCase('obsScenes', 'obs', (id) => `{ obsScenes(toolId: "${id}") { name } }`),
  actionCase('obsStatus', 'obs', (id) => `{ obsStatus(toolId: "${id}") { streaming } }`),
  actionCase('streamerbotActions', 'streamerbot', (id) => `{ streamerbotActions(toolId: "${id}") { id } }`),
  actionCase('setObsProgramScene', 'obs', (id) => `mutation { setObsProgramScene(toolId: "${id}", scene: "Gameplay") }`),
  actionCase('setObsSourceVisibility', 'obs', (id) => `mutation { setObsSourceVisibility(toolId: "${id}", scene: "Gameplay", source: "Webcam", visible: true) }`),
  actionCase('obsMedia', 'obs', (id) => `mutation { obsMedia(toolId: "${id}", input: "Intro", action: PLAY) }`),
  actionCase('obsOutput', 'obs', (id) => `mutation { obsOutput(toolId: "${id}", output: STREAM, action: TOGGLE) { active } }`),
  actionCase('runStreamerbotAction', 'streamerbot', (id) => `mutation { runStreamerbotAction(toolId: "${id}", name: "Shout Out") { id } }`),
  actionCase('toolRequest', 'obs', (id) => `mutation { toolRequest(toolId: "${id}", request: {requestType: "GetVersion"}) }`),
];
