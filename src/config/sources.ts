/** Where configuration values come from: the environment-variable and command-line-flag maps. */
import { PLATFORM_DEFINITIONS } from '../platforms/registry.ts';

/** Environment variable → dotted config path. The documented names (SERVER_PUBLIC_URL, …) are kept exactly. */
export const ENV_MAP: Readonly<Record<string, string>> = {
  BIFROST_HOST: 'server.host',
  BIFROST_PORT: 'server.port',
  SERVER_PUBLIC_URL: 'server.public_url',
  BIFROST_TRUSTED_PROXIES: 'server.trusted_proxies',
  BIFROST_BODY_LIMIT: 'server.body_limit',
  BIFROST_SESSION_IDLE_TIMEOUT: 'server.session_idle_timeout',
  BIFROST_SESSION_ABSOLUTE_LIFETIME: 'server.session_absolute_lifetime',
  BIFROST_MAX_SESSIONS_PER_USER: 'server.max_sessions_per_user',
  BIFROST_DATA_DIR: 'data_dir',
  BIFROST_SANDBOX: 'sandbox',
  BIFROST_WORKER: 'worker',
  BIFROST_EVENTS_ENABLED: 'events.enabled',
  BIFROST_EVENTS_RETENTION: 'events.retention',
  BIFROST_EVENTS_LEASE: 'events.lease',
  BIFROST_EVENTS_YOUTUBE_QUOTA_UNITS_PER_DAY: 'events.youtube_quota_units_per_day',
  BIFROST_STREAMELEMENTS_ASTRO_URL: 'streamelements.astro_url',
  DATABASE_URL: 'database.url',
  BIFROST_DB_POOL_SIZE: 'database.pool_size',
  BIFROST_WAIT_FOR_DB: 'database.wait',
  BIFROST_LOG_LEVEL: 'log.level',
  BIFROST_LOG_FORMAT: 'log.format',
  BIFROST_ENCRYPTION_KEYS: 'encryption.keys',
  INTERNAL_SERVICE_KEY: 'integrations.internal_service_key',
  BIFROST_REFRESH_MARGIN: 'tokens.refresh_margin',
  BIFROST_TOKEN_READ_MARGIN: 'tokens.read_margin',
  BIFROST_REFRESH_MAX_AGE: 'tokens.max_age',
  BIFROST_MIN_REFRESH_INTERVAL: 'tokens.min_refresh_interval',
  BIFROST_REFRESH_LEASE: 'tokens.lease',
  BIFROST_WORKER_INTERVAL: 'tokens.worker_interval',
  BIFROST_WORKER_CONCURRENCY: 'tokens.worker_concurrency',
  BIFROST_WORKER_PLATFORM_CONCURRENCY: 'tokens.platform_concurrency',
  BIFROST_DEGRADED_AFTER: 'tokens.degraded_after',
  BIFROST_BACKOFF_BASE: 'tokens.backoff_base',
  BIFROST_BACKOFF_CAP: 'tokens.backoff_cap',
  BIFROST_VALIDATE_INTERVAL: 'tokens.validate_interval',
  BIFROST_TOKEN_READ_CACHE_MS: 'tokens.read_cache_ms',
  BIFROST_EVENTS_POLL_INTERVAL: 'tokens.events_poll_interval',
  BIFROST_MAX_STREAMS_PER_KEY: 'tokens.max_streams_per_key',
  BIFROST_TOKEN_SERVER_ALLOWED_CIDRS: 'token_server.allowed_cidrs',
  BIFROST_TOKEN_SERVER_MIN_VALIDITY: 'token_server.min_validity',
  BIFROST_METRICS: 'metrics.enabled',
  BIFROST_METRICS_LISTEN: 'metrics.listen',
  BIFROST_WEBHOOK_TIMEOUT: 'webhooks.timeout',
  BIFROST_WEBHOOK_MAX_ATTEMPTS: 'webhooks.max_attempts',
  BIFROST_EGRESS_ALLOW: 'egress.allow',
  BIFROST_GRAPHQL_INTROSPECTION: 'graphql.introspection',
  BIFROST_GRAPHQL_GRAPHIQL: 'graphql.graphiql',
  BIFROST_GRAPHQL_MAX_DEPTH: 'graphql.max_depth',
  BIFROST_GRAPHQL_MAX_COMPLEXITY: 'graphql.max_complexity',
  BIFROST_GRAPHQL_MAX_DOCUMENT_BYTES: 'graphql.max_document_bytes',
  BIFROST_GRAPHQL_MAX_BATCH: 'graphql.max_batch',
  ...Object.fromEntries(
    PLATFORM_DEFINITIONS.flatMap(({ slug }) => [
      [`${slug.toUpperCase()}_INTEGRATION_CLIENT_ID`, `integrations.${slug}.client_id`],
      [`${slug.toUpperCase()}_INTEGRATION_CLIENT_SECRET`, `integrations.${slug}.client_secret`],
      [`${slug.toUpperCase()}_INTEGRATION_ENDPOINTS`, `integrations.${slug}.endpoints`],
      [`BIFROST_CHAT_${slug.toUpperCase()}_MESSAGES_PER_30S`, `chat.${slug}.messages_per_30s`],
      [`BIFROST_CHAT_${slug.toUpperCase()}_DAILY_UNITS`, `chat.${slug}.daily_units`],
      [`BIFROST_CHAT_${slug.toUpperCase()}_SEND_COST`, `chat.${slug}.send_cost`],
      [`BIFROST_CHAT_${slug.toUpperCase()}_REQUESTS_PER_MINUTE`, `chat.${slug}.requests_per_minute`],
    ]),
  ),
};

/** Env values that are JSON objects, with an example of the platform's groups for the error message. */
export const JSON_PATHS: ReadonlyMap<string, string> = new Map(
  PLATFORM_DEFINITIONS.map((def) => [
    `integrations.${def.slug}.endpoints`,
    JSON.stringify(Object.fromEntries(Object.keys(def.defaultBaseUrls).map((group) => [group, 'https://…']))),
  ]),
);

/** Env values that are lists (comma-separated). */
export const LIST_PATHS: ReadonlySet<string> = new Set(['encryption.keys', 'server.trusted_proxies', 'integrations.internal_service_key', 'token_server.allowed_cidrs', 'egress.allow']);

/** Command-line flag (as commander names it, camelCase) → dotted config path. Flags win over the environment. */
export const FLAG_MAP: Readonly<Record<string, string>> = {
  host: 'server.host',
  port: 'server.port',
  publicUrl: 'server.public_url',
  dataDir: 'data_dir',
  logLevel: 'log.level',
  logFormat: 'log.format',
  sandbox: 'sandbox',
  worker: 'worker',
  waitForDb: 'database.wait',
};

/** Flag name as the user types it, for error messages. */
export function flagName(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}
