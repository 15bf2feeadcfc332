/** The form model of a tool (its defaults per kind) and its conversion to the API body. */
import type { Tool, ToolInput, ToolKind } from '../api/types.ts';

export interface ToolForm {
  kind: ToolKind;
  label: string;
  host: string;
  port: string;
  endpoint: string;
  password: string;
  remoteAccess: boolean;
  /** Streamer.bot: the events to receive, "Source.Type" separated by commas or spaces. */
  events: string;
}

export const KIND_NAMES: Record<ToolKind, string> = { obs: 'OBS Studio', streamerbot: 'Streamer.bot' };

export function defaultForm(kind: ToolKind): ToolForm {
  return kind === 'obs'
    ? { kind, label: 'OBS Studio', host: '', port: '4455', endpoint: '/', password: '', remoteAccess: false, events: '' }
    : { kind, label: 'Streamer.bot', host: '127.0.0.1', port: '8080', endpoint: '/', password: '', remoteAccess: false, events: 'General.Custom' };
}

export function formFromTool(tool: Tool): ToolForm {
  return {
    kind: tool.kind,
    label: tool.label,
    host: tool.kind === 'obs' && !tool.remote_access ? '' : tool.host,
    port: String(tool.port),
    endpoint: tool.endpoint,
    password: '',
    remoteAccess: tool.remote_access,
    events: tool.events.join(', '),
  };
}

/** Client-side checks that catch typos early; the server validates again. */
export function formProblems(form: ToolForm): Partial<Record<keyof ToolForm, string>> {
  const problems: Partial<Record<keyof ToolForm, string>> = {};
  const port = Number(form.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) problems.port = 'Enter a port between 1 and 65535.';
  if (form.kind === 'streamerbot') {
    if (!form.label.trim()) problems.label = 'Enter a label.';
    if (!form.host.trim()) problems.host = 'Enter a host name or IP address.';
    if (!form.endpoint.startsWith('/')) problems.endpoint = 'The endpoint starts with "/".';
    if (eventList(form.events).some((e) => !/^[A-Za-z0-9]+\.[A-Za-z0-9]+$/.test(e))) problems.events = 'Write each event as Source.Type, e.g. General.Custom.';
  }
  if (form.kind === 'obs' && form.remoteAccess && !form.host.trim()) problems.host = 'Remote access needs the public host or IP.';
  return problems;
}

/** `keepPassword`: when editing, an empty password field means "keep the saved one". */
export function toInput(form: ToolForm, keepPassword: boolean): ToolInput {
  const body: ToolInput = { label: form.label.trim() || undefined, port: Number(form.port) } as ToolInput;
  if (form.kind === 'streamerbot') {
    body.host = form.host.trim();
    body.endpoint = form.endpoint;
    body.events = eventList(form.events);
  } else {
    body.remote_access = form.remoteAccess;
    body.host = form.remoteAccess ? form.host.trim() : null;
  }
  if (!(keepPassword && form.password === '')) body.password = form.password === '' ? null : form.password;
  return body;
}

/** "General.Custom, Twitch.Follow" → ["General.Custom", "Twitch.Follow"]. */
export function eventList(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}
