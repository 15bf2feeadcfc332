/**
 * One HTTP(S) request to a destination the egress policy checked, connecting to the checked address
 * (the socket's lookup answers it) while the Host header and the TLS server name stay the URL's host.
 * No redirects are followed, no connection is reused, the response body is discarded unread.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { EgressTarget } from './egress.ts';

export interface PinnedRequest {
  method: string;
  url: URL;
  target: EgressTarget;
  headers: Record<string, string>;
  body?: string;
  /** Ends the request (connect, send, response head) when it aborts. */
  signal: AbortSignal;
}

export interface PinnedResponse {
  status: number;
  headers: IncomingHttpHeaders;
}

/** A lookup that answers the checked address whatever it is asked, in either calling convention. */
function pinnedLookup(target: EgressTarget): LookupFunction {
  return (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as (err: null, addresses: { address: string; family: number }[]) => void)(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
}

export function pinnedRequest(req: PinnedRequest): Promise<PinnedResponse> {
  const send = req.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<PinnedResponse>((resolve, reject) => {
    const client = send(req.url, {
      method: req.method,
      headers: req.headers,
      lookup: pinnedLookup(req.target),
      // A pooled socket could have been opened to an address checked for another request.
      agent: false,
      signal: req.signal,
    });
    client.once('response', (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
      client.destroy();
    });
    client.once('error', (err) => reject(req.signal.aborted ? req.signal.reason : err));
    client.end(req.body);
  });
}
