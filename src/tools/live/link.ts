/** What a live tool connection is to the connections service: its states, a request, an answer, the events it reports. */
import type { ToolKind } from '../schemas.ts';

export type ToolConnectionState = 'connected' | 'connecting' | 'auth_failed' | 'unreachable' | 'disabled';

/** A request as the tool takes it: OBS `{requestType, requestData}`, Streamer.bot `{request, …fields}`. */
export type ToolMessage = Record<string, unknown>;

/** The tool's own answer: its data, or its error code and message passed through. */
export type ToolAnswer =
  | { ok: true; data: unknown }
  | { ok: false; kind: 'tool'; code: number | string; message: string }
  | { ok: false; kind: 'not_connected'; state: ToolConnectionState; reason: string | null };

/** One tool event as the program sent it (`type` is the program's own name, e.g. CurrentProgramSceneChanged, General.Custom). */
export interface ToolEvent {
  type: string;
  data: Record<string, unknown>;
  at: number;
}

export interface LinkTarget {
  toolId: string;
  kind: ToolKind;
  /** The host as configured (messages) and the port. */
  host: string;
  port: number;
  endpoint: string;
  password: string | null;
}

export interface LinkHooks {
  /** Where to connect now: the egress policy's checked IP, or why not (then the link is unreachable). */
  resolve(): Promise<{ ip: string } | { refused: string }>;
  onState(state: ToolConnectionState, reason: string | null, version: string | null): void;
  onEvent(event: ToolEvent): void;
  random: () => number;
  /** Backoff between attempts (ms). */
  backoff: { baseMs: number; capMs: number };
  /** Upper bound of one connection attempt and of one request (ms). */
  timeoutMs: number;
}

/** A connection that keeps itself connected (jittered backoff, re-identify after the tool restarts) until closed. */
export interface ToolLink {
  readonly state: ToolConnectionState;
  call(message: ToolMessage): Promise<ToolAnswer>;
  close(): void;
}
