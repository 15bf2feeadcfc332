/** zod shapes of the tools API: inputs (shared by REST and the service functions) and the views returned. */
import { isIP } from 'node:net';
import { z } from 'zod';
import { PLATFORM_SLUGS } from '../config/schema.ts';
import { invalidField } from '../errors/app-error.ts';

export const TOOL_KINDS = ['obs', 'streamerbot'] as const;
export type ToolKind = (typeof TOOL_KINDS)[number];

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

/** A DNS name or an IPv4/IPv6 literal (IPv6 with or without brackets; no port, no scheme, no path). */
function isValidHost(value: string): boolean {
  const bare = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  if (bare !== value) return isIP(bare) === 6;
  return isIP(value) !== 0 || HOST_NAME.test(value);
}

const label = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
const host = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(253)
  .refine(isValidHost, 'must be a host name or an IP address, without scheme, port or path');
const port = z.number().int('must be a whole number').min(1, 'must be between 1 and 65535').max(65535, 'must be between 1 and 65535');
// A URL path: printable ASCII without spaces, "?" query allowed, no fragment.
const endpoint = z
  .string()
  .max(200, 'must be at most 200 characters')
  .regex(/^\/[!-"$-~]*$/, 'must start with "/" and contain no spaces or "#"');
const password = z.string().max(500, 'must be at most 500 characters');

/** What a tool's settings may say, on create and on update alike (kind is fixed once created). */
const toolSettings = {
  label: label.optional(),
  /** Streamer.bot: default 127.0.0.1. OBS: only with remote_access, otherwise 127.0.0.1. */
  host: host.nullable().optional(),
  port: port.optional(),
  endpoint: endpoint.optional(),
  /** On update: omitted keeps the saved password; null or "" removes it. */
  password: password.nullable().optional(),
  remote_access: z.boolean().optional(),
  enabled: z.boolean().optional(),
};

export const createToolBody = z.strictObject({ kind: z.enum(TOOL_KINDS), ...toolSettings });
export type CreateToolInput = z.input<typeof createToolBody>;

export const updateToolBody = z.strictObject(toolSettings);
export type UpdateToolInput = z.input<typeof updateToolBody>;

export const toolView = z.object({
  id: z.string(),
  kind: z.enum(TOOL_KINDS),
  label: z.string(),
  host: z.string(),
  port: z.number().int(),
  endpoint: z.string(),
  has_password: z.boolean(),
  remote_access: z.boolean(),
  enabled: z.boolean(),
  last_test_at: z.string().nullable(),
  last_test_ok: z.boolean().nullable(),
  last_test_message: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const toolTestView = z.object({
  ok: z.boolean(),
  message: z.string(),
  version: z.string().optional(),
  /** Machine-readable reason: ok, refused, timeout, auth_failed, not_protocol, host_not_found, unreachable, not_allowed (egress policy), error. */
  outcome: z.enum(['ok', 'refused', 'timeout', 'auth_failed', 'not_protocol', 'host_not_found', 'unreachable', 'not_allowed', 'error']),
});

export const addStreamElementsTokenBody = z.strictObject({
  platform: z.enum(PLATFORM_SLUGS),
  /** The JWT from the StreamElements dashboard (Account → Channels → Show secrets). */
  token: z.string().trim().min(1, 'must not be empty').max(4096, 'must be at most 4096 characters'),
  label: label.nullable().optional(),
});
export type AddStreamElementsTokenInput = z.input<typeof addStreamElementsTokenBody>;

export const streamElementsTokenView = z.object({
  id: z.string(),
  platform: z.string(),
  label: z.string().nullable(),
  /** The last 4 characters of the JWT. */
  token_hint: z.string(),
  /** What the dashboard shows: "Token: …xxxx". */
  display_hint: z.string(),
  expires_at: z.string().nullable(),
  created_at: z.string(),
  /** `failing` once StreamElements refused the JWT; tips stop until it is replaced. */
  status: z.enum(['ok', 'failing']),
  status_reason: z.string().nullable(),
});

/** Parses service input with the same schema REST uses, so GraphQL and other callers get the same 400s. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  const keys = issue && 'keys' in issue && Array.isArray(issue.keys) ? issue.keys.join(', ') : '';
  throw invalidField(path || keys || 'input', issue?.message ?? 'is invalid');
}
