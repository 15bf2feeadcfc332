/**
 * The baselines, one per process: BARE=fastify answers `POST /bare` with a fixed JSON body through a
 * Fastify instance with nothing else; BARE=node does the same with bare node:http (it shows the load
 * generator is not the bottleneck: it must far outrun the Fastify baseline); BARE=fastify-headers is
 * bare Fastify sending the headers every Bifrost JSON answer carries (security headers, no-store), set
 * the cheapest way, to show what those headers cost alone; BARE=node-headers is bare node:http sending
 * them, the floor of Bifrost's hot path (src/http/hot-routes.ts); BARE=proxy is bare Fastify making one
 * call upstream per request (BARE_UPSTREAM, with BARE_UPSTREAM_AUTH and BARE_UPSTREAM_BODY) over a
 * kept-alive node:http agent before answering, the floor of any route that calls a platform.
 * BARE_BODY is the answer.
 */
import { Agent, createServer, request } from 'node:http';
import Fastify from 'fastify';
import { baseHeaders, securityHeaders } from '../../src/http/security-headers.ts';

const body = process.env.BARE_BODY ?? '{"ok":true}';
const parsed: unknown = JSON.parse(body);
const bifrostHeaders = baseHeaders(securityHeaders({ https: false }));

if (process.env.BARE === 'node' || process.env.BARE === 'node-headers') {
  const extra = process.env.BARE === 'node-headers' ? bifrostHeaders : {};
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { ...extra, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    process.stdout.write(`READY ${JSON.stringify({ url: `http://127.0.0.1:${port}/bare` })}\n`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
} else {
  const app = Fastify({ logger: false });
  if (process.env.BARE === 'fastify-headers') {
    app.addHook('onRequest', (_request, reply, done) => {
      reply.headers(bifrostHeaders);
      done();
    });
  }
  if (process.env.BARE === 'proxy') {
    const agent = new Agent({ keepAlive: true });
    const upstream = new URL(process.env.BARE_UPSTREAM!);
    const payload = process.env.BARE_UPSTREAM_BODY ?? '{}';
    const call = () =>
      new Promise<void>((resolve, reject) => {
        const req = request(upstream, { method: 'POST', agent, headers: { authorization: process.env.BARE_UPSTREAM_AUTH ?? '', 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`upstream answered ${res.statusCode}`))));
        });
        req.on('error', reject);
        req.end(payload);
      });
    app.post('/bare', async () => {
      await call();
      return parsed;
    });
  } else {
    app.post('/bare', async () => parsed);
    app.get('/bare', async () => parsed);
  }
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`READY ${JSON.stringify({ url: `${url}/bare` })}\n`);
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}
