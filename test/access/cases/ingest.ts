/** Access cases of the webhook ingest routes: public (the platform signs each delivery); an unsigned one is refused. */
import type { AccessCase } from '../types.ts';

export const cases: AccessCase[] = [
  {
    method: 'POST',
    url: '/v1/ingest/kick',
    access: { public: true },
    // No Kick-Event-* headers: refused before anything is read or stored.
    status: 401,
    isolation: 'none',
    setup: async () => ({ body: {} }),
  },
];
