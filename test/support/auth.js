import { insertUser, insertAccountWithOwner } from '../../src/accounts/users.js';
import { insertApiKey } from '../../src/accounts/api-keys.js';
import { randomToken } from '../../src/crypto/random.js';
/** argon2id at minimum cost: tests create many users; production parameters are tested on their own. */
export const TEST_HASH_PARAMS = { memoryCost: 1024, timeCost: 1, parallelism: 1 };
let counter = 0;
export async function createMember(rt, opts) {
    const username = opts.username ?? `member-${process.pid}-${++counter}-${randomToken(3).toLowerCase().replace(/[^a-z0-9]/g, 'x')}`;
    const password = `pw-${randomToken(12)}`;
    const passwordHash = await rt.passwords.hash(password);
    return rt.store.db.transaction().execute(async (trx) => {
        const user = await insertUser(rt, trx, { username, passwordHash, isInstanceAdmin: opts.instanceAdmin ?? false });
        let accountId = opts.accountId;
        if (accountId) {
            await trx.insertInto('memberships').values({ account_id: accountId, user_id: user.id, role: opts.role, created_at: rt.clock.now() }).execute();
        }
        else {
            accountId = (await insertAccountWithOwner(rt, trx, `Account of ${username}`, user.id)).id;
            if (opts.role !== 'owner') {
                await trx.updateTable('memberships').set({ role: opts.role }).where('account_id', '=', accountId).where('user_id', '=', user.id).execute();
            }
        }
        return { userId: user.id, accountId, username, password };
    });
}
/** Parses the session cookie out of Set-Cookie. */
export function sessionCookieOf(setCookie) {
    const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
    for (const c of list) {
        const m = /^((?:__Host-)?bifrost_session)=([^;]*)/.exec(c);
        if (m && m[2])
            return `${m[1]}=${m[2]}`;
    }
    return undefined;
}
function originOf(app) {
    const origin = app.publicOrigin;
    if (!origin)
        throw new Error('this app was not built by buildApp (no auth hook installed)');
    return origin;
}
export async function signIn(app, creds) {
    const res = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: creds });
    if (res.statusCode !== 200)
        throw new Error(`sign-in as ${creds.username} failed: ${res.statusCode} ${res.body}`);
    const cookie = sessionCookieOf(res.headers['set-cookie']);
    if (!cookie)
        throw new Error('sign-in set no session cookie');
    return { headers: { cookie, 'x-csrf-token': res.json().csrf_token, origin: originOf(app) } };
}
export async function memberSession(app, rt, opts) {
    const member = await createMember(rt, opts);
    const { headers } = await signIn(app, member);
    return { userId: member.userId, accountId: member.accountId, headers: { ...headers, 'x-bifrost-account': member.accountId } };
}
export async function createApiKey(rt, opts) {
    const { key } = await insertApiKey(rt, { accountId: opts.accountId, userId: opts.userId, name: `test key ${++counter}`, permissions: opts.permissions });
    return { key, headers: { authorization: `Bearer ${key}` } };
}
//# sourceMappingURL=auth.js.map