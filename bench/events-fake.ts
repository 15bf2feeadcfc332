/**
 * The platform side of `npm run bench:events`, alone in its process: Twitch's EventSub fake (its
 * WebSocket and Helix subscriptions) with a channel grant minted on it, and a control route that
 * emits chat messages at a chosen rate, each carrying the time it was sent (epoch ms with
 * fractions) so consumers can measure the delay to their receipt.
 */
import { createServer } from 'node:http';
import { startFakeEventSub } from '../src/platforms/twitch/fake-eventsub.ts';
import { mintGrant } from '../test/support/token-seed.ts';

const SCOPES = ['user:read:chat', 'moderator:read:followers', 'channel:read:subscriptions', 'bits:read', 'channel:read:redemptions', 'moderator:manage:banned_users'];
const fake = await startFakeEventSub({ keepaliveSeconds: 30 });
const channel = mintGrant(fake.auth, fake.auth.users[0]!.id, SCOPES);
const wallMs = () => performance.timeOrigin + performance.now();

/** Emits `count` chat messages at `rate` per second (0: as fast as possible, yielding now and then). */
async function burst(count: number, rate: number): Promise<void> {
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    if (rate > 0) {
      const due = start + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    } else if (i % 200 === 0) await new Promise((r) => setImmediate(r));
    fake.eventSub.emit('chat.message', { text: `t=${wallMs()}` });
  }
}

const control = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname === '/subscriptions') {
    res.end(JSON.stringify({ count: [...fake.eventSub.subscriptions.values()].filter((s) => s.type === 'channel.chat.message' && s.status === 'enabled').length }));
    return;
  }
  const count = Number(url.searchParams.get('count') ?? 1000);
  const rate = Number(url.searchParams.get('rate') ?? 0);
  void burst(count, rate).then(() => res.end(JSON.stringify({ sent: count })));
});
control.listen(0, '127.0.0.1', () => {
  const port = (control.address() as { port: number }).port;
  process.stdout.write(`READY ${JSON.stringify({ baseUrls: fake.baseUrls, credentials: fake.auth.credentials, channel, control: `http://127.0.0.1:${port}` })}\n`);
});
process.on('SIGTERM', () => void fake.close().then(() => process.exit(0)));
