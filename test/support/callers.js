import { PERMISSIONS } from '../../src/access/permissions.js';
export function callerOf(accountId, options = {}) {
    return {
        kind: options.kind ?? 'session',
        user: { id: options.userId ?? 'usr_test', username: options.username ?? 'tester', isInstanceAdmin: options.isInstanceAdmin ?? false },
        accountId,
        role: options.role ?? 'owner',
        permissions: new Set(options.permissions ?? PERMISSIONS),
        credentialId: 'test',
        ip: options.ip ?? '127.0.0.1',
    };
}
//# sourceMappingURL=callers.js.map