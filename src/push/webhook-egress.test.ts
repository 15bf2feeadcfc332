/** Webhooks and the egress policy: refused URLs at creation (any spelling), and deliveries that connect to the checked address only. */
import { callerOf } from '../../test/support/callers.ts';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { memberSession } from '../../test/support/auth.ts';
import { buildApp } from '../http/app.ts';
import { prefixedId } from '../crypto/random.ts';
import type { Lookup } from '../net/egress.ts';
import { createWebhook } from './webhooks.ts';
import { enqueueDeliveries } from './webhook-outbox.ts';
import type { TokenEventBody } from './events.ts';
import { ManualClock } from '../clock.ts';


/** A resolver playing DNS: each name answers its list of answers in turn, the last one from then on; no answers is NXDOMAIN. */
function scriptedDns(): { lookup: Lookup; script: (host: string, ...answers: string[][]) => void; calls: string[] } {
  const scripts = new Map<string, string[][]>();
  const calls: string[] = [];
  return {
    calls,
    script: (host, ...answers) => scripts.set(host, answers),
    lookup: async (host) => {
      calls.push(host);
      const answers = scripts.get(host);
      if (!answers || answers.length === 0) throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
      return answers.length > 1 ? answers.shift()! : answers[0]!;
    },
  };
}

async function account(rt: TestRuntime): Promise<string> {
  const id = prefixedId('acc');
  await rt.store.db.insertInto('accounts').values({ id, name: id, created_at: rt.clock.now(), updated_at: rt.clock.now() }).execute();
  return id;
}

describe('creating a webhook', () => {
  let rt: TestRuntime;
  let accountId: string;
  const dns = scriptedDns();

  beforeAll(async () => {
    rt = await testRuntime({ overrides: { egress: { allow: [] } }, egressSeams: { lookup: dns.lookup, interfaces: () => [] } });
    accountId = await account(rt);
    dns.script('metadata.google.internal', ['169.254.169.254']);
    dns.script('instance-data.ec2.internal', ['fd00:ec2::254']);
    dns.script('intranet.example.com', ['93.184.215.14', '10.0.0.8']);
    dns.script('hooks.example.com', ['93.184.215.14']);
  });
  afterAll(async () => rt?.close());

  const create = (url: string) => createWebhook(rt, callerOf(accountId), { url, events: ['token.refreshed'] });
  const loopback = 'a loopback address; webhooks may not target it unless an instance admin allows it in [egress] allow';

  it.each([
    ['http://2130706433/hook', `url: is 127.0.0.1, ${loopback}`],
    ['http://0x7f.1/hook', `url: is 127.0.0.1, ${loopback}`],
    ['http://017700000001/hook', `url: is 127.0.0.1, ${loopback}`],
    ['http://127.1/hook', `url: is 127.0.0.1, ${loopback}`],
    ['http://[::ffff:7f00:1]/hook', `url: is ::ffff:7f00:1 (127.0.0.1), ${loopback}`],
    ['http://[::1]:9000/hook', `url: is ::1, ${loopback}`],
    ['http://[::]/hook', 'url: is ::, an unspecified address; webhooks may not target it'],
    ['http://0.0.0.0/hook', 'url: is 0.0.0.0, an unspecified address; webhooks may not target it'],
    ['http://169.254.169.254/latest/meta-data/', 'url: is 169.254.169.254, a link-local address; webhooks may not target it'],
    ['http://[::ffff:169.254.169.254]/', 'url: is ::ffff:a9fe:a9fe (169.254.169.254), a link-local address; webhooks may not target it'],
    ['http://[fd00:ec2::254]/latest/meta-data/', 'url: is fd00:ec2::254, a cloud metadata address; webhooks may not target it'],
    ['http://metadata.google.internal/computeMetadata/v1/', 'url: resolves to 169.254.169.254, a link-local address; webhooks may not target it'],
    ['https://instance-data.ec2.internal/', 'url: resolves to fd00:ec2::254, a cloud metadata address; webhooks may not target it'],
    ['https://intranet.example.com/', 'url: resolves to 10.0.0.8, a private-network address; webhooks may not target it unless an instance admin allows it in [egress] allow'],
    ['http://192.168.1.1/', 'url: is 192.168.1.1, a private-network address; webhooks may not target it unless an instance admin allows it in [egress] allow'],
    ['http://100.64.0.1/', 'url: is 100.64.0.1, a carrier-grade NAT address (100.64.0.0/10); webhooks may not target it unless an instance admin allows it in [egress] allow'],
  ])('refuses %s with a 400 naming url, and stores nothing', async (url, message) => {
    await expect(create(url)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message, details: { field: 'url' } });
    const stored = await rt.store.db.selectFrom('webhooks').select('id').where('account_id', '=', accountId).execute();
    expect(stored).toEqual([]);
  });

  it('accepts a public target, and a name that does not resolve yet (every delivery checks again)', async () => {
    expect((await create('https://hooks.example.com/bifrost')).url).toBe('https://hooks.example.com/bifrost');
    expect((await create('https://not-yet.example.com/bifrost')).url).toBe('https://not-yet.example.com/bifrost');
  });

  it('answers the refusal through REST as a 400', async () => {
    const app = await buildApp(rt);
    try {
      const owner = await memberSession(app, rt, { role: 'owner' });
      const res = await app.inject({ method: 'POST', url: '/v1/webhooks', headers: owner.headers, payload: { url: 'http://0251.0376.0251.0376/', events: ['token.refreshed'] } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'url: is 169.254.169.254, a link-local address; webhooks may not target it', details: { field: 'url' } });
    } finally {
      await app.close();
    }
  });
});

describe('[egress] allow for webhooks', () => {
  it("opens the listed ranges, stores the URL in its one spelling, and never opens Bifrost's own address", async () => {
    const rt = await testRuntime({ overrides: { egress: { allow: ['127.0.0.0/8'] } } });
    try {
      const accountId = await account(rt);
      const hook = await createWebhook(rt, callerOf(accountId), { url: 'http://2130706433:9000/hook', events: ['token.refreshed'] });
      expect(hook.url).toBe('http://127.0.0.1:9000/hook');
      await expect(createWebhook(rt, callerOf(accountId), { url: 'http://10.0.0.1/hook', events: ['token.refreshed'] })).rejects.toMatchObject({ details: { field: 'url' } });
      await expect(createWebhook(rt, callerOf(accountId), { url: 'http://127.0.0.1:8080/v1/tokens', events: ['token.refreshed'] })).rejects.toMatchObject({
        message: "url: is 127.0.0.1:8080, Bifrost's own listen address; webhooks may not target it",
      });
    } finally {
      await rt.close();
    }
  });
});

interface Received {
  host: string | undefined;
  path: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
}

async function listener(address: string, port = 0): Promise<{ server: Server; port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ host: req.headers.host, path: req.url, headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, address, resolve));
  return { server, port: (server.address() as AddressInfo).port, received };
}

describe('delivering a webhook', () => {
  let rt: TestRuntime;
  let accountId: string;
  const dns = scriptedDns();
  // Two listeners on one port: 127.0.0.2 is the target the admin allowed, 127.0.0.1 what a rebinding DNS answer points at.
  let allowed: Awaited<ReturnType<typeof listener>>;
  let loopback: Awaited<ReturnType<typeof listener>>;
  const clock = new ManualClock(Date.UTC(2026, 0, 1));

  beforeAll(async () => {
    // The smallest jitter draw: the retry delay is the backoff floor.
    rt = await testRuntime({ clock, overrides: { egress: { allow: ['127.0.0.2/32'] }, webhooks: { timeout: '1s' } }, egressSeams: { lookup: dns.lookup, interfaces: () => [] }, seams: { random: () => 0 } });
    accountId = await account(rt);
    allowed = await listener('127.0.0.2');
    loopback = await listener('127.0.0.1', allowed.port);
  });
  afterAll(async () => {
    for (const l of [allowed, loopback]) await new Promise<void>((resolve) => l?.server.close(() => resolve()));
    await rt?.close();
  });

  const event = (): TokenEventBody => ({ id: prefixedId('evt'), type: 'token.refreshed', created_at: new Date().toISOString(), integration_id: 'int_x', platform: 'twitch', data: {} });

  /** Enqueues one event and runs one delivery round to completion; returns the webhook's delivery rows. */
  async function deliverOnce(webhookId: string) {
    await enqueueDeliveries(rt, accountId, event());
    const work: Promise<unknown>[] = [];
    await rt.push.deliverDueWebhooks((_id, run) => work.push(run()), 10);
    await Promise.all(work);
    return rt.store.db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId).orderBy('created_at').execute();
  }

  it('connects to the checked address, with the Host header of the URL, even when the next lookup would say 127.0.0.1', async () => {
    // Creation and the delivery's own check see 127.0.0.2; any later lookup would answer 127.0.0.1.
    dns.script('hooks.rebind.test', ['127.0.0.2'], ['127.0.0.2'], ['127.0.0.1']);
    const hook = await createWebhook(rt, callerOf(accountId), { url: `http://hooks.rebind.test:${allowed.port}/in`, events: ['token.refreshed'] });
    dns.calls.length = 0;
    const [row] = await deliverOnce(hook.id);
    expect(row).toMatchObject({ state: 'delivered', attempts: 1, last_status: 204, last_error: null });
    expect(allowed.received).toHaveLength(1);
    expect(allowed.received[0]).toMatchObject({ host: `hooks.rebind.test:${allowed.port}`, path: '/in' });
    expect(allowed.received[0]!.headers['x-bifrost-event']).toBe('token.refreshed');
    expect(JSON.parse(allowed.received[0]!.body)).toMatchObject({ type: 'token.refreshed' });
    expect(loopback.received).toHaveLength(0);
    // One lookup for the check; the connection asked nobody.
    expect(dns.calls).toEqual(['hooks.rebind.test']);
  });

  it('refuses a delivery once the name points at a refused address: a failed attempt with the reason, retried later, never sent', async () => {
    // hooks.rebind.test now answers 127.0.0.1 (scripted above): the next delivery is refused.
    const hook = await rt.store.db.selectFrom('webhooks').select('id').where('account_id', '=', accountId).executeTakeFirstOrThrow();
    const [, second] = await deliverOnce(hook.id);
    expect(second).toMatchObject({
      state: 'pending',
      attempts: 1,
      last_status: null,
      last_error: 'refused by the egress policy: hooks.rebind.test resolves to 127.0.0.1, a loopback address; webhooks may not target it unless an instance admin allows it in [egress] allow',
    });
    // Backoff, not a tight loop: even the smallest jitter draw waits the 1 s floor (10 s base, up to 1 h).
    expect(Number(second!.next_attempt_at) - clock.now()).toBe(1000);
    expect(loopback.received).toHaveLength(0);
    expect(allowed.received).toHaveLength(1);
  });

  it('a name whose first answer is public and later answers loopback never reaches the loopback listener', async () => {
    dns.script('public.rebind.test', ['203.0.113.10'], ['203.0.113.10'], ['127.0.0.1']);
    const hook = await createWebhook(rt, callerOf(accountId), { url: `http://public.rebind.test:${allowed.port}/in`, events: ['token.refreshed'] });
    const [row] = await deliverOnce(hook.id);
    // 203.0.113.10 (a documentation address) is unreachable here: the attempt fails, and nothing went to 127.0.0.1.
    expect(row).toMatchObject({ state: 'pending', attempts: 1, last_status: null });
    expect(['timeout', 'network error']).toContain(row!.last_error);
    expect(loopback.received).toHaveLength(0);
  });

  it('records a name that stopped resolving as a failed attempt', async () => {
    dns.script('gone.rebind.test', ['127.0.0.2']);
    const hook = await createWebhook(rt, callerOf(accountId), { url: `http://gone.rebind.test:${allowed.port}/in`, events: ['token.refreshed'] });
    dns.script('gone.rebind.test');
    const [row] = await deliverOnce(hook.id);
    expect(row).toMatchObject({ state: 'pending', attempts: 1, last_status: null, last_error: 'host gone.rebind.test does not resolve' });
  });
});
