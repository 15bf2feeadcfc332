/** Alias of record.ts for callers that import the audit writer by this name; record.ts is the implementation. */
export { recordAudit, auditFromRequest, type AuditActor, type AuditActorType, type AuditEventInput, type RequestAudit } from './record.ts';
