/**
 * The one configuration schema. Every key Bifrost reads is declared here with its default;
 * `load.ts` merges defaults < bifrost.toml < environment < flags and validates with this schema.
 */
import { z } from 'zod';
import { parseCidr } from '../net/address-class.ts';
import type { PlatformDefinition } from '../platforms/definition.ts';
import { PLATFORM_DEFINITIONS, PLATFORM_SLUGS, type PlatformSlug } from '../platforms/registry.ts';

// The platform list lives in the registry; re-exported here for the modules that read it with the config.
export { PLATFORM_SLUGS, type PlatformSlug };

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname) || hostname.endsWith('.localhost');
}

const QUOTA_UNITS_HINT = 'must be a whole number of quota units from 1 to 100000000, such as 5000';

/**
 * Milliseconds: every duration in the parsed Config is in ms, converted once here (the settings are
 * written in seconds or with a unit). Code uses them as they are, never multiplying again.
 */
export type Ms = number & { readonly __unit?: 'ms' };

/** A duration written in whole seconds (a number), or a string like "90s", "15m", "12h", "30d"; parsed to ms. */
const duration = z.union([z.number(), z.string()]).transform((value, ctx) => {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value > 0) return (value * 1000) as Ms;
  } else {
    const m = /^(\d+)\s*(s|m|h|d)?$/.exec(value.trim());
    if (m) {
      const n = Number(m[1]);
      const unit = { s: 1, m: 60, h: 3600, d: 86400 }[(m[2] ?? 's') as 's' | 'm' | 'h' | 'd'];
      if (n > 0) return (n * unit * 1000) as Ms;
    }
  }
  ctx.addIssue({ code: 'custom', message: 'must be a positive duration such as 90, "90s", "15m", "12h" or "30d"' });
  return z.NEVER;
});

const boolish = z.union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])]).transform(
  (v) => v === true || v === 'true' || v === '1' || v === 'yes' || v === 'on',
);

const stringList = z.union([z.array(z.string()), z.string()]).transform((v) =>
  (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter((s) => s.length > 0),
);

/** IPs or CIDRs in their standard spelling (`10.0.0.0/8`, `fd00::/8`, `127.0.0.1`). */
const cidrList = stringList.pipe(
  z.array(
    z.string().refine((entry) => parseCidr(entry) !== undefined, 'each entry must be an IP address or a CIDR such as 192.168.0.0/16 or fd00::/8 (IPv4 written as four decimal parts)'),
  ),
);

const port = z.coerce
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

/** An absolute http(s) URL without query, fragment or credentials; http only on loopback (`why` says why). */
function httpsUrl(example: string, why: string) {
  return z
    .string()
    .superRefine((value, ctx) => {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        ctx.addIssue({ code: 'custom', message: `must be an absolute URL such as ${example}` });
        return;
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        ctx.addIssue({ code: 'custom', message: 'must start with https:// (or http:// on loopback)' });
      } else if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
        ctx.addIssue({ code: 'custom', message: `uses http:// on a non-loopback host; ${why}` });
      }
      if (url.search || url.hash || url.username || url.password) {
        ctx.addIssue({ code: 'custom', message: 'must not contain a query, fragment or credentials' });
      }
    })
    .transform((value) => value.replace(/\/+$/, ''));
}

const publicUrl = httpsUrl(
  'https://bifrost.example.com',
  'OAuth redirect URIs must be https except on loopback (RFC 9700 §2.6). Use https://… behind a TLS proxy, or http://127.0.0.1:<port> for local use',
);

const endpointUrl = httpsUrl(
  'https://staging.example.com/oauth2',
  'client secrets and tokens travel to platform endpoints, so they must be https except on loopback (a local fake or proxy)',
);

/**
 * `[integrations.<slug>.endpoints]`: endpoint group → base URL, overriding the platform's real ones
 * (a staging server, an egress proxy). The groups are the definition's `defaultBaseUrls` keys.
 */
function platformEndpoints(def: PlatformDefinition) {
  const groups = Object.keys(def.defaultBaseUrls);
  return z
    .record(z.string(), endpointUrl)
    .superRefine((value, ctx) => {
      for (const group of Object.keys(value)) {
        if (!groups.includes(group)) {
          ctx.addIssue({ code: 'custom', path: [group], message: `unknown endpoint group; ${def.name}'s groups are ${groups.join(', ')}` });
        }
      }
    })
    .default({});
}

/** `[integrations.<slug>]`: instance app credentials and endpoint overrides of one platform. */
function platformSection(def: PlatformDefinition) {
  return z
    .object({
      client_id: z.string().optional(),
      client_secret: z.string().optional(),
      endpoints: platformEndpoints(def),
    })
    .strict()
    .prefault({});
}

/**
 * `[chat.<slug>]`: overrides of a platform's chat limits (its capability table has the documented
 * ones). `messages_per_30s` for window limits (Twitch, Kick), `daily_units` and `send_cost` for quota
 * limits (YouTube), `requests_per_minute` for app limits (Trovo).
 */
function chatSection() {
  const positive = z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1');
  return z
    .object({
      messages_per_30s: positive.max(100_000).optional(),
      daily_units: positive.max(100_000_000).optional(),
      send_cost: positive.max(100_000).optional(),
      requests_per_minute: positive.max(100_000).optional(),
    })
    .strict()
    .prefault({});
}

const chatSections = Object.fromEntries(PLATFORM_DEFINITIONS.map((def) => [def.slug, chatSection()])) as Record<PlatformSlug, ReturnType<typeof chatSection>>;

/** One section per registered platform: the registry decides which `integrations.<slug>` keys exist. */
const platformSections = Object.fromEntries(PLATFORM_DEFINITIONS.map((def) => [def.slug, platformSection(def)])) as Record<PlatformSlug, ReturnType<typeof platformSection>>;

/** `id:base64key` where the key decodes to exactly 32 bytes (AES-256). */
const encryptionKeySpec = z.string().superRefine((value, ctx) => {
  const m = /^([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/=_-]+)$/.exec(value.trim());
  if (!m) {
    ctx.addIssue({
      code: 'custom',
      message: 'each key must look like id:base64key (id of letters, digits, _ or -); generate one with `bifrost keys generate`',
    });
    return;
  }
  const bytes = Buffer.from(m[2]!, 'base64');
  if (bytes.length !== 32) {
    ctx.addIssue({ code: 'custom', message: `key "${m[1]}" must decode to 32 bytes (AES-256); generate one with \`bifrost keys generate\`` });
  }
});

/** Seconds with a fraction or a unit ("250ms", "1.5s", "15m"), parsed to ms: the token worker's settings go below a second in tests. */
const seconds = z.union([z.number(), z.string()]).transform((value, ctx) => {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value > 0) return Math.round(value * 1000) as Ms;
  } else {
    const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec(value.trim());
    if (m && Number(m[1]) > 0) return Math.round(Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h' | 'd']) as Ms;
  }
  ctx.addIssue({ code: 'custom', message: 'must be a positive duration such as 0.5, "250ms", "90s", "15m" or "1h"' });
  return z.NEVER;
});

/** A wait that may be zero (0 = do not wait), else like `seconds`. */
const waitDuration = z.union([z.number(), z.string()]).transform((value, ctx) => {
  if (value === 0 || (typeof value === 'string' && /^0+(\.0+)?\s*(ms|s|m|h)?$/.test(value.trim()))) return 0 as Ms;
  const parsed = seconds.safeParse(value);
  if (parsed.success) return parsed.data;
  ctx.addIssue({ code: 'custom', message: 'must be 0 (do not wait) or a duration such as 90, "30s" or "2m"' });
  return z.NEVER;
});

/** The token lifecycle (src/refresh, src/consumers, src/worker …): margins, the cross-process lease, the worker, the token API. */
const tokensSection = z
  .object({
    /** Refresh this long before expiry at least (the worker uses max(this, lifetime / 4)); shorter than max_age. */
    refresh_margin: seconds.prefault(600),
    /** The token API returns a token valid for at least this long, refreshing first if needed. */
    read_margin: seconds.prefault(300),
    /** Refresh every integration at least this often, even when its token lives longer. */
    max_age: seconds.prefault(86_400),
    /**
     * The fewest seconds between two refreshes of one integration, whatever asks for them (the worker, a
     * read, a 401 report, a failed validation, the Refresh button); at least 1 s, shorter than max_age.
     */
    min_refresh_interval: seconds.prefault(60),
    /** Cross-process refresh lease; at least 60 s, over 3x the 10 s platform timeout. */
    lease: seconds.prefault(60),
    worker_interval: seconds.prefault(5),
    worker_concurrency: z.coerce.number().int().min(1).max(256).default(8),
    platform_concurrency: z.coerce.number().int().min(1).max(256).default(4),
    /** Consecutive transient failures before an integration shows as degraded. */
    degraded_after: z.coerce.number().int().min(1).max(1000).default(3),
    backoff_base: seconds.prefault(5),
    backoff_cap: seconds.prefault(300),
    /** How often tokens of platforms that require it (Twitch) are validated. */
    validate_interval: seconds.prefault(3600),
    /** How long a token read may be answered from this instance's memory (0 = always read the database). */
    read_cache_ms: z.coerce.number().int().min(0).max(60_000).default(1000),
    /** How often SSE streams look for new events in the database. */
    events_poll_interval: seconds.prefault(1),
    /** Open /internal/events streams one consumer key may hold on one instance; one more is refused with 429. */
    max_streams_per_key: z.coerce
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be between 1 and 1000 (streams per key)')
      .max(1000, 'must be between 1 and 1000 (streams per key)')
      .default(10),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.lease < 60_000) ctx.addIssue({ code: 'custom', path: ['lease'], message: 'must be at least 60 seconds (and well over the 10 s platform timeout)' });
    if (t.read_margin >= t.refresh_margin) {
      ctx.addIssue({ code: 'custom', path: ['read_margin'], message: 'must be shorter than tokens.refresh_margin, or every read would refresh' });
    }
    if (t.backoff_base > t.backoff_cap) ctx.addIssue({ code: 'custom', path: ['backoff_base'], message: 'must not exceed tokens.backoff_cap' });
    if (t.refresh_margin >= t.max_age) {
      ctx.addIssue({
        code: 'custom',
        path: ['refresh_margin'],
        message: 'must be shorter than tokens.max_age, or every token would be due as soon as it is issued; lower refresh_margin (default 10m) or raise max_age',
      });
    }
    if (t.min_refresh_interval < 1000) ctx.addIssue({ code: 'custom', path: ['min_refresh_interval'], message: 'must be at least 1 second, or a refresh loop could hammer the platform' });
    if (t.min_refresh_interval >= t.max_age) ctx.addIssue({ code: 'custom', path: ['min_refresh_interval'], message: 'must be shorter than tokens.max_age (default 1m)' });
  })
  .prefault({});

export const configSchema = z
  .object({
    data_dir: z.string().min(1).default('./data'),
    sandbox: boolish.default(false),
    worker: boolish.default(true),
    server: z
      .object({
        host: z.string().min(1).default('127.0.0.1'),
        port: port.default(8080),
        public_url: publicUrl.optional(),
        trusted_proxies: stringList.default([]),
        body_limit: z.coerce.number().int().min(1024).max(10 * 1024 * 1024).default(1024 * 1024),
        session_idle_timeout: duration.prefault(12 * 3600),
        session_absolute_lifetime: duration.prefault(30 * 86400),
        /** Live dashboard sessions per user; a sign-in beyond it ends the user's oldest session. */
        max_sessions_per_user: z.coerce
          .number({ message: 'must be a number' })
          .int('must be a whole number')
          .min(1, 'must be between 1 and 1000 (sessions per user)')
          .max(1000, 'must be between 1 and 1000 (sessions per user)')
          .default(10),
      })
      .strict()
      .prefault({}),
    database: z
      .object({
        url: z
          .string()
          .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL (leave unset for SQLite in the data dir)')
          .optional(),
        pool_size: z.coerce.number().int().min(1).max(100).default(10),
        /** How long start-up keeps retrying a PostgreSQL that does not answer (containers starting together). */
        wait: waitDuration.prefault(0),
      })
      .strict()
      .prefault({}),
    log: z
      .object({
        level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
        /** `auto`: pretty-printed when the log goes to a terminal, one JSON object per line otherwise. */
        format: z.enum(['auto', 'pretty', 'json'], { message: 'must be auto, pretty or json' }).default('auto'),
      })
      .strict()
      .prefault({}),
    encryption: z
      .object({
        keys: z.array(encryptionKeySpec).default([]),
      })
      .strict()
      .prefault({}),
    integrations: z
      .object({
        internal_service_key: stringList.default([]),
        ...platformSections,
      })
      .strict()
      .prefault({}),
    tokens: tokensSection,
    /** Chat and moderation (src/chat): limit overrides per platform. */
    chat: z.object(chatSections).strict().prefault({}),
    token_server: z
      .object({
        /** Callers allowed to use the Companion token server (IPs or CIDRs); empty = anyone who knows an id. */
        allowed_cidrs: stringList.default([]),
        /**
         * Tokens handed to Companion stay valid at least this long (refreshed first when they would not):
         * its Twitch module fetches a token only every 15 minutes.
         */
        min_validity: seconds.prefault(1200),
      })
      .strict()
      .prefault({}),
    metrics: z
      .object({
        enabled: boolish.default(false),
        /** `host:port` of a separate listener for /metrics; unset = /metrics on the main listener (when enabled). */
        listen: z
          .string()
          .regex(/^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'must be host:port, e.g. 127.0.0.1:9464')
          .optional(),
      })
      .strict()
      .prefault({}),
    webhooks: z
      .object({
        timeout: seconds.prefault(5),
        max_attempts: z.coerce.number().int().min(1).max(50).default(10),
      })
      .strict()
      .prefault({}),
    /** Live events (src/events): the log's retention and the connections' leases. */
    events: z
      .object({
        /** Run the live connections in the processes that run the worker (tests turn it off). */
        enabled: boolish.default(true),
        /** Events older than this are pruned by the worker; a consumer can resume within it. */
        retention: seconds.prefault(7 * 86_400),
        /** One instance owns each live connection this long per renewal; a dead owner's connections move within it. */
        lease: seconds.prefault(30),
        /**
         * Quota units a day YouTube live-chat reading may spend, per channel (each poll costs 5, each look
         * for a live broadcast 1). YouTube gives a project 10,000 a day by default, shared with sending chat.
         */
        youtube_quota_units_per_day: z.coerce
          .number({ error: QUOTA_UNITS_HINT })
          .int({ error: QUOTA_UNITS_HINT })
          .min(1, { error: QUOTA_UNITS_HINT })
          .max(100_000_000, { error: QUOTA_UNITS_HINT })
          .default(5000),
      })
      .strict()
      .prefault({}),
    /** StreamElements tip ingestion (src/tools/streamelements-connector.ts). */
    streamelements: z
      .object({
        /** The Astro WebSocket gateway; unset: StreamElements' own, or sandbox mode's fake. */
        astro_url: z
          .string()
          .regex(/^wss?:\/\/[^\s/]+/, 'must be a ws:// or wss:// URL, such as wss://astro.streamelements.com')
          .optional(),
      })
      .strict()
      .prefault({}),
    /** Outbound connections to addresses members choose (webhooks, tools): see src/net/egress.ts. */
    egress: z
      .object({
        /** Loopback, private or CGNAT ranges webhooks may reach after all; never lifts the always-refused ranges. */
        allow: cidrList.default([]),
      })
      .strict()
      .prefault({}),
    /** POST/GET /graphql (src/graphql): what clients may ask for, and the developer conveniences. */
    graphql: z
      .object({
        /** Schema introspection (`__schema`, `__type`): on by default, like the OpenAPI document. */
        introspection: boolish.default(true),
        /** The GraphiQL page at /graphiql (it loads its code from unpkg.com, so it has its own CSP). */
        graphiql: boolish.default(false),
        /** Deepest field nesting in one operation (introspection fields excepted). */
        max_depth: z.coerce.number().int().min(2).max(50).default(10),
        /** Cost ceiling of one operation: 1 per field, list fields multiply what is below them. */
        max_complexity: z.coerce.number().int().min(10).max(1_000_000).default(5000),
        /** Largest GraphQL document in bytes (the query text, not the variables). */
        max_document_bytes: z.coerce.number().int().min(256).max(1_048_576).default(16_384),
        /** Most operations in one batched POST (a JSON array). */
        max_batch: z.coerce.number().int().min(1).max(100).default(10),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type ConfigInput = z.input<typeof configSchema>;
type Parsed = z.output<typeof configSchema>;

/** The validated, frozen configuration. `server.public_url` is always set (derived from host:port when absent). */
export type Config = Readonly<
  Omit<Parsed, 'server'> & {
    server: Readonly<Parsed['server'] & { public_url: string }>;
  }
>;

/** Dotted paths of every secret in the config: masked in `config check`, never printed in errors. */
export const SECRET_PATHS: readonly string[] = [
  'integrations.internal_service_key',
  'encryption.keys',
  'database.url',
  ...PLATFORM_SLUGS.map((p) => `integrations.${p}.client_secret`),
];

/** Dotted paths of every duration setting (parsed to ms): `config check` prints them with a unit again. */
export const DURATION_PATHS: ReadonlySet<string> = new Set(durationPathsOf(configSchema));

function durationPathsOf(schema: z.ZodType, path: string[] = []): string[] {
  if (schema === seconds || schema === duration || schema === waitDuration) return [path.join('.')];
  const def = (schema as unknown as { _zod: { def: { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; in?: z.ZodType } } })._zod.def;
  if (def.type === 'object' && def.shape) return Object.entries(def.shape).flatMap(([key, field]) => durationPathsOf(field, [...path, key]));
  if (def.innerType) return durationPathsOf(def.innerType, path);
  if (def.type === 'pipe' && def.in) return durationPathsOf(def.in, path);
  return [];
}

/** A duration in ms as it is written in the settings: "10m", "90s", "250ms", "0". */
export function formatMs(ms: number): string {
  if (ms === 0) return '0';
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
