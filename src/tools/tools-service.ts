/** Tools (OBS Studio, Streamer.bot) per account: add, list, edit, remove, and a bounded connection test. */
import type { Deps } from '../deps.ts';
import { AppError, invalidField, notFound } from '../errors/app-error.ts';
import { decryptSecret, encryptSecret, type SecretContext } from '../crypto/envelope.ts';
import { prefixedId } from '../crypto/random.ts';
import { auditTools } from './audit.ts';
import type { ToolsDeps } from './tool-tests.ts';
import { accountOf, type Caller } from '../access/caller.ts';
import { toTool, type Tool, type ToolRow, type ToolStateRow } from './model.ts';
import { createToolBody, parseInput, updateToolBody, type CreateToolInput, type ToolKind, type UpdateToolInput } from './schemas.ts';
import { testObs } from './obs-probe.ts';
import { testStreamerbot } from './streamerbot-probe.ts';
import { DEFAULT_TEST_TIMEOUT_MS, address, failure, hostNotFound, type TesterOptions, type ToolTestResult } from './probe-result.ts';
import { EgressError } from '../net/egress.ts';
import { normaliseHost } from '../net/host.ts';

/** Enough for any multi-PC setup; a bound so one account cannot fill the database. */
const MAX_TOOLS_PER_ACCOUNT = 50;
const LOCAL_HOST = '127.0.0.1';

/** The documented defaults per kind (README, OBS, Streamer.bot and StreamElements). */
const TOOL_DEFAULTS: Record<ToolKind, { label: string; port: number; endpoint: string }> = {
  streamerbot: { label: 'Streamer.bot', port: 8080, endpoint: '/' },
  obs: { label: 'OBS Studio', port: 4455, endpoint: '/' },
};

const passwordContext = (id: string): SecretContext => ({ table: 'tools', column: 'password_enc', rowId: id });

async function findRow(rt: Deps, accountId: string, id: string): Promise<ToolRow> {
  const row = await rt.store.db.selectFrom('tools').selectAll().where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
  if (!row) throw notFound('tool');
  return row;
}

export async function listTools(rt: Deps, caller: Caller): Promise<Tool[]> {
  const accountId = accountOf(caller);
  const rows = await rt.store.db
    .selectFrom('tools')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .execute();
  const states = await statesOf(rt, rows.map((r) => r.id));
  return rows.map((row) => toTool(row, states.get(row.id)));
}

/**
 * The live connection states of these tools, as the instances holding them wrote them. A state whose
 * holder's lease has run out (the instance died) is shown as connecting until another instance takes it.
 */
async function statesOf(rt: Deps, ids: string[]): Promise<Map<string, ToolStateRow>> {
  if (ids.length === 0) return new Map();
  const rows = await rt.store.db.selectFrom('tool_states').selectAll().where('tool_id', 'in', ids).execute();
  const leases = await rt.store.db.selectFrom('connection_leases').selectAll().where('key', 'in', ids.map((id) => `tool:${id}`)).execute();
  const live = new Map(leases.map((l) => [l.key, l]));
  const now = rt.clock.now();
  return new Map(
    rows.map((r) => {
      const lease = live.get(`tool:${r.tool_id}`);
      const held = lease !== undefined && lease.owner === r.owner && Number(lease.expires_at) > now;
      const orphaned = r.state !== 'disabled' && !held;
      return [r.tool_id, orphaned ? { ...r, state: 'connecting', reason: 'waiting for a Bifrost instance to take the connection', version: null } : r];
    }),
  );
}

export async function getTool(rt: Deps, caller: Caller, id: string): Promise<Tool> {
  const row = await findRow(rt, accountOf(caller), id);
  return toTool(row, (await statesOf(rt, [row.id])).get(row.id));
}

/** ["General.Custom"] as stored: null when the member gave none (the default set), never for OBS. */
function eventSubscriptions(kind: ToolKind, events: string[] | undefined): string | null | undefined {
  if (events === undefined) return undefined;
  if (kind !== 'streamerbot') throw invalidField('events', 'applies to Streamer.bot only; OBS always sends its scene, stream, record and mute events');
  return JSON.stringify([...new Set(events)]);
}

/**
 * Where the tool lives. OBS is on this machine (127.0.0.1) unless the user opts into remote access,
 * and then a host is required (the dashboard asks for "Host / IP" only when remote access is on).
 * Streamer.bot always has a host (default 127.0.0.1) and no remote-access switch.
 */
function resolveAddress(
  kind: ToolKind,
  input: { host?: string | null | undefined; remote_access?: boolean | undefined },
  current?: { host: string; remote_access: boolean },
): { host: string; remote_access: boolean } {
  const where = chooseAddress(kind, input, current);
  return { ...where, host: normalisedHost(where.host) };
}

/**
 * One spelling per host (2130706433 and 0x7f.1 are 127.0.0.1), stored as such so what the member
 * sees, what the policy checks and what a tester connects to are the same address.
 */
function normalisedHost(host: string): string {
  const normal = normaliseHost(host);
  if (!normal) throw invalidField('host', 'must be a host name or an IP address, without scheme, port or path');
  return normal;
}

function chooseAddress(
  kind: ToolKind,
  input: { host?: string | null | undefined; remote_access?: boolean | undefined },
  current?: { host: string; remote_access: boolean },
): { host: string; remote_access: boolean } {
  if (kind === 'streamerbot') {
    if (input.remote_access === true) throw invalidField('remote_access', 'applies to OBS only; for Streamer.bot set host to the machine it runs on');
    const host = input.host === undefined ? (current?.host ?? LOCAL_HOST) : (input.host ?? LOCAL_HOST);
    return { host, remote_access: false };
  }
  const remote = input.remote_access ?? current?.remote_access ?? false;
  if (!remote) {
    if (input.host !== undefined && input.host !== null && normalisedHost(input.host) !== LOCAL_HOST) {
      throw invalidField('host', 'is only used when remote_access is on: turn remote access on for OBS on another machine, or leave host out for OBS on this machine');
    }
    return { host: LOCAL_HOST, remote_access: false };
  }
  const host = input.host === undefined ? (current?.remote_access ? current.host : undefined) : (input.host ?? undefined);
  if (!host) throw invalidField('host', 'is required when remote_access is on: the public host or IP of the OBS machine');
  return { host, remote_access: true };
}

/**
 * The egress check when an address is saved, for an early, clear 400: an address class tools may
 * not reach names `host`, Bifrost's own listener names `port` (the usual fix: Streamer.bot and
 * Bifrost both default to 8080). A name that does not resolve from here (yet) is saved: the Test
 * says so, and every connection checks again.
 */
async function checkDestination(rt: Deps, host: string, port: number): Promise<void> {
  try {
    await rt.egress.check('tool', host, port);
  } catch (err) {
    if (!(err instanceof EgressError)) throw err;
    if (err.reason === 'self') throw invalidField('port', err.message);
    if (err.reason === 'refused') throw invalidField('host', err.message);
  }
}

export async function createTool(rt: Deps, caller: Caller, raw: CreateToolInput): Promise<Tool> {
  const accountId = accountOf(caller);
  const input = parseInput(createToolBody, raw);
  const defaults = TOOL_DEFAULTS[input.kind];
  const where = resolveAddress(input.kind, input);
  await checkDestination(rt, where.host, input.port ?? defaults.port);
  const { db } = rt.store;
  const count = await db.selectFrom('tools').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', accountId).executeTakeFirst();
  if (Number(count?.n ?? 0) >= MAX_TOOLS_PER_ACCOUNT) {
    throw new AppError('TOOL_LIMIT_REACHED', `an account can have at most ${MAX_TOOLS_PER_ACCOUNT} tools; remove one first`);
  }
  const id = prefixedId('tool');
  const now = rt.clock.now();
  const row: ToolRow = {
    id,
    account_id: accountId,
    kind: input.kind,
    label: input.label ?? defaults.label,
    host: where.host,
    port: input.port ?? defaults.port,
    endpoint: input.endpoint ?? defaults.endpoint,
    password_enc: input.password ? encryptSecret(rt.keyring, input.password, passwordContext(id)) : null,
    remote_access: where.remote_access ? 1 : 0,
    enabled: input.enabled === false ? 0 : 1,
    last_test_at: null,
    last_test_ok: null,
    last_test_message: null,
    event_subscriptions: eventSubscriptions(input.kind, input.events) ?? null,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('tools').values(row).execute();
  const view = toTool(row);
  await rt.bus.emit('tool.changed', { toolId: id });
  await auditTools(rt, caller, 'tool.created', { type: 'tool', id }, {
    kind: view.kind,
    label: view.label,
    host: view.host,
    port: view.port,
    remote_access: view.remoteAccess,
    auth: view.hasPassword ? 'password' : 'none',
  });
  return view;
}

/** PATCH semantics: omitted fields keep their value; `password: null` (or "") removes the password. */
export async function updateTool(rt: Deps, caller: Caller, id: string, raw: UpdateToolInput): Promise<Tool> {
  const accountId = accountOf(caller);
  const input = parseInput(updateToolBody, raw);
  const current = await findRow(rt, accountId, id);
  const where = resolveAddress(current.kind, input, { host: current.host, remote_access: Number(current.remote_access) === 1 });
  const next: Partial<ToolRow> = {};
  if (input.label !== undefined && input.label !== current.label) next.label = input.label;
  if (where.host !== current.host) next.host = where.host;
  if ((where.remote_access ? 1 : 0) !== Number(current.remote_access)) next.remote_access = where.remote_access ? 1 : 0;
  if (input.port !== undefined && input.port !== Number(current.port)) next.port = input.port;
  if (input.endpoint !== undefined && input.endpoint !== current.endpoint) next.endpoint = input.endpoint;
  if (input.enabled !== undefined && (input.enabled ? 1 : 0) !== Number(current.enabled)) next.enabled = input.enabled ? 1 : 0;
  const events = eventSubscriptions(current.kind, input.events);
  if (events !== undefined && events !== current.event_subscriptions) next.event_subscriptions = events;
  // Only a changed address is checked: relabelling a tool saved before a policy change still works.
  if (next.host !== undefined || next.port !== undefined) await checkDestination(rt, next.host ?? current.host, next.port ?? Number(current.port));
  let passwordChanged = false;
  if (input.password !== undefined) {
    // A new password is always re-encrypted (a fresh IV): comparing would mean decrypting for nothing.
    next.password_enc = input.password ? encryptSecret(rt.keyring, input.password, passwordContext(id)) : null;
    passwordChanged = input.password ? true : current.password_enc !== null;
  }
  const changed = Object.keys(next)
    .map((k) => (k === 'password_enc' ? 'password' : k === 'event_subscriptions' ? 'events' : k))
    .filter((k) => k !== 'password' || passwordChanged);
  if (Object.keys(next).length === 0) return toTool(current, (await statesOf(rt, [id])).get(id));
  const updated = { ...current, ...next, updated_at: rt.clock.now() };
  const result = await rt.store.db
    .updateTable('tools')
    .set({ ...next, updated_at: updated.updated_at })
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw notFound('tool');
  await rt.bus.emit('tool.changed', { toolId: id });
  if (changed.length > 0) {
    const action = changed.length === 1 && changed[0] === 'enabled' ? (updated.enabled ? 'enabled' : 'disabled') : undefined;
    await auditTools(rt, caller, 'tool.updated', { type: 'tool', id }, { kind: current.kind, label: updated.label, changed, ...(action ? { change: action } : {}) });
  }
  return toTool(updated, (await statesOf(rt, [id])).get(id));
}

export async function deleteTool(rt: Deps, caller: Caller, id: string): Promise<void> {
  const accountId = accountOf(caller);
  const current = await findRow(rt, accountId, id);
  const result = await rt.store.db.deleteFrom('tools').where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound('tool');
  await rt.bus.emit('tool.deleted', { toolId: id });
  await auditTools(rt, caller, 'tool.deleted', { type: 'tool', id }, { kind: current.kind, label: current.label });
}

async function runTest(rt: Deps, accountId: string, id: string, options: TesterOptions): Promise<{ row: ToolRow; result: ToolTestResult }> {
  const row = await findRow(rt, accountId, id);
  const where = { host: row.host, port: Number(row.port) };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS;
  const started = performance.now();
  let ip: string;
  try {
    // Checked at every connection, not only when saved: the name may resolve elsewhere by now.
    ip = (await rt.egress.check('tool', where.host, where.port, { signal: AbortSignal.timeout(timeoutMs) })).address;
  } catch (err) {
    if (!(err instanceof EgressError)) throw err;
    if (err.reason === 'unresolved') return { row, result: hostNotFound(where) };
    return { row, result: failure('not_allowed', `Not tested: ${address(where)} ${err.message}.`) };
  }
  const target = {
    ...where,
    ip,
    endpoint: row.endpoint,
    password: row.password_enc === null ? null : decryptSecret(rt.keyring, row.password_enc, passwordContext(row.id)),
  };
  // The lookup's time comes out of the same bound: the whole Test ends within timeoutMs.
  const remaining = { timeoutMs: Math.max(1, Math.round(timeoutMs - (performance.now() - started))) };
  const result = row.kind === 'obs' ? await testObs(target, remaining) : await testStreamerbot(target, remaining);
  return { row, result };
}

/**
 * Connects to the tool's configured host:port only, within a bounded time (5 s unless told), and
 * records the outcome on the tool and in the audit log. A disabled tool can still be tested (to
 * check it before enabling it). No database transaction is open while the network test runs.
 */
export async function testTool(rt: ToolsDeps, caller: Caller, id: string, options: TesterOptions = {}): Promise<ToolTestResult> {
  const accountId = accountOf(caller);
  const { row, result } = await rt.toolTests.join(`${accountId}/${id}`, () => runTest(rt, accountId, id, options));
  await rt.store.db
    .updateTable('tools')
    .set({ last_test_at: rt.clock.now(), last_test_ok: result.ok ? 1 : 0, last_test_message: result.message })
    .where('id', '=', row.id)
    .where('account_id', '=', accountId)
    .execute();
  await auditTools(rt, caller, 'tool.tested', { type: 'tool', id: row.id }, {
    kind: row.kind,
    label: row.label,
    host: row.host,
    port: Number(row.port),
    ok: result.ok,
    outcome: result.outcome,
    message: result.message,
    ...(result.version ? { version: result.version } : {}),
  });
  return result;
}
