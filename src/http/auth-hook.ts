/**
 * Authentication and access control for every request: builds `request.caller` (session cookie or
 * API key) and enforces the route's declared `config.access`, including CSRF for cookie sessions.
 *
 * CSRF (AS-5): a state-changing request (not GET/HEAD/OPTIONS) authenticated by the session cookie
 * must send `X-CSRF-Token` equal to the session's token, and, when the browser sends Origin, it must
 * be public_url's origin (a `Sec-Fetch-Site: cross-site` request is refused too). API keys are
 * exempt: a browser never attaches them on its own. On a public route a session that fails CSRF is
 * simply not used (the request runs as anonymous) rather than refused.
 */
import type { FastifyContextConfig, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './app.ts';
import type { Runtime } from '../runtime.ts';
import { requiresAccessDeclaration } from './route-access.ts';
import { enforceAccess } from '../access/gate.ts';
import { anonymousCaller, type Caller } from '../access/caller.ts';
import { isPermission, type Permission } from '../access/permissions.ts';
import { SERVICE_KEY_PREFIX } from '../consumers/consumer.ts';
import { AppError } from '../errors/app-error.ts';
import { constantTimeEqual } from '../crypto/hash.ts';
import { authenticateApiKey, API_KEY_PREFIX } from '../accounts/api-keys.ts';
import { resolveSession, sessionCookie } from '../accounts/sessions.ts';
import { findMembership } from '../accounts/members.ts';
import { permissionsOfRole } from '../accounts/roles.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** public_url's origin: what browsers must send as Origin (tests act like the dashboard with it). */
    publicOrigin: string;
  }
}

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

const ACCOUNT_HEADER = 'x-bifrost-account';
const CSRF_HEADER = 'x-csrf-token';

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** Whether this session-authenticated request carries CSRF proof (always true for safe methods). */
function csrfOk(request: FastifyRequest, csrfToken: string, publicOrigin: string): boolean {
  if (SAFE_METHODS.has(request.method)) return true;
  const sent = header(request, CSRF_HEADER);
  if (!sent || !constantTimeEqual(sent, csrfToken)) return false;
  const origin = header(request, 'origin');
  if (origin !== undefined && origin !== publicOrigin) return false;
  return header(request, 'sec-fetch-site') !== 'cross-site';
}

function unauthenticated(message: string): AppError {
  return new AppError('UNAUTHENTICATED', message);
}

async function firstAccount(rt: Runtime, userId: string): Promise<{ account_id: string; role: string } | undefined> {
  return rt.store.db
    .selectFrom('memberships')
    .select(['account_id', 'role'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('account_id')
    .limit(1)
    .executeTakeFirst();
}

/**
 * The account a browser session asks for: the X-Bifrost-Account header, or, for an event stream
 * (EventSource cannot send headers), `?account=` on a GET that accepts text/event-stream.
 */
function sessionAccount(request: FastifyRequest): string | undefined {
  const sent = header(request, ACCOUNT_HEADER);
  if (sent !== undefined || request.method !== 'GET' || !(header(request, 'accept') ?? '').includes('text/event-stream')) return sent;
  const named = (request.query as Record<string, unknown> | undefined)?.account;
  return typeof named === 'string' && named !== '' ? named : undefined;
}

/** Resolves the caller; on a public route every failure just leaves the request anonymous. */
async function authenticate(rt: Runtime, request: FastifyRequest, isPublic: boolean, publicOrigin: string, serviceKeys: boolean, cookieName: string): Promise<Caller> {
  const ip = request.ip ?? null;
  // The error is built only when it is thrown: a public route answers most callers anonymously, and
  // an AppError (a stack trace) per request was 8 % of the Companion route's CPU profile.
  const fail = (err: () => AppError): Caller => {
    if (isPublic) return anonymousCaller(ip);
    throw err();
  };
  const requested = header(request, ACCOUNT_HEADER);
  const authorization = header(request, 'authorization');
  if (authorization !== undefined) {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    if (serviceKeys && bearer?.startsWith(SERVICE_KEY_PREFIX)) return serviceKeyCaller(rt, request, requested);
    if (!bearer || !bearer.startsWith(API_KEY_PREFIX)) return fail(() => unauthenticated('send Authorization: Bearer bf_… (an API key), or sign in'));
    const key = await authenticateApiKey(rt, bearer);
    if (!key) return fail(() => unauthenticated('the API key is unknown, expired or revoked'));
    // A key acts on its own account only; naming another one is answered like any unknown account.
    if (requested !== undefined && requested !== key.accountId) return fail(() => new AppError('NOT_FOUND', 'account not found'));
    return { kind: 'api_key', user: key.user, accountId: key.accountId, role: key.role, permissions: key.permissions, credentialId: key.keyId, ip };
  }

  const cookieHeader = header(request, 'cookie');
  const cookie = cookieHeader ? request.server.parseCookie(cookieHeader)[cookieName] : undefined;
  if (!cookie) return fail(() => unauthenticated('sign in first'));
  const session = await resolveSession(rt, cookie);
  if (!session) return fail(() => new AppError('SESSION_EXPIRED', 'the session ended (signed out, idle or too old); sign in again'));
  if (!csrfOk(request, session.csrfToken, publicOrigin)) {
    return fail(() => new AppError('CSRF_FAILED', 'send the X-CSRF-Token header from sign-in or GET /v1/me, from the dashboard origin'));
  }

  let membership: { account_id: string; role: string } | undefined;
  const chosen = sessionAccount(request);
  if (chosen !== undefined) {
    const found = await findMembership(rt, chosen, session.user.id);
    if (!found) return fail(() => new AppError('NOT_FOUND', 'account not found'));
    membership = { account_id: chosen, role: found.role };
  } else {
    membership = await firstAccount(rt, session.user.id);
  }
  let permissions: ReadonlySet<Permission> = new Set();
  if (membership) {
    permissions = (await permissionsOfRole(rt, membership.account_id, membership.role)) ?? new Set();
  }
  return { kind: 'session', user: session.user, accountId: membership?.account_id, role: membership?.role, permissions, credentialId: session.idHash, ip };
}

/**
 * A service key on a route that accepts one: a Caller of the key's account holding only the acting
 * permissions it was granted, limited to its integrations and platforms.
 */
async function serviceKeyCaller(rt: Runtime, request: FastifyRequest, requested: string | undefined): Promise<Caller> {
  const consumer = await rt.consumers.authenticate(request.headers);
  if (consumer.kind !== 'service_key') throw unauthenticated('send Authorization: Bearer bfs_… (a service key)');
  if (requested !== undefined && requested !== consumer.accountId) throw new AppError('NOT_FOUND', 'account not found');
  const permissions = new Set([...(consumer.permissions ?? [])].filter(isPermission));
  return {
    kind: 'service_key',
    accountId: consumer.accountId,
    permissions,
    credentialId: consumer.id,
    label: consumer.label,
    grants: { integrationIds: consumer.integrationIds, platforms: consumer.platforms },
    ip: request.ip ?? null,
  };
}

type OnRequest = (request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => void;

/**
 * The auth hook of one route, decided when the route is registered (its access, path and options are
 * known then), or undefined when the route needs nobody: consumer routes (the tokens capability
 * authenticates them itself), public routes outside the API (health, docs, dashboard files, sandbox
 * fakes), and public routes that declare `anonymous` (their credential is not the caller's, e.g. the
 * Companion token server's id). Those run no auth code at all per request; before, one global hook ran
 * on every request and re-read the route's options each time.
 */
function authHookFor(rt: Runtime, publicOrigin: string, cookieName: string, url: string, config: FastifyContextConfig | undefined): OnRequest | undefined {
  const access = config?.access;
  if (access && 'consumer' in access) return undefined;
  const isPublic = !access || 'public' in access;
  if (isPublic && (!requiresAccessDeclaration(url) || config?.anonymous === true)) return undefined;
  const serviceKeys = config?.serviceKeys === true;
  // A callback hook: a promise only while the caller is looked up.
  return function bifrostAuth(request, _reply, done) {
    authenticate(rt, request, isPublic, publicOrigin, serviceKeys, cookieName).then((caller) => {
      request.caller = caller;
      if (access) enforceAccess(access, caller);
    }).then(() => done(), done);
  };
}

export function installAuth(app: App, rt: Runtime): void {
  const publicOrigin = new URL(rt.config.server.public_url).origin;
  const cookieName = sessionCookie(rt).name;
  app.decorate('publicOrigin', publicOrigin);
  // Routes without an auth hook never read it; on the others the hook sets it before the handler runs.
  app.decorateRequest('caller', null as never);
  app.addHook('onRoute', (route) => {
    const hook = authHookFor(rt, publicOrigin, cookieName, route.url, route.config);
    if (!hook) return;
    const existing = route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
    // Fastify derives a HEAD route from a GET one with the same options: add the hook once.
    if (existing.some((h) => (h as { name?: string }).name === 'bifrostAuth')) return;
    route.onRequest = [...existing, hook] as typeof route.onRequest;
  });
}
