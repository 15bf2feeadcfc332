/** The egress policy on its own: spellings, address classes per kind, `[egress] allow`, Bifrost's own listeners, the resolver seam. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.ts';
import { createEgressPolicy, EgressError, type EgressKind, type Lookup } from './egress.ts';
import { classifyAddress } from './address-class.ts';
import { normaliseHost } from './host.ts';

const config = (overrides: Record<string, unknown> = {}) => loadConfig({ env: {}, overrides });
/** A resolver that knows a few names; everything else does not resolve. */
const dns = (table: Record<string, string[]>): Lookup => async (host) => {
  const answer = table[host];
  if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return answer;
};
const noInterfaces = () => [] as string[];

async function outcome(policy: ReturnType<typeof createEgressPolicy>, kind: EgressKind, host: string, port = 443): Promise<string> {
  try {
    const t = await policy.check(kind, host, port);
    return `ok ${t.address}`;
  } catch (err) {
    if (err instanceof EgressError) return `${err.reason}: ${err.message}`;
    throw err;
  }
}

describe('host spellings', () => {
  it.each([
    ['2130706433', '127.0.0.1'],
    ['0x7f.1', '127.0.0.1'],
    ['0x7f.0.0.1', '127.0.0.1'],
    ['017700000001', '127.0.0.1'],
    ['127.1', '127.0.0.1'],
    ['0251.0376.0251.0376', '169.254.169.254'],
    ['0xa9fea9fe', '169.254.169.254'],
    ['[::ffff:7f00:1]', '::ffff:7f00:1'],
    ['::ffff:127.0.0.1', '::ffff:7f00:1'],
    ['[::]', '::'],
    ['[FD00:EC2:0::254]', 'fd00:ec2::254'],
    ['Stream-PC.LAN', 'stream-pc.lan'],
  ])('%s is %s', (input, normal) => {
    expect(normaliseHost(input)).toBe(normal);
  });

  it.each(['host:80', '1.2.3.4.5', 'pc.1', '[::1', '[pc.lan]', 'a b', 'x/y', 'user@host', ''])('%j is not a bare host', (input) => {
    expect(normaliseHost(input)).toBeUndefined();
  });

  it('judges IPv4 carried in IPv6 (mapped, SIIT, NAT64, 6to4, compatible) as that IPv4 address', () => {
    for (const mapped of ['::ffff:169.254.169.254', '::ffff:0:a9fe:a9fe', '64:ff9b::a9fe:a9fe', '64:ff9b:1::a9fe:a9fe', '2002:a9fe:a9fe::1', '::a9fe:a9fe']) {
      expect(classifyAddress(mapped), mapped).toMatchObject({ carried: '169.254.169.254', class: 'link-local' });
    }
    expect(classifyAddress('64:ff9b::7f00:1')).toMatchObject({ carried: '127.0.0.1', class: 'loopback' });
    expect(classifyAddress('64:ff9b::808:808')).toMatchObject({ carried: '8.8.8.8', class: 'public' });
    expect(classifyAddress('::1')).toEqual({ address: '::1', class: 'loopback' });
    expect(classifyAddress('::')).toEqual({ address: '::', class: 'unspecified' });
  });
});

describe('webhooks', () => {
  const policy = createEgressPolicy(config(), {
    interfaces: noInterfaces,
    lookup: dns({
      'hooks.example.com': ['93.184.215.14'],
      'metadata.google.internal': ['169.254.169.254'],
      'instance-data.ec2.internal': ['fd00:ec2::254'],
      'half.example.com': ['93.184.215.14', '10.0.0.7'],
      'v6.example.com': ['2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
    }),
  });

  it('reach public addresses, literal or by name', async () => {
    expect(await outcome(policy, 'webhook', 'hooks.example.com')).toBe('ok 93.184.215.14');
    expect(await outcome(policy, 'webhook', '93.184.215.14')).toBe('ok 93.184.215.14');
    expect(await outcome(policy, 'webhook', 'v6.example.com')).toBe('ok 2606:2800:21f:cb07:6820:80da:af6b:8b2c');
  });

  it.each([
    ['2130706433', 'refused: is 127.0.0.1, a loopback address; webhooks may not target it unless an instance admin allows it in [egress] allow'],
    ['0x7f.1', 'refused: is 127.0.0.1, a loopback address; webhooks may not target it unless an instance admin allows it in [egress] allow'],
    ['017700000001', 'refused: is 127.0.0.1, a loopback address; webhooks may not target it unless an instance admin allows it in [egress] allow'],
    ['127.1', 'refused: is 127.0.0.1, a loopback address; webhooks may not target it unless an instance admin allows it in [egress] allow'],
    ['[::ffff:7f00:1]', 'refused: is ::ffff:7f00:1 (127.0.0.1), a loopback address; webhooks may not target it unless an instance admin allows it in [egress] allow'],
    ['[::1]', 'refused: is ::1, a loopback address; webhooks may not target it unless an instance admin allows it in [egress] allow'],
    ['[::]', 'refused: is ::, an unspecified address; webhooks may not target it'],
    ['0.0.0.0', 'refused: is 0.0.0.0, an unspecified address; webhooks may not target it'],
    ['169.254.169.254', 'refused: is 169.254.169.254, a link-local address; webhooks may not target it'],
    ['[::ffff:169.254.169.254]', 'refused: is ::ffff:a9fe:a9fe (169.254.169.254), a link-local address; webhooks may not target it'],
    ['[64:ff9b::a9fe:a9fe]', 'refused: is 64:ff9b::a9fe:a9fe (169.254.169.254), a link-local address; webhooks may not target it'],
    ['[fd00:ec2::254]', 'refused: is fd00:ec2::254, a cloud metadata address; webhooks may not target it'],
    ['[fe80::1]', 'refused: is fe80::1, a link-local address; webhooks may not target it'],
    ['10.1.2.3', 'refused: is 10.1.2.3, a private-network address; webhooks may not target it unless an instance admin allows it in [egress] allow'],
    ['172.16.0.1', 'refused: is 172.16.0.1, a private-network address; webhooks may not target it unless an instance admin allows it in [egress] allow'],
    ['192.168.1.20', 'refused: is 192.168.1.20, a private-network address; webhooks may not target it unless an instance admin allows it in [egress] allow'],
    ['[fd12::1]', 'refused: is fd12::1, a private-network address; webhooks may not target it unless an instance admin allows it in [egress] allow'],
    ['100.64.1.1', 'refused: is 100.64.1.1, a carrier-grade NAT address (100.64.0.0/10); webhooks may not target it unless an instance admin allows it in [egress] allow'],
    ['224.0.0.1', 'refused: is 224.0.0.1, a multicast address; webhooks may not target it'],
    ['[ff02::1]', 'refused: is ff02::1, a multicast address; webhooks may not target it'],
    ['255.255.255.255', 'refused: is 255.255.255.255, a broadcast address; webhooks may not target it'],
    ['metadata.google.internal', 'refused: resolves to 169.254.169.254, a link-local address; webhooks may not target it'],
    ['instance-data.ec2.internal', 'refused: resolves to fd00:ec2::254, a cloud metadata address; webhooks may not target it'],
    ['half.example.com', 'refused: resolves to 10.0.0.7, a private-network address; webhooks may not target it unless an instance admin allows it in [egress] allow'],
    ['nowhere.example.com', 'unresolved: does not resolve'],
    ['x/y', 'refused: is not a host name or an IP address'],
  ])('refuse %s', async (host, expected) => {
    expect(await outcome(policy, 'webhook', host)).toBe(expected);
  });

  it('reach the ranges [egress] allow lists, and nothing it does not', async () => {
    const allowed = createEgressPolicy(config({ egress: { allow: ['127.0.0.0/8', '10.20.0.0/16', 'fd12::/16'] } }), {
      interfaces: noInterfaces,
      lookup: dns({ 'ci.lan': ['10.20.3.4'], 'meta.lan': ['169.254.169.254'] }),
    });
    expect(await outcome(allowed, 'webhook', '2130706433', 9000)).toBe('ok 127.0.0.1');
    expect(await outcome(allowed, 'webhook', '[::ffff:7f00:1]', 9000)).toBe('ok ::ffff:7f00:1');
    expect(await outcome(allowed, 'webhook', 'ci.lan')).toBe('ok 10.20.3.4');
    expect(await outcome(allowed, 'webhook', '[fd12::1]')).toBe('ok fd12::1');
    expect(await outcome(allowed, 'webhook', '10.21.0.1')).toMatch(/^refused: is 10\.21\.0\.1, a private-network address/);
    expect(await outcome(allowed, 'webhook', '[::1]')).toMatch(/^refused: is ::1, a loopback address/);
  });

  it('never lets [egress] allow open link-local, metadata, unspecified or multicast addresses', async () => {
    const wide = createEgressPolicy(config({ egress: { allow: ['0.0.0.0/0', '::/0'] } }), { interfaces: noInterfaces, lookup: dns({}) });
    expect(await outcome(wide, 'webhook', '10.0.0.1')).toBe('ok 10.0.0.1');
    for (const host of ['169.254.169.254', '[fd00:ec2::254]', '0.0.0.0', '[::]', '224.0.0.1', '255.255.255.255', '100.100.100.200']) {
      expect(await outcome(wide, 'webhook', host), host).toMatch(/^refused: /);
    }
  });
});

describe('tools', () => {
  const policy = createEgressPolicy(config(), {
    interfaces: noInterfaces,
    lookup: dns({ 'stream-pc.lan': ['192.168.1.20'], 'obs.tailnet.ts.net': ['100.101.102.103'], 'metadata.google.internal': ['169.254.169.254'], 'rebound.example.com': ['fd00:ec2::254'] }),
  });

  it('reach loopback, private ranges, CGNAT (tailnets, VPNs) and public addresses, in any spelling', async () => {
    for (const [host, address] of [
      ['127.0.0.1', '127.0.0.1'],
      ['2130706433', '127.0.0.1'],
      ['0x7f.1', '127.0.0.1'],
      ['017700000001', '127.0.0.1'],
      ['127.1', '127.0.0.1'],
      ['[::ffff:7f00:1]', '::ffff:7f00:1'],
      ['::1', '::1'],
      ['stream-pc.lan', '192.168.1.20'],
      ['obs.tailnet.ts.net', '100.101.102.103'],
      ['fd12::5', 'fd12::5'],
      ['203.0.113.7', '203.0.113.7'],
    ]) {
      expect(await outcome(policy, 'tool', host as string, 4455), host).toBe(`ok ${address}`);
    }
  });

  it.each([
    ['169.254.169.254', 'refused: is 169.254.169.254, a link-local address; tools may not target it'],
    ['0251.0376.0251.0376', 'refused: is 169.254.169.254, a link-local address; tools may not target it'],
    ['[::ffff:169.254.169.254]', 'refused: is ::ffff:a9fe:a9fe (169.254.169.254), a link-local address; tools may not target it'],
    ['fd00:ec2::254', 'refused: is fd00:ec2::254, a cloud metadata address; tools may not target it'],
    ['100.100.100.200', 'refused: is 100.100.100.200, a cloud metadata address; tools may not target it'],
    ['0.0.0.0', 'refused: is 0.0.0.0, an unspecified address; tools may not target it'],
    ['[::]', 'refused: is ::, an unspecified address; tools may not target it'],
    ['239.255.255.250', 'refused: is 239.255.255.250, a multicast address; tools may not target it'],
    ['255.255.255.255', 'refused: is 255.255.255.255, a broadcast address; tools may not target it'],
    ['metadata.google.internal', 'refused: resolves to 169.254.169.254, a link-local address; tools may not target it'],
    ['rebound.example.com', 'refused: resolves to fd00:ec2::254, a cloud metadata address; tools may not target it'],
  ])('refuse %s', async (host, expected) => {
    expect(await outcome(policy, 'tool', host, 4455)).toBe(expected);
  });
});

describe("Bifrost's own listeners", () => {
  it('refuse the server address and the metrics listener, for every kind, allowed range or not', async () => {
    const policy = createEgressPolicy(config({ server: { host: '127.0.0.1', port: 8080 }, metrics: { enabled: true, listen: '[::1]:9464' }, egress: { allow: ['127.0.0.0/8', '::1'] } }), {
      interfaces: noInterfaces,
      lookup: dns({ 'me.example.com': ['127.0.0.1'] }),
    });
    expect(await outcome(policy, 'tool', '127.0.0.1', 8080)).toBe("self: is 127.0.0.1:8080, Bifrost's own listen address; tools may not target it");
    expect(await outcome(policy, 'tool', '[::ffff:7f00:1]', 8080)).toBe("self: is [::ffff:7f00:1]:8080, Bifrost's own listen address; tools may not target it");
    expect(await outcome(policy, 'webhook', 'me.example.com', 8080)).toBe("self: resolves to 127.0.0.1:8080, Bifrost's own listen address; webhooks may not target it");
    expect(await outcome(policy, 'tool', '::1', 9464)).toBe("self: is [::1]:9464, Bifrost's own listen address; tools may not target it");
    // Another port, or another loopback address than the one bound, is not Bifrost.
    expect(await outcome(policy, 'tool', '127.0.0.1', 8081)).toBe('ok 127.0.0.1');
    expect(await outcome(policy, 'tool', '127.0.0.2', 8080)).toBe('ok 127.0.0.2');
    expect(await outcome(policy, 'webhook', '127.0.0.1', 9464)).toBe('ok 127.0.0.1');
  });

  it('a metrics listener that is off is not refused', async () => {
    const policy = createEgressPolicy(config({ metrics: { enabled: false, listen: '127.0.0.1:9464' } }), { interfaces: noInterfaces, lookup: dns({}) });
    expect(await outcome(policy, 'tool', '127.0.0.1', 9464)).toBe('ok 127.0.0.1');
  });

  it('bound to 0.0.0.0 or ::, means every loopback address and every interface address on that port', async () => {
    for (const host of ['0.0.0.0', '::']) {
      const policy = createEgressPolicy(config({ server: { host, port: 8080 } }), { interfaces: () => ['127.0.0.1', '192.168.1.5', 'fe80::1'], lookup: dns({}) });
      expect(await outcome(policy, 'tool', '127.0.0.9', 8080), host).toMatch(/^self: is 127\.0\.0\.9:8080/);
      expect(await outcome(policy, 'tool', '::1', 8080), host).toMatch(/^self: /);
      expect(await outcome(policy, 'tool', '192.168.1.5', 8080), host).toMatch(/^self: is 192\.168\.1\.5:8080/);
      expect(await outcome(policy, 'tool', '[::ffff:192.168.1.5]', 8080), host).toMatch(/^self: /);
      expect(await outcome(policy, 'tool', '192.168.1.6', 8080), host).toBe('ok 192.168.1.6');
      expect(await outcome(policy, 'tool', '192.168.1.5', 8081), host).toBe('ok 192.168.1.5');
    }
  });

  it('bound to a name, means what that name resolves to', async () => {
    const policy = createEgressPolicy(config({ server: { host: 'bifrost.lan', port: 8080 } }), { interfaces: noInterfaces, lookup: dns({ 'bifrost.lan': ['192.168.1.5'] }) });
    expect(await outcome(policy, 'tool', '192.168.1.5', 8080)).toMatch(/^self: /);
    expect(await outcome(policy, 'tool', '192.168.1.6', 8080)).toBe('ok 192.168.1.6');
  });
});

describe('the resolver seam', () => {
  it('resolves once per check and answers the address it checked (a rebinding resolver cannot swap it)', async () => {
    const answers = [['93.184.215.14'], ['127.0.0.1']];
    let calls = 0;
    const policy = createEgressPolicy(config(), { interfaces: noInterfaces, lookup: async () => answers[Math.min(calls++, answers.length - 1)]! });
    const first = await policy.check('webhook', 'rebind.example.com', 443);
    expect(first).toEqual({ host: 'rebind.example.com', port: 443, address: '93.184.215.14', family: 4 });
    expect(calls).toBe(1);
    // The next check sees the new answer, and refuses it.
    await expect(policy.check('webhook', 'rebind.example.com', 443)).rejects.toMatchObject({ reason: 'refused', message: expect.stringMatching(/^resolves to 127\.0\.0\.1, a loopback address/) });
  });

  it('never looks up an IP literal or a numeric spelling', async () => {
    let calls = 0;
    const policy = createEgressPolicy(config(), { interfaces: noInterfaces, lookup: async () => (calls++, ['127.0.0.1']) });
    await policy.check('tool', '0x7f.1', 4455);
    await policy.check('tool', '[::1]', 4455);
    expect(calls).toBe(0);
  });

  it('gives up on a lookup when the caller says time is up', async () => {
    const policy = createEgressPolicy(config(), { interfaces: noInterfaces, lookup: () => new Promise<string[]>(() => {}) });
    const controller = new AbortController();
    const pending = policy.check('webhook', 'slow.example.com', 443, { signal: controller.signal });
    controller.abort(new DOMException('timed out', 'TimeoutError'));
    await expect(pending).rejects.toMatchObject({ reason: 'unresolved', message: 'did not resolve in time' });
  });

  it('refuses an answer that is not an IP address, and an empty one', async () => {
    const policy = createEgressPolicy(config(), { interfaces: noInterfaces, lookup: dns({ 'odd.example.com': ['not-an-ip'], 'empty.example.com': [] }) });
    expect(await outcome(policy, 'webhook', 'odd.example.com')).toBe('unresolved: resolves to something that is not an IP address');
    expect(await outcome(policy, 'webhook', 'empty.example.com')).toBe('unresolved: does not resolve');
  });
});

describe('[egress] allow', () => {
  it('defaults to nothing and reads BIFROST_EGRESS_ALLOW as a comma-separated list', () => {
    expect(loadConfig({ env: {} }).egress.allow).toEqual([]);
    expect(loadConfig({ env: { BIFROST_EGRESS_ALLOW: '10.0.0.0/8, 127.0.0.1 ,fd00::/8' } }).egress.allow).toEqual(['10.0.0.0/8', '127.0.0.1', 'fd00::/8']);
  });

  it('refuses entries that are not standard IPs or CIDRs, naming the key and the fix', () => {
    for (const bad of ['10.0.0.0/33', 'fd00::/129', 'lan', '0x7f.1/8', '127.1', '10.0.0.0/8/8', '10.0.0.0/x']) {
      expect(() => loadConfig({ env: { BIFROST_EGRESS_ALLOW: bad } }), bad).toThrow(/egress\.allow\.0 \(from BIFROST_EGRESS_ALLOW\): each entry must be an IP address or a CIDR such as 192\.168\.0\.0\/16/);
    }
  });
});
