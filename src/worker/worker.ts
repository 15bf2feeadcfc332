/**
 * The refresh worker: every instance runs one (unless --no-worker). Each tick it schedules new rows,
 * claims due refreshes per platform within the concurrency limits, validates tokens of platforms that
 * require it, announces healed incidents, delivers webhooks and prunes old token events and live events. Refreshes run in
 * the background; a finished one frees its slot and triggers the next claim at once, so a backlog
 * (say, after an outage) drains at the concurrency limit rather than one tick at a time. Every pass
 * starts on a fresh turn of the event loop (setImmediate), so however fast tasks fail (SQLite answers
 * without I/O) the worker never starves HTTP requests or a SIGTERM.
 */
import type { Deps } from '../deps.ts';
import { realSleep, yieldToEventLoop } from '../clock.ts';
import type { RefreshService } from '../refresh/service.ts';
import type { PushService } from '../push/service.ts';
import { isRecordedOutcome } from '../refresh/internal-failures.ts';
import { closeIncident } from '../health/incidents.ts';
import { pruneEvents } from '../push/events.ts';
import { pruneDeliveries } from '../push/webhook-delivery.ts';
import { pruneEventLog } from '../events/log.ts';
import { releaseLease, type HeldLease } from '../refresh/lease.ts';
import { claimDueRefreshes, claimDueValidations, healedIncidents, scheduleUnscheduled } from './claims.ts';

const HOUSEKEEPING_MS = 60 * 60_000;
const EVENT_RETENTION_MS = 24 * 60 * 60_000;
const STOP_GRACE_MS = 15_000;

export interface Worker {
  /** One pass; with `settle`, also waits for everything it started (tests). */
  tick(options?: { settle?: boolean }): Promise<void>;
  stop(): Promise<void>;
  readonly inFlight: number;
}

/** What the worker drives: the foundation, the refresh path and webhook delivery of this instance. */
export interface WorkerDeps extends Deps {
  readonly refresh: RefreshService;
  readonly push: PushService;
}

/** The platforms whose tokens must be validated (Twitch: hourly). */
export function validatingPlatforms(deps: Pick<Deps, 'platforms'>): string[] {
  return [...deps.platforms.values()].filter((a) => a.capabilities.validate === 'hourly' && a.validate).map((a) => a.slug as string);
}

export function createWorker(deps: WorkerDeps): Worker {
  const running = new Map<string, Promise<unknown>>();
  const perPlatform = new Map<string, number>();
  let lastHousekeeping = 0;
  let ticking: Promise<void> | undefined;

  const cfg = deps.config.tokens;
  const validating = validatingPlatforms(deps);

  /**
   * Refreshes past their commit that still write their audit line and event: out of their slots (see
   * track), but waited for like the running ones on stop. At most worker_concurrency of them.
   */
  const finishing = new Set<Promise<unknown>>();

  /**
   * Runs a task in a slot of its platform. `work` may call `free` once what the slot limits is done (a
   * refresh's platform call and commit): the slot then takes the next refresh while the task finishes.
   */
  function track(key: string, platform: string, work: (free: () => void) => Promise<unknown>): void {
    perPlatform.set(platform, (perPlatform.get(platform) ?? 0) + 1);
    let inSlot = true;
    const leaveSlot = (): void => {
      inSlot = false;
      running.delete(key);
      perPlatform.set(platform, (perPlatform.get(platform) ?? 1) - 1);
      if (stopped) return;
      // A freed slot: a refresh claimed ahead starts in it at once; the claim that tops the claimed
      // refreshes up again runs now rather than at the next tick.
      startClaimed();
      void runTick(false);
    };
    let p: Promise<unknown> | undefined;
    const free = (): void => {
      if (!inSlot || !p || finishing.size >= cfg.worker_concurrency) return;
      finishing.add(p);
      leaveSlot();
    };
    p = work(free)
      .catch((err: unknown) => {
        const code = (err as { code?: string }).code;
        // Expected outcomes (backoff, needs_reauth, another instance on it) are recorded on the row
        // already, and so are internal failures (REFRESH_FAILED, logged at error where they happened).
        if (isRecordedOutcome(err)) deps.log.debug({ integration: key, platform, code }, 'worker refresh did not complete');
        else deps.log.error({ err, integration: key, platform, code: code ?? 'INTERNAL' }, 'worker task failed');
      })
      .finally(() => {
        finishing.delete(p!);
        if (inSlot) leaveSlot();
      });
    running.set(key, p);
  }

  function freeSlots(platform: string): number {
    return Math.min(cfg.platform_concurrency - (perPlatform.get(platform) ?? 0), cfg.worker_concurrency - running.size);
  }

  /**
   * Platforms whose last claim found fewer due rows than it had slots for: until the next timer tick
   * (when rows come due with time) a freed slot does not ask for them again. Draining one platform's
   * backlog then costs one claim per freed slot, not a throttle read and a claim per platform.
   */
  const drained = new Set<string>();

  /**
   * Refreshes claimed ahead of a free slot, per platform: a finished refresh's slot takes the next one
   * at once instead of waiting for a claim's round trip (on PostgreSQL the slot stood idle for the
   * claim, and for the pass before it, about a fifth of each refresh's time under a backlog). At most
   * a quarter of the platform's concurrency is held ahead; their leases are taken like any claim's,
   * so no other instance refreshes them meanwhile, and given back on stop.
   */
  const claimed = new Map<string, HeldLease[]>();
  const claimAhead = Math.max(1, Math.ceil(cfg.platform_concurrency / 4));

  function startClaimed(): void {
    if (stopped) return;
    for (const [platform, queue] of claimed) {
      while (queue.length > 0 && freeSlots(platform) > 0) {
        const lease = queue.shift()!;
        track(lease.row.id, platform, (free) => deps.refresh.refreshIntegration(lease.row.id, { trigger: 'worker', lease, onCommitted: free }));
      }
    }
  }

  /** Claims due refreshes into the free slots and the claimed-ahead queue (all a pass after a finished task does). */
  async function claimRefreshes(): Promise<void> {
    startClaimed();
    for (const adapter of deps.platforms.values()) {
      const platform = adapter.slug as string;
      const queue = claimed.get(platform) ?? [];
      // A throttled platform's claim finds nothing (the claim checks the gate): drained until the next tick.
      const want = Math.max(0, freeSlots(platform)) + claimAhead - queue.length;
      if (drained.has(platform) || want <= 0) continue;
      const leases = await claimDueRefreshes(deps, deps.refresh.owner, platform, want);
      if (leases.length < want) drained.add(platform);
      claimed.set(platform, [...(claimed.get(platform) ?? []), ...leases]);
      startClaimed();
    }
  }

  /** The full pass of a timer tick. */
  async function pass(): Promise<void> {
    drained.clear();
    await scheduleUnscheduled(deps);
    await claimRefreshes();
    for (const platform of validating) {
      for (const row of await claimDueValidations(deps, platform, freeSlots(platform))) {
        track(`validate:${row.id}`, platform, () => deps.refresh.validateIntegration(row));
      }
    }
    for (const row of await healedIncidents(deps)) await closeIncident(deps, row);
    await deps.push.deliverDueWebhooks((id, work) => track(`webhook:${id}`, 'webhooks', work), cfg.worker_concurrency - running.size);
    if (deps.clock.now() - lastHousekeeping >= HOUSEKEEPING_MS) {
      lastHousekeeping = deps.clock.now();
      await pruneEvents(deps, EVENT_RETENTION_MS);
      await pruneDeliveries(deps);
      await pruneEventLog(deps);
    }
  }

  /** On stop: the leases claimed ahead go back at once rather than when they expire. */
  async function releaseClaimed(): Promise<void> {
    const leases = [...claimed.values()].flat();
    claimed.clear();
    await Promise.all(
      leases.map((lease) => releaseLease(deps, lease.row.id, lease.epoch).catch((err: unknown) => deps.log.warn({ err, integration: lease.row.id }, 'could not release a claimed refresh lease; it expires on its own'))),
    );
  }

  let stopped = false;
  let wantFull = false;
  let wantClaims = false;
  /**
   * Passes never overlap. A timer tick asks for a full pass; a finished task only for a claim of due
   * refreshes; whatever is asked while a pass runs runs right after it.
   */
  function runTick(full: boolean): Promise<void> {
    if (full) wantFull = true;
    else wantClaims = true;
    if (ticking) return ticking;
    ticking = (async () => {
      while ((wantFull || wantClaims) && !stopped) {
        await yieldToEventLoop();
        if (stopped) break;
        const doFull = wantFull;
        wantFull = false;
        wantClaims = false;
        try {
          await (doFull ? pass() : claimRefreshes());
        } catch (err) {
          deps.log.error({ err }, 'token worker pass failed; retrying next tick');
          return;
        }
      }
    })().finally(() => {
      ticking = undefined;
    });
    return ticking;
  }

  return {
    get inFlight() {
      return running.size + finishing.size;
    },
    async tick(options = {}) {
      await runTick(true);
      if (options.settle) {
        while (running.size > 0 || finishing.size > 0 || ticking) {
          await Promise.allSettled([...running.values(), ...finishing]);
          if (ticking) await ticking;
        }
      }
    },
    async stop() {
      stopped = true;
      if (ticking) await ticking.catch(() => {});
      await releaseClaimed();
      await Promise.race([Promise.allSettled([...running.values(), ...finishing]), realSleep(STOP_GRACE_MS)]);
    },
  };
}
