/**
 * What integrations uses from the accounts and audit capabilities, in one place: app credentials,
 * whether a platform is enabled, and the audit writer.
 */
export { resolveCredentials, redirectUri } from '../accounts/app-credentials.ts';
export { isPlatformEnabled } from '../accounts/platform-settings.ts';
export { recordAudit, auditFromRequest } from '../audit/write.ts';
