/**
 * The three requests a deployment answers all day — `GET /healthz`, a cached token read and a
 * remembered Companion token-server id — answered by the HTTP server before Fastify sees them.
 *
 * Why by hand: Fastify's per-request work (request and reply objects, the router, the hook chain, the
 * log controller) was what kept these routes at 64–79 % of a bare Fastify route, most of it spent on
 * requests whose answer was already in memory (bench/README.md). Here such a request costs a lookup
 * and one write of precomputed headers. The hot path answers only what it can answer exactly as the
 * route would — the same status, headers and body; src/http/hot-routes.test.ts compares them — and
 * hands everything else to Fastify untouched, having done nothing: a HEAD, a query or body it does
 * not expect, a forwarded address, a credential it must look up, a token not cached or due for a
 * refresh, any refusal, a server closing (Fastify's 503) and debug logging (which logs every request).
 * The routes themselves stay registered: they document the API and answer all of that.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Runtime } from '../runtime.ts';
import { TOKEN_SERVER_PATH } from '../consumers/token-server.ts';
import type { Consumer } from '../consumers/consumer.ts';

/** Answers a request and says true, or says false having touched neither the request nor the response. */
export type HotRoutes = (req: IncomingMessage, res: ServerResponse) => boolean;

const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';
const HEALTHY = Buffer.from('{"status":"ok"}');

const TOKEN_PREFIX = '/internal/integrations/';
const TOKEN_SUFFIX = '/token';
/** An integration id as Bifrost makes them (int_ and URL-safe characters): anything else is the route's to answer. */
const INTEGRATION_ID = /^int_[A-Za-z0-9_-]{1,196}$/;
const TOKEN_SERVER_QUERY = `${TOKEN_SERVER_PATH}?id=`;
/** Distinct body lengths remembered per content type (a few per platform's token shape in practice). */
const MAX_HEADS = 256;

export interface HotRoutesOptions {
  /** The headers every API answer carries (security headers and Cache-Control), as the reply sets them. */
  headers: Readonly<Record<string, string>>;
  /** Whether X-Forwarded-For is honoured (trusted proxies): a forwarded request's address is then Fastify's to work out. */
  trustProxy: boolean;
  /** Whether the server is closing: Fastify answers 503 then. */
  closing: () => boolean;
}

export function createHotRoutes(rt: Runtime, options: HotRoutesOptions): HotRoutes {
  const { consumers, log } = rt;
  // The whole head of an answer, per content type and body length, built once: answers of one kind
  // differ only in their length, and a new headers object per answer showed in the profile.
  const heads = (type: string): ((length: number) => Record<string, string>) => {
    const byLength = new Map<number, Record<string, string>>();
    return (length) => {
      let head = byLength.get(length);
      if (!head) {
        if (byLength.size >= MAX_HEADS) byLength.clear();
        head = { ...options.headers, 'content-type': type, 'content-length': String(length) };
        byLength.set(length, head);
      }
      return head;
    };
  };
  const jsonHead = heads(JSON_TYPE);
  const textHead = heads(TEXT_TYPE);

  const send = (res: ServerResponse, head: (length: number) => Record<string, string>, body: Buffer | string): true => {
    res.writeHead(200, head(typeof body === 'string' ? Buffer.byteLength(body) : body.length));
    res.end(body);
    return true;
  };

  /** The consumer of a request when known at once; a lookup or a refusal is the route's. */
  const consumerNow = (req: IncomingMessage): Consumer | undefined => {
    try {
      const found = consumers.authenticate(req.headers);
      if (!(found instanceof Promise)) return found;
      // Fastify authenticates again and shares this lookup (single-flight); its failure is answered there.
      found.catch(() => {});
    } catch {
      // The route answers the 401.
    }
    return undefined;
  };

  return (req, res) => {
    const url = req.url;
    if (url === undefined || !plain(req, options.trustProxy) || options.closing() || log.isLevelEnabled('debug')) return false;
    if (req.method === 'GET') {
      if (url === '/healthz') return send(res, jsonHead, HEALTHY);
      if (url.startsWith(TOKEN_SERVER_QUERY)) {
        const token = consumers.tokenServerNow(url.slice(TOKEN_SERVER_QUERY.length), addressOf(req));
        return token !== undefined && send(res, textHead, token);
      }
      return false;
    }
    if (req.method === 'POST' && url.startsWith(TOKEN_PREFIX) && url.endsWith(TOKEN_SUFFIX)) {
      const id = url.slice(TOKEN_PREFIX.length, url.length - TOKEN_SUFFIX.length);
      if (!INTEGRATION_ID.test(id)) return false;
      const consumer = consumerNow(req);
      const answer = consumer && consumers.tokenNow(consumer, id, addressOf(req));
      return answer !== undefined && send(res, jsonHead, consumers.tokenJson(answer));
    }
    return false;
  };
}

/**
 * A request without a body (Fastify would parse one, or refuse its type) and, when proxies are
 * trusted, without X-Forwarded-For: Fastify's request.ip is then the peer's address, as here.
 */
function plain(req: IncomingMessage, trustProxy: boolean): boolean {
  const h = req.headers;
  if (h['transfer-encoding'] !== undefined || h['content-type'] !== undefined || h.expect !== undefined) return false;
  if (h['content-length'] !== undefined && h['content-length'] !== '0') return false;
  return !trustProxy || h['x-forwarded-for'] === undefined;
}

function addressOf(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? '';
}
