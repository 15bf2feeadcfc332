/**
 * A tool's events as the event log keeps them (source `obs` or `streamerbot`): OBS's program scene,
 * stream, record and input mute changes, and the Streamer.bot events the tool subscribes to.
 * runtime.ts appends them (the events capability reads StreamElements tokens from tools, so tools
 * does not import it). Tools have no platform account: the log's `platform` column holds the kind.
 */
import { randomBytes } from 'node:crypto';
import type { EventSource, IncomingEvent } from '../../platforms/event-types.ts';
import type { PlatformSlug } from '../../platforms/types.ts';
import type { ToolEvent } from './link.ts';

const text = (value: unknown): string => (typeof value === 'string' ? value : String(value ?? ''));

/** The normalised event of one tool event, or null for one the log does not keep. */
export function normaliseToolEvent(toolId: string, kind: string, event: ToolEvent): IncomingEvent | null {
  const base = { sourceId: `${toolId}:${event.at}:${randomBytes(6).toString('hex')}`, occurredAt: event.at, actor: null };
  const d = event.data;
  if (kind === 'streamerbot') {
    const [source = '', type = ''] = event.type.split('.');
    return { ...base, type: 'streamerbot.event', data: { tool_id: toolId, event_source: source, event_type: type, payload: d } };
  }
  switch (event.type) {
    case 'CurrentProgramSceneChanged':
      return { ...base, type: 'obs.scene_changed', data: { tool_id: toolId, scene: text(d.sceneName) } };
    case 'StreamStateChanged':
      return { ...base, type: 'obs.stream_state', data: { tool_id: toolId, active: Boolean(d.outputActive), state: text(d.outputState) } };
    case 'RecordStateChanged':
      return { ...base, type: 'obs.record_state', data: { tool_id: toolId, active: Boolean(d.outputActive), state: text(d.outputState) } };
    case 'InputMuteStateChanged':
      return { ...base, type: 'obs.input_mute', data: { tool_id: toolId, input: text(d.inputName), muted: Boolean(d.inputMuted) } };
  }
  return null;
}

/** Where a tool's events are filed in the log. */
export function toolEventTarget(tool: { accountId: string; kind: string }): { accountId: string; platform: PlatformSlug; integrationId: null; source: EventSource } {
  // The log keys events by platform; a tool's events are filed under its kind (obs, streamerbot).
  return { accountId: tool.accountId, platform: tool.kind as PlatformSlug, integrationId: null, source: tool.kind === 'obs' ? 'obs' : 'streamerbot' };
}
