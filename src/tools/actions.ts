/**
 * What a member can make a connected tool do (permission tools:control): OBS scenes, source
 * visibility, media inputs, stream and record, status; Streamer.bot actions; a raw request for the
 * rest. Each call goes to the tool through the instance holding its connection, maps the tool's
 * answer (unknown name → 404 naming it, not connected → 409 with the state, the tool's own refusal
 * passed through) and is audited as `tool.action` with its kind and target, never argument values.
 */
import type { Deps } from '../deps.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { accountOf, requirePermission, type Caller } from '../access/caller.ts';
import { auditTools } from './audit.ts';
import type { ToolKind } from './schemas.ts';
import type { ToolAnswer, ToolMessage } from './live/link.ts';
import type { ToolConnections } from './live/connections.ts';

/** What the action services need beside the foundation. */
export interface ToolActionDeps extends Deps {
  readonly toolLinks: ToolConnections;
}

/** obs-websocket's request status for a name that does not exist (RequestStatus.ResourceNotFound). */
const OBS_RESOURCE_NOT_FOUND = 600;

interface ToolRef {
  id: string;
  kind: ToolKind;
  label: string;
}

async function toolFor(rt: ToolActionDeps, caller: Caller, id: string, kind: ToolKind | null): Promise<ToolRef> {
  requirePermission(caller, 'tools:control');
  const row = await rt.store.db.selectFrom('tools').select(['id', 'kind', 'label']).where('id', '=', id).where('account_id', '=', accountOf(caller)).executeTakeFirst();
  if (!row) throw notFound('tool');
  if (kind !== null && row.kind !== kind) {
    throw new AppError('TOOL_WRONG_KIND', `tool ${row.id} is ${row.kind === 'obs' ? 'OBS Studio' : 'Streamer.bot'}: this action is for ${kind === 'obs' ? 'OBS Studio' : 'Streamer.bot'} tools`);
  }
  return row;
}

/** The tool's answer, or the error it means; `missing` names what a not-found answer is about. */
function unwrap(tool: ToolRef, answer: ToolAnswer, missing?: () => string): unknown {
  if (answer.ok) return answer.data;
  if (answer.kind === 'not_connected') {
    if (/did not answer/.test(answer.reason ?? '')) throw new AppError('TOOL_TIMEOUT', `${tool.label}: ${answer.reason}`);
    throw new AppError('TOOL_NOT_CONNECTED', `${tool.label} is not connected (${answer.state}${answer.reason ? `: ${answer.reason}` : ''})`, {
      details: { state: answer.state, reason: answer.reason },
      retryAfter: 5,
    });
  }
  if (missing && answer.code === OBS_RESOURCE_NOT_FOUND) throw new AppError('TOOL_TARGET_NOT_FOUND', missing());
  throw new AppError('TOOL_REQUEST_REFUSED', `${tool.label} refused the request: ${answer.message} (code ${answer.code})`, {
    details: { tool_code: answer.code, tool_message: answer.message },
  });
}

async function send(rt: ToolActionDeps, tool: ToolRef, message: ToolMessage, missing?: () => string): Promise<unknown> {
  return unwrap(tool, await rt.toolLinks.execute(tool.id, message), missing);
}

async function obs(rt: ToolActionDeps, tool: ToolRef, requestType: string, requestData?: Record<string, unknown>, missing?: () => string): Promise<Record<string, unknown>> {
  return (await send(rt, tool, requestData ? { requestType, requestData } : { requestType }, missing)) as Record<string, unknown>;
}

async function audit(rt: ToolActionDeps, caller: Caller, tool: ToolRef, action: string, target: Record<string, unknown> = {}): Promise<void> {
  await auditTools(rt, caller, 'tool.action', { type: 'tool', id: tool.id }, { kind: tool.kind, action, ...target });
}

export interface ObsSceneSource {
  name: string;
  sceneItemId: number;
  visible: boolean;
}
export interface ObsScene {
  name: string;
  current: boolean;
  sources: ObsSceneSource[];
}

/** Scenes in OBS's order (top first), each with its sources and whether they are visible. */
export async function listObsScenes(rt: ToolActionDeps, caller: Caller, id: string): Promise<ObsScene[]> {
  const tool = await toolFor(rt, caller, id, 'obs');
  const list = (await obs(rt, tool, 'GetSceneList')) as { currentProgramSceneName?: string; scenes?: { sceneName: string; sceneIndex: number }[] };
  const scenes = [...(list.scenes ?? [])].sort((a, b) => b.sceneIndex - a.sceneIndex);
  const out: ObsScene[] = [];
  for (const scene of scenes) {
    const items = (await obs(rt, tool, 'GetSceneItemList', { sceneName: scene.sceneName })) as { sceneItems?: { sourceName: string; sceneItemId: number; sceneItemEnabled: boolean }[] };
    out.push({
      name: scene.sceneName,
      current: scene.sceneName === list.currentProgramSceneName,
      sources: (items.sceneItems ?? []).map((i) => ({ name: i.sourceName, sceneItemId: Number(i.sceneItemId), visible: Boolean(i.sceneItemEnabled) })),
    });
  }
  return out;
}

export async function setObsProgramScene(rt: ToolActionDeps, caller: Caller, id: string, input: { scene: string }): Promise<{ scene: string }> {
  const tool = await toolFor(rt, caller, id, 'obs');
  await obs(rt, tool, 'SetCurrentProgramScene', { sceneName: input.scene }, () => `scene "${input.scene}" not found in ${tool.label}`);
  await audit(rt, caller, tool, 'obs.program_scene', { scene: input.scene });
  return { scene: input.scene };
}

export async function setObsSourceVisibility(
  rt: ToolActionDeps,
  caller: Caller,
  id: string,
  input: { scene: string; source: string; visible: boolean },
): Promise<{ scene: string; source: string; visible: boolean }> {
  const tool = await toolFor(rt, caller, id, 'obs');
  const scenes = (await obs(rt, tool, 'GetSceneList')) as { scenes?: { sceneName: string }[] };
  if (!(scenes.scenes ?? []).some((s) => s.sceneName === input.scene)) throw new AppError('TOOL_TARGET_NOT_FOUND', `scene "${input.scene}" not found in ${tool.label}`);
  const item = await obs(rt, tool, 'GetSceneItemId', { sceneName: input.scene, sourceName: input.source }, () => `source "${input.source}" not found in scene "${input.scene}"`);
  await obs(rt, tool, 'SetSceneItemEnabled', { sceneName: input.scene, sceneItemId: item.sceneItemId, sceneItemEnabled: input.visible });
  await audit(rt, caller, tool, 'obs.source_visibility', { scene: input.scene, source: input.source });
  return input;
}

export const MEDIA_ACTIONS = ['play', 'pause', 'restart', 'stop', 'next', 'previous'] as const;
export type MediaAction = (typeof MEDIA_ACTIONS)[number];

export async function triggerObsMedia(rt: ToolActionDeps, caller: Caller, id: string, input: { input: string; action: MediaAction }): Promise<{ input: string; action: MediaAction }> {
  const tool = await toolFor(rt, caller, id, 'obs');
  await obs(rt, tool, 'TriggerMediaInputAction', { inputName: input.input, mediaAction: `OBS_WEBSOCKET_MEDIA_INPUT_ACTION_${input.action.toUpperCase()}` }, () => `input "${input.input}" not found in ${tool.label}`);
  await audit(rt, caller, tool, 'obs.media', { input: input.input, media_action: input.action });
  return input;
}

export const OUTPUT_ACTIONS = ['start', 'stop', 'toggle'] as const;
export type OutputAction = (typeof OUTPUT_ACTIONS)[number];

/** Starts, stops or toggles streaming or recording; answers whether the output is active afterwards when OBS says. */
export async function controlObsOutput(rt: ToolActionDeps, caller: Caller, id: string, output: 'stream' | 'record', input: { action: OutputAction }): Promise<{ output: 'stream' | 'record'; action: OutputAction; active: boolean | null }> {
  const tool = await toolFor(rt, caller, id, 'obs');
  const noun = output === 'stream' ? 'Stream' : 'Record';
  const verb = input.action === 'start' ? 'Start' : input.action === 'stop' ? 'Stop' : 'Toggle';
  const data = await obs(rt, tool, `${verb}${noun}`);
  await audit(rt, caller, tool, `obs.${output}`, { output_action: input.action });
  const active = typeof data.outputActive === 'boolean' ? data.outputActive : input.action === 'toggle' ? null : input.action === 'start';
  return { output, action: input.action, active };
}

export interface ObsStatus {
  streaming: boolean;
  recording: boolean;
  currentScene: string | null;
  stats: Record<string, unknown>;
}

export async function obsStatus(rt: ToolActionDeps, caller: Caller, id: string): Promise<ObsStatus> {
  const tool = await toolFor(rt, caller, id, 'obs');
  const [stream, record, scene, stats] = [await obs(rt, tool, 'GetStreamStatus'), await obs(rt, tool, 'GetRecordStatus'), await obs(rt, tool, 'GetCurrentProgramScene'), await obs(rt, tool, 'GetStats')];
  return {
    streaming: Boolean(stream.outputActive),
    recording: Boolean(record.outputActive),
    currentScene: typeof scene.currentProgramSceneName === 'string' ? scene.currentProgramSceneName : typeof scene.sceneName === 'string' ? scene.sceneName : null,
    stats,
  };
}

export interface StreamerbotAction {
  id: string;
  name: string;
  group: string;
  enabled: boolean;
}

async function streamerbotActions(rt: ToolActionDeps, tool: ToolRef): Promise<StreamerbotAction[]> {
  const data = (await send(rt, tool, { request: 'GetActions' })) as { actions?: { id: string; name: string; group?: string; enabled?: boolean }[] };
  return (data.actions ?? []).map((a) => ({ id: String(a.id), name: String(a.name), group: a.group ?? '', enabled: a.enabled !== false }));
}

export async function listStreamerbotActions(rt: ToolActionDeps, caller: Caller, id: string): Promise<StreamerbotAction[]> {
  return streamerbotActions(rt, await toolFor(rt, caller, id, 'streamerbot'));
}

/** Runs a Streamer.bot action by id or name, with optional arguments (audited without their values). */
export async function runStreamerbotAction(
  rt: ToolActionDeps,
  caller: Caller,
  id: string,
  input: { id?: string | undefined; name?: string | undefined; args?: Record<string, unknown> | undefined },
): Promise<{ action: StreamerbotAction }> {
  const tool = await toolFor(rt, caller, id, 'streamerbot');
  const actions = await streamerbotActions(rt, tool);
  const action = actions.find((a) => (input.id !== undefined ? a.id === input.id : a.name === input.name));
  if (!action) throw new AppError('TOOL_TARGET_NOT_FOUND', `action ${input.id !== undefined ? `id "${input.id}"` : `"${input.name}"`} not found in ${tool.label}`);
  await send(rt, tool, { request: 'DoAction', action: { id: action.id, name: action.name }, args: input.args ?? {} });
  await audit(rt, caller, tool, 'streamerbot.run_action', { action_id: action.id, action_name: action.name, arg_names: Object.keys(input.args ?? {}) });
  return { action };
}

/** A request the typed actions do not cover, answered with the tool's own response data. */
export async function rawToolRequest(rt: ToolActionDeps, caller: Caller, id: string, message: ToolMessage): Promise<unknown> {
  const tool = await toolFor(rt, caller, id, null);
  const name = tool.kind === 'obs' ? message.requestType : message.request;
  if (typeof name !== 'string' || name.length === 0) {
    throw new AppError('VALIDATION_FAILED', tool.kind === 'obs' ? 'request_type: required for OBS (e.g. GetSceneList)' : 'request: required for Streamer.bot (e.g. GetBroadcaster)', {
      details: { field: tool.kind === 'obs' ? 'request_type' : 'request' },
    });
  }
  const data = await send(rt, tool, message);
  await audit(rt, caller, tool, 'raw_request', { request: name });
  return data;
}
