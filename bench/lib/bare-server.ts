/**
 * The baselines, one per process: BARE=fastify answers `POST /bare` with a fixed JSON body through a
 * Fastify instance with nothing else; BARE=node does the same with bare node:http (it shows the load
 * generator is not the bottleneck: it must far outrun the Fastify baseline); BARE=fastify-headers is
 * bare Fastify sending the headers every Bifrost JSON answer carries (security headers, no-store), set
 * the cheapest way, to show what those headers cost alone. BARE_BODY is the answer.
 */
import { createServer } from 'node:http';
import Fastify from 'fastify';
import { securityHeaders } from '../../src/http/security-headers.ts';

const body = process.env.BARE_BODY ?? '{"ok":true}';
const parsed: unknown = JSON.parse(body);

if (process.env.BARE === 'node') {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
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
    const headers = { ...Object.fromEntries(securityHeaders({ https: false }).all), 'cache-control': 'no-store' };
    app.addHook('onRequest', (_request, reply, done) => {
      reply.headers(headers);
      done();
    });
  }
  app.post('/bare', async () => parsed);
  app.get('/bare', async () => parsed);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`READY ${JSON.stringify({ url: `${url}/bare` })}\n`);
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}
