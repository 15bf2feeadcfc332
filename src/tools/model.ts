/** Tool and StreamElements token rows mapped to what the API shows: never a password or a JWT. */
import type { Selectable } from 'kysely';
import type { ToolsTables } from '../store/tables/tools.ts';
import type { StreamElementsTokenView, ToolView } from './schemas.ts';

export type ToolRow = Selectable<ToolsTables['tools']>;
export type StreamElementsTokenRow = Selectable<ToolsTables['streamelements_tokens']>;

const iso = (ms: number): string => new Date(Number(ms)).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

export function toToolView(row: ToolRow): ToolView {
  return {
    id: row.id,
    kind: row.kind,
    label: row.label,
    host: row.host,
    port: Number(row.port),
    endpoint: row.endpoint,
    has_password: row.password_enc !== null,
    remote_access: Number(row.remote_access) === 1,
    enabled: Number(row.enabled) === 1,
    last_test_at: isoOrNull(row.last_test_at),
    last_test_ok: row.last_test_ok === null ? null : Number(row.last_test_ok) === 1,
    last_test_message: row.last_test_message,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

export function displayHint(hint: string): string {
  return `Token: …${hint}`;
}

export function toStreamElementsTokenView(row: StreamElementsTokenRow): StreamElementsTokenView {
  return {
    id: row.id,
    platform: row.platform,
    label: row.label,
    token_hint: row.token_hint,
    display_hint: displayHint(row.token_hint),
    expires_at: isoOrNull(row.expires_at),
    created_at: iso(row.created_at),
  };
}
