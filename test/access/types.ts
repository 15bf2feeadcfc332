/**
 * The shape of an access-matrix case: one per route under /v1 (and /internal, /graphql when present),
 * kept per capability in test/access/cases/<capability>.ts. See test/access-matrix.test.ts.
 */
import type { App } from '../../src/http/app.ts';
import type { Permission } from '../../src/access/permissions.ts';
import type { TestRuntime } from '../support/runtime.ts';
import type { AllFakes } from '../../src/platforms/testing.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Who may call the route; mirrors the route's `config.access`, plus `owner` for owner-only account routes. */
export type CaseAccess =
  | { public: true }
  | { session: true }
  | { authenticated: true }
  | { owner: true }
  | { instanceAdmin: true }
  | { permission: Permission }
  | { anyPermission: readonly Permission[] }
  | { consumer: true };

/** The roles the harness signs in as, each a member of the target account B (`custom` has a custom role). */
export type MatrixRole = 'owner' | 'admin' | 'editor' | 'viewer' | 'custom';

export interface Caller {
  userId: string;
  username: string;
  password: string;
  /** The caller's role in B, or `outsider` for the owner of another account A. */
  role: MatrixRole | 'outsider' | 'anonymous' | 'api_key' | 'instance_admin';
}

export interface CaseContext {
  rt: TestRuntime;
  app: App;
  /** The four platform fakes; the runtime's adapters and instance credentials point at them. */
  fakes: AllFakes;
  /** The target account ("B") and its owner; create the case's objects here. */
  target: { accountId: string; ownerUserId: string; ownerHeaders: Record<string, string> };
  /** Who is about to make the request (undefined for anonymous). */
  caller: Caller | undefined;
  /**
   * A fresh account owned by B's owner in which the caller (when a member of B) has the same role as
   * in B; for routes addressed by account id (rename, delete).
   */
  newTargetAccount(): Promise<{ id: string; name: string }>;
  /** Creates a user that belongs to B with `role` (a built-in name or a custom role id). */
  newMember(role: string): Promise<{ userId: string; username: string; password: string }>;
}

export interface CaseRequest {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /**
   * Extra request headers. For `consumer` cases these are the consumer's credentials: the harness
   * sends them only in the run that expects success, never with sessions, API keys or anonymously.
   */
  headers?: Record<string, string>;
  /** Text identifying B's object; it must never appear in a response to another account's member. */
  marker?: string;
}

export interface AccessCase {
  method: Method;
  /** The route pattern as registered, e.g. `/v1/api-keys/:id`. */
  url: string;
  access: CaseAccess;
  /** Status an allowed caller gets. */
  status: number;
  /** Builds the request against objects of account B; runs before every request (objects may be consumed). */
  setup?: (ctx: CaseContext) => Promise<CaseRequest>;
  /**
   * How a member of another account (A) fares with B's object:
   * - `not-found`: 404 (the object is addressed by id; ids leak nothing);
   * - `own-account`: the route acts on the caller's own account; B's marker must not appear;
   * - `none`: not account-scoped (public, session-level, instance admin, consumer).
   */
  isolation: 'not-found' | 'own-account' | 'none';
  /** The request ends or changes the caller's session (logout, password change): use a fresh member per run. */
  freshCaller?: boolean;
  /**
   * For `permission` cases: what an API key needs to succeed (default: just that permission). For
   * `anyPermission` cases: the one permission the case's object needs (default: the first).
   */
  apiKeyPermissions?: Permission[];
  /** Status an API key holding enough permissions gets, when it differs from `status` (e.g. 403 where a browser session is required). */
  apiKeyStatus?: number;
  /** For `anyPermission` cases: the permission the case's object actually needs (default: the first listed); roles are judged by it. */
  needs?: Permission;
  /** The route answers a stream that stays open (SSE): judged by its status line, then dropped; a refusal's body is read as usual. */
  stream?: boolean;
  /** Runs after the outsider's request: assert B's object is intact. */
  check?: (ctx: CaseContext, request: CaseRequest) => Promise<void>;
}
