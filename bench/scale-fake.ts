/**
 * The token endpoint of `npm run bench:scale`, alone in its process: answers every refresh_token
 * grant with a new token pair after BENCH_LATENCY_MS (100 ms), as a platform far away would. It
 * accepts any refresh token (the platform fakes of src/platforms refuse tokens they did not issue, and
 * 100,000 seeded rows were never issued by them), so it measures Bifrost's refresh path, not a fake's
 * bookkeeping. GET /stats answers how many grants it served and the most it held at once.
 */
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 100);
const SCOPE = process.env.BENCH_SCOPE ?? '';
let served = 0;
let open = 0;
let peak = 0;

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/stats') {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ served, peak }));
    return;
  }
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    const form = new URLSearchParams(body);
    if (req.method !== 'POST' || !req.url?.startsWith('/oauth/token') || form.get('grant_type') !== 'refresh_token' || !form.get('refresh_token')) {
      res.statusCode = 400;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ error: 'invalid_request' }));
      return;
    }
    open++;
    peak = Math.max(peak, open);
    setTimeout(() => {
      open--;
      served++;
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          access_token: randomBytes(20).toString('hex'),
          refresh_token: randomBytes(24).toString('hex'),
          expires_in: 14_400,
          token_type: 'Bearer',
          scope: SCOPE,
        }),
      );
    }, LATENCY_MS);
  });
});

server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  process.stdout.write(`READY ${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
