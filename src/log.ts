/**
 * The logger: pino with redaction of every secret-bearing field and header, and request URLs logged
 * without query values (an OAuth callback carries `code` and `state`; Kick's revoke URL a token).
 * On a terminal the lines are pretty-printed (pino-pretty); elsewhere one JSON object per line.
 */
import { createRequire } from 'node:module';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** `auto`: pretty when the destination is a terminal, JSON otherwise. */
export type LogFormat = 'auto' | 'pretty' | 'json';

/** Field names whose values are secrets wherever they appear (one level deep, plus top level). */
const SECRET_FIELDS = [
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
function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  const keys = [...new Set(params.keys())];
  return `${url.slice(0, q)}?${keys.map((k) => `${encodeURIComponent(k)}=redacted`).join('&')}`;
}

export interface LoggerOptions {
  level: string;
  /** Default `auto`. */
  format?: LogFormat;
  /** Default stdout. */
  destination?: DestinationStream | NodeJS.WritableStream;
}

/**
 * Where pino writes. Pretty printing is a stream after pino, so redaction and the serializers have
 * already run on every line it prints. pino-pretty is loaded only when used (production logs are JSON).
 */
function output(options: LoggerOptions): DestinationStream | undefined {
  const destination = options.destination ?? process.stdout;
  const isTty = (destination as { isTTY?: boolean }).isTTY === true;
  const format = options.format ?? 'auto';
  if (format === 'json' || (format === 'auto' && !isTty)) return options.destination as DestinationStream | undefined;
  const pretty = createRequire(import.meta.url)('pino-pretty') as typeof import('pino-pretty');
  return pretty({ destination, sync: true, colorize: isTty, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
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
    output(options),
  );
}

type LevelName = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * A request's logger, made into a pino child only when the request first logs at an enabled level.
 * Fastify builds a child per request, and pino's child() serializes its bindings through redaction:
 * about a tenth of a token read's cost for a logger that, at the default level, token reads never use.
 * Written here because neither pino nor Fastify offers a lazy child; it keeps their logger contract.
 */
class LazyChildLogger {
  #child: Logger | undefined;
  readonly #parent: Logger;
  readonly #bindings: pino.Bindings;
  readonly #options: pino.ChildLoggerOptions;

  constructor(parent: Logger, bindings: pino.Bindings, options: pino.ChildLoggerOptions) {
    this.#parent = parent;
    this.#bindings = bindings;
    this.#options = options;
  }

  #real(): Logger {
    return (this.#child ??= this.#parent.child(this.#bindings, this.#options));
  }

  get level(): string {
    return this.#child?.level ?? this.#options.level ?? this.#parent.level;
  }

  set level(level: string) {
    this.#real().level = level;
  }

  isLevelEnabled(level: string): boolean {
    if (this.#child) return this.#child.isLevelEnabled(level);
    const values = this.#parent.levels.values;
    const threshold = values[this.level];
    return threshold !== undefined && (values[level] ?? -1) >= threshold;
  }

  #log(level: LevelName, args: unknown[]): void {
    if (!this.isLevelEnabled(level)) return;
    (this.#real()[level] as (...a: unknown[]) => void)(...args);
  }

  fatal(...args: unknown[]): void { this.#log('fatal', args); }
  error(...args: unknown[]): void { this.#log('error', args); }
  warn(...args: unknown[]): void { this.#log('warn', args); }
  info(...args: unknown[]): void { this.#log('info', args); }
  debug(...args: unknown[]): void { this.#log('debug', args); }
  trace(...args: unknown[]): void { this.#log('trace', args); }
  silent(): void {}

  child(bindings: pino.Bindings, options?: pino.ChildLoggerOptions): Logger {
    return this.#real().child(bindings, options);
  }

  bindings(): pino.Bindings {
    return this.#child ? this.#child.bindings() : { ...this.#parent.bindings(), ...this.#bindings };
  }
}

/** Fastify's childLoggerFactory: a per-request logger that costs nothing until it logs. */
export function lazyChildLogger(parent: Logger, bindings: pino.Bindings, options: pino.ChildLoggerOptions): Logger {
  return new LazyChildLogger(parent, bindings, options) as unknown as Logger;
}
