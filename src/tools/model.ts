/** Tool and StreamElements token rows mapped to their domain objects: never a password or a JWT. */
import type { Selectable } from 'kysely';
import type { ToolsTables } from '../store/tables/tools.ts';
import type { ToolKind } from './schemas.ts';

export type ToolRow = Selectable<ToolsTables['tools']>;
export type StreamElementsTokenRow = Selectable<ToolsTables['streamelements_tokens']>;

/** A tool (OBS, Streamer.bot) as every API shows it: never its password. Times are epoch ms. */
export interface Tool {
  id: string;
  kind: ToolKind;
  label: string;
  host: string;
  port: number;
  endpoint: string;
  hasPassword: boolean;
  remoteAccess: boolean;
  enabled: boolean;
  lastTestAt: number | null;
  lastTestOk: boolean | null;
  lastTestMessage: string | null;
  createdAt: number;
  updatedAt: number;
}

/** A stored StreamElements token as every API shows it: never the JWT. */
export interface StreamElementsToken {
  id: string;
  platform: string;
  label: string | null;
  /** The last 4 characters of the JWT. */
  tokenHint: string;
  /** What the dashboard shows: "Token: …xxxx". */
  displayHint: string;
  expiresAt: number | null;
  createdAt: number;
  /** `failing` once StreamElements refused the JWT (the tip connector gave up). */
  status: 'ok' | 'failing';
  statusReason: string | null;
}

const ms = (value: number | null): number | null => (value === null ? null : Number(value));

export function toTool(row: ToolRow): Tool {
  return {
    id: row.id,
    kind: row.kind as ToolKind,
    label: row.label,
    host: row.host,
    port: Number(row.port),
    endpoint: row.endpoint,
    hasPassword: row.password_enc !== null,
    remoteAccess: Number(row.remote_access) === 1,
    enabled: Number(row.enabled) === 1,
    lastTestAt: ms(row.last_test_at),
    lastTestOk: row.last_test_ok === null ? null : Number(row.last_test_ok) === 1,
    lastTestMessage: row.last_test_message,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function displayHint(hint: string): string {
  return `Token: …${hint}`;
}

export function toStreamElementsToken(row: StreamElementsTokenRow): StreamElementsToken {
  return {
    id: row.id,
    platform: row.platform,
    label: row.label,
    tokenHint: row.token_hint,
    displayHint: displayHint(row.token_hint),
    expiresAt: ms(row.expires_at),
    createdAt: Number(row.created_at),
    status: row.status,
    statusReason: row.status_reason,
  };
}
