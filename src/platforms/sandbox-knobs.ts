/**
 * Sandbox mode's fault controls: `GET|POST|DELETE /sandbox/{platform}/knobs` read, change and restore a
 * fake's fault knobs over HTTP, so a browser test (or a person trying Bifrost out) can make a
 * platform fail the way real ones do: its token endpoint answering 5xx or 429, a grant revoked by the
 * user, a lost response. Only fault knobs are offered; the ones that keep the sandbox safe (any client
 * accepted, redirects only back to this server) cannot be changed. Knobs live in memory only: a
 * restart brings the defaults back (the persisted state holds grants and tokens, not knobs).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { invalidField } from '../errors/app-error.ts';
import type { FakeAuthServer } from './fake/auth-server.ts';
import type { FakeKnobs } from './fake/types.ts';

const ENDPOINTS = ['authorize', 'token', 'revoke', 'validate', 'whoami'] as const;
const GARBAGE = ['html', 'truncated_json', 'empty', 'wrong_types', 'missing_access_token', 'array'] as const;

/** The knobs the control route may set, each as the fake reads it (see FakeKnobs for what each does). */
export const sandboxKnobsSchema = z
  .object({
    forceStatus: z.number().int().min(400).max(599).nullable(),
    rateLimit: z.object({ retryAfter: z.string().min(1).max(64) }).strict().nullable(),
    garbage: z.enum(GARBAGE).nullable(),
    dropConnection: z.boolean(),
    faultEndpoints: z.array(z.enum(ENDPOINTS)).max(ENDPOINTS.length),
    faultTimes: z.number().int().min(1).max(1_000_000).nullable(),
    dropAfterRotate: z.boolean(),
    invalidClient: z.boolean(),
    revokedGrant: z.boolean(),
    // Capped so a forgotten knob slows the sandbox down but never hangs a request for minutes.
    latencyMs: z.number().int().min(0).max(30_000),
    accessTokenLifetime: z.number().int().min(1).max(31_536_000),
    refreshMode: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('non_rotating') }).strict(),
      z.object({ kind: z.literal('rotating_with_grace'), graceSeconds: z.number().int().min(0).max(31_536_000) }).strict(),
      z.object({ kind: z.literal('strict_rotation') }).strict(),
    ]),
  })
  .partial()
  .strict();

export type SandboxKnobs = Required<z.infer<typeof sandboxKnobsSchema>>;
export const SANDBOX_KNOB_NAMES = Object.keys(sandboxKnobsSchema.shape) as (keyof SandboxKnobs)[];

function pick(knobs: FakeKnobs): SandboxKnobs {
  return Object.fromEntries(SANDBOX_KNOB_NAMES.map((name) => [name, structuredClone(knobs[name])])) as SandboxKnobs;
}

/** Reads a control body: the known knobs and their values, or a 400 naming the unknown knob or the wrong value. */
export function parseSandboxKnobs(body: unknown): Partial<SandboxKnobs> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalidField('body', 'send a JSON object of knob names and values, e.g. {"forceStatus":503}');
  const parsed = sandboxKnobsSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    throw invalidField(`body.${issue.keys[0]}`, `unknown knob; the knobs are ${SANDBOX_KNOB_NAMES.join(', ')}`);
  }
  throw invalidField(['body', ...issue.path.map(String)].join('.'), issue.message);
}

/** Mounts the knob routes of one fake at `/sandbox/{platform}/knobs` (call inside that prefix). */
export function registerSandboxKnobs(app: FastifyInstance, server: FakeAuthServer<FakeKnobs>, routeConfig: Record<string, unknown>): void {
  const initial = pick(server.knobs);
  app.get('/knobs', { config: routeConfig }, async () => pick(server.knobs));
  app.post('/knobs', { config: routeConfig }, async (request) => {
    Object.assign(server.knobs, parseSandboxKnobs(request.body));
    return pick(server.knobs);
  });
  app.delete('/knobs', { config: routeConfig }, async () => {
    Object.assign(server.knobs, structuredClone(initial));
    return pick(server.knobs);
  });
}
