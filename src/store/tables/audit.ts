/** Row types of the audit capability's tables (see core.ts for the conventions). */
export interface AuditTables {
  audit_events: {
    id: string;
    /** Null for instance-level events (sign-in, platform switches, setup). */
    account_id: string | null;
    actor_type: string;
    actor_id: string | null;
    actor_label: string | null;
    action: string;
    target_type: string | null;
    target_id: string | null;
    ip: string | null;
    /** JSON object; never secrets. */
    details: string;
    created_at: number;
  };
}
