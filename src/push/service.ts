/**
 * The push capability of one runtime (`rt.push`): the SSE hub with its open streams, and webhook
 * delivery as this instance (its lease owner id and retry jitter). Emitting events, the webhooks
 * themselves and pruning hold no state: they are functions of events.ts, webhooks.ts and
 * webhook-delivery.ts taking Deps.
 */
import type { Deps } from '../deps.ts';
import { createEventStreams, type EventStreams } from './event-stream.ts';
import { deliverDueWebhooks, type Track } from './webhook-delivery.ts';

export interface PushService {
  readonly streams: EventStreams;
  /** Claims up to `limit` due webhook deliveries and starts them through `track` (the worker's task list). */
  deliverDueWebhooks(track: Track, limit: number): Promise<number>;
}

export interface PushSeams {
  /** This instance's lease owner id (written on claimed deliveries). */
  owner: string;
  /** Uniform [0,1) randomness for retry jitter (tests make it deterministic). */
  random?: () => number;
}

export function createPushService(deps: Deps, seams: PushSeams): PushService {
  const delivery = { ...deps, owner: seams.owner, random: seams.random ?? Math.random };
  return {
    streams: createEventStreams(deps),
    deliverDueWebhooks: (track, limit) => deliverDueWebhooks(delivery, track, limit),
  };
}
