/** Fault injection for the fakes: forced statuses, 429 with Retry-After, garbage bodies, dropped connections. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FakeAuthServer } from './auth-server.ts';
import type { FakeEndpoint, FakeKnobs, GarbageKind } from './types.ts';

export type Fault = { kind: 'drop' } | { kind: 'status'; status: number } | { kind: 'rate_limit'; retryAfter: string } | { kind: 'garbage'; garbage: GarbageKind };

/** The fault to play on this call, if any (consumes one of `faultTimes`). */
export function takeFault(server: FakeAuthServer<FakeKnobs>, endpoint: FakeEndpoint): Fault | undefined {
  const k = server.knobs;
  if (!k.faultEndpoints.includes(endpoint)) return undefined;
  let fault: Fault | undefined;
  if (k.dropConnection) fault = { kind: 'drop' };
  else if (k.forceStatus !== null) fault = { kind: 'status', status: k.forceStatus };
  else if (k.rateLimit !== null) fault = { kind: 'rate_limit', retryAfter: k.rateLimit.retryAfter };
  else if (k.garbage !== null) fault = { kind: 'garbage', garbage: k.garbage };
  if (!fault) return undefined;
  server.counters.faultsInjected++;
  if (k.faultTimes !== null) {
    k.faultTimes -= 1;
    if (k.faultTimes <= 0) {
      k.dropConnection = false;
      k.forceStatus = null;
      k.rateLimit = null;
      k.garbage = null;
      k.faultTimes = null;
    }
  }
  return fault;
}

const GARBAGE: Record<GarbageKind, { type: string; body: string }> = {
  html: { type: 'text/html; charset=utf-8', body: '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>' },
  truncated_json: { type: 'application/json', body: '{"access_token":"4xq9v2m7c1k8f3","expires_in":36' },
  empty: { type: 'application/json', body: '' },
  wrong_types: { type: 'application/json', body: '{"access_token":12345,"expires_in":"soon","refresh_token":false,"scope":7}' },
  missing_access_token: { type: 'application/json', body: '{"token_type":"bearer","expires_in":3600}' },
  array: { type: 'application/json', body: '[]' },
};

/** Closes the connection without an HTTP answer (the client sees a reset). */
export function dropConnection(server: FakeAuthServer<FakeKnobs>, request: FastifyRequest, reply: FastifyReply, endpoint: FakeEndpoint, grantType?: string): FastifyReply {
  server.counters.droppedResponses++;
  server.log({ endpoint, grantType, status: 'dropped' });
  reply.hijack();
  const socket = request.raw.socket as { destroy?: () => void } | undefined;
  // Under app.inject() the socket is a stand-in without destroy(): destroy the response instead.
  if (typeof socket?.destroy === 'function') socket.destroy();
  else reply.raw.destroy();
  return reply;
}

/**
 * Plays a fault. `errorBody` gives the platform's own JSON for a status (its 5xx/429 shape).
 * Returns the reply (already sent or hijacked).
 */
export function playFault(
  server: FakeAuthServer<FakeKnobs>,
  fault: Fault,
  request: FastifyRequest,
  reply: FastifyReply,
  endpoint: FakeEndpoint,
  errorBody: (status: number) => unknown,
  grantType?: string,
): FastifyReply {
  if (fault.kind === 'drop') return dropConnection(server, request, reply, endpoint, grantType);
  if (fault.kind === 'garbage') {
    const g = GARBAGE[fault.garbage];
    server.log({ endpoint, grantType, status: 200 });
    return reply.code(200).type(g.type).send(g.body);
  }
  const status = fault.kind === 'status' ? fault.status : 429;
  if (fault.kind === 'rate_limit') reply.header('retry-after', fault.retryAfter);
  server.log({ endpoint, grantType, status });
  return reply.code(status).type('application/json').send(JSON.stringify(errorBody(status)));
}
