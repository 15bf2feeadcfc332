/** Who did something, as the audit log records it (from a request, or the system for background work). */
export interface AuditActor {
  actor: { type: 'user' | 'api_key' | 'system' | 'consumer'; id?: string; label?: string };
  ip?: string | null;
}

export const SYSTEM_ACTOR: AuditActor = { actor: { type: 'system', label: 'bifrost' } };
