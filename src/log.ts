/**
 * The logger: pino with redaction of every secret-bearing field and header, and request URLs logged
 * without query values (an OAuth callback carries `code` and `state`; Kick's revoke URL a token).
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Field names whose values are secrets wherever they appear (one level deep, plus top level). */
export const SECRET_FIELDS = [
  'access_token',
  'refresh_token',
  'client_secret',
  'code_verifier',
  'password',
  'new_password',
  'current_password',
  'token',
  'secret',
  'api_key',
  'service_key',
  'internal_service_key',
  'setup_token',
  'signing_secret',
  'id_token',
] as const;

const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-internal-secret"]',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  ...SECRET_FIELDS.flatMap((f) => [f, `*.${f}`]),
];

/** Replaces every query value with "redacted", keeping the keys (useful for debugging, safe to log). */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  const keys = [...new Set(params.keys())];
  return `${url.slice(0, q)}?${keys.map((k) => `${encodeURIComponent(k)}=redacted`).join('&')}`;
}

export interface LoggerOptions {
  level: string;
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: {
        req(req: { method?: string; url?: string; ip?: string; id?: string }) {
          return { id: req.id, method: req.method, url: redactUrl(req.url ?? ''), ip: req.ip };
        },
        res(res: { statusCode?: number }) {
          return { statusCode: res.statusCode };
        },
        err: pino.stdSerializers.err,
      },
    },
    options.destination,
  );
}
