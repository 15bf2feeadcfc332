/**
 * The consumers of `npm run bench:events`, in their own process: BENCH_CONSUMERS (10) WebSocket
 * clients of one event stream. Each message's chat text carries the time the fake sent it; a control
 * route resets the counters and answers, once every client has the expected number of events, the
 * last receipt time and the p50/p99 delay from the fake's send to a client's receipt.
 */
import { createServer } from 'node:http';
import WebSocket from 'ws';

const url = process.env.BENCH_WS!;
const headers = JSON.parse(process.env.BENCH_HEADERS ?? '{}') as Record<string, string>;
const n = Number(process.env.BENCH_CONSUMERS ?? 10);
const wallMs = () => performance.timeOrigin + performance.now();

let counts = new Array<number>(n).fill(0);
let delays: number[] = [];
let lastAt = 0;

function sentAt(raw: string): number | undefined {
  const m = /"t=([\d.]+)"/.exec(raw);
  return m ? Number(m[1]) : undefined;
}

const clients = await Promise.all(
  Array.from({ length: n }, (_, i) =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      ws.on('open', () => resolve(ws));
      ws.on('error', reject);
      ws.on('message', (data) => {
        const now = wallMs();
        const sent = sentAt(data.toString());
        if (sent === undefined) return;
        counts[i]!++;
        delays.push(now - sent);
        lastAt = now;
      });
    }),
  ),
);

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

const control = createServer((req, res) => {
  const q = new URL(req.url ?? '/', 'http://x');
  if (q.pathname === '/reset') {
    counts = new Array<number>(n).fill(0);
    delays = [];
    lastAt = 0;
    res.end('{}');
    return;
  }
  const expect = Number(q.searchParams.get('expect'));
  const deadline = Date.now() + Number(q.searchParams.get('timeout_ms') ?? 120_000);
  const check = () => {
    if (counts.every((c) => c >= expect) || Date.now() > deadline) {
      const sorted = [...delays].sort((a, b) => a - b);
      res.end(JSON.stringify({ counts, lastAt, p50: pct(sorted, 50), p99: pct(sorted, 99), complete: counts.every((c) => c >= expect) }));
    } else setTimeout(check, 20);
  };
  check();
});
control.listen(0, '127.0.0.1', () => {
  process.stdout.write(`READY ${JSON.stringify({ control: `http://127.0.0.1:${(control.address() as { port: number }).port}` })}\n`);
});
process.on('SIGTERM', () => {
  for (const c of clients) c.close();
  control.close(() => process.exit(0));
});
