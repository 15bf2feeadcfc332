import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { createLogger, lazyChildLogger, type Logger } from './log.ts';

function capture(level: string): { log: Logger; lines: () => Record<string, unknown>[] } {
  const out: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      out.push(String(chunk));
      done();
    },
  });
  return { log: createLogger({ level, destination }), lines: () => out.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('lazy per-request logger', () => {
  it('builds no pino child for levels that are off, and logs with its bindings and redaction when on', () => {
    const { log, lines } = capture('warn');
    let children = 0;
    const parent = Object.create(log, { child: { value: (...a: Parameters<Logger['child']>) => (children++, log.child(...a)) } }) as Logger;
    const child = lazyChildLogger(parent, { reqId: 'req-1' }, {});
    child.info('quiet');
    child.debug('quieter');
    expect(children).toBe(0);
    expect(child.isLevelEnabled('info')).toBe(false);
    expect(child.isLevelEnabled('error')).toBe(true);
    expect(child.level).toBe('warn');
    child.error({ access_token: 'secret-token' }, 'loud');
    expect(children).toBe(1);
    const [line] = lines();
    expect(line).toMatchObject({ reqId: 'req-1', msg: 'loud', access_token: '[redacted]' });
    child.warn('again');
    expect(children).toBe(1);
  });

  it("honours a route's own log level", () => {
    const { log, lines } = capture('info');
    const child = lazyChildLogger(log, { reqId: 'r' }, { level: 'error' });
    child.info('dropped');
    child.error('kept');
    expect(lines().map((l) => l.msg)).toEqual(['kept']);
  });

  it("is Fastify's request logger: request logs carry reqId", async () => {
    const { log, lines } = capture('info');
    const app = Fastify({ loggerInstance: log as FastifyBaseLogger, childLoggerFactory: lazyChildLogger as never });
    app.get('/x', async (request) => {
      request.log.info('in handler');
      return { ok: true };
    });
    await app.inject({ method: 'GET', url: '/x' });
    await app.close();
    const handler = lines().find((l) => l.msg === 'in handler');
    expect(handler?.reqId).toBeDefined();
    expect(lines().some((l) => l.msg === 'request completed' && l.reqId === handler?.reqId)).toBe(true);
  });
});

describe('log format', () => {
  const CANARY = 'CANARY-log-format-5ecret';

  function sink(isTTY: boolean): { stream: Writable; text: () => string } {
    const out: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        out.push(String(chunk));
        done();
      },
    });
    Object.assign(stream, { isTTY });
    // Colour codes stripped: the assertions read the words a person sees.
    return { stream, text: () => out.join('').replace(/\u001b\[[0-9;]*m/g, '') };
  }

  function logSecrets(log: Logger): void {
    log.info(
      {
        access_token: CANARY,
        integration: { refresh_token: CANARY, client_secret: CANARY },
        req: { method: 'GET', url: `/v1/integrations/callback/twitch?code=${CANARY}&state=${CANARY}`, headers: { authorization: `Bearer ${CANARY}` } },
      },
      'token refreshed',
    );
  }

  for (const [name, format, isTTY, pretty] of [
    ['auto on a terminal is pretty', 'auto', true, true],
    ['auto elsewhere is JSON', 'auto', false, false],
    ['pretty when asked, even into a pipe', 'pretty', false, true],
    ['json when asked, even on a terminal', 'json', true, false],
  ] as const) {
    it(`${name}, and redacts secrets`, () => {
      const { stream, text } = sink(isTTY);
      logSecrets(createLogger({ level: 'info', format, destination: stream }));
      const out = text();
      expect(out).toContain('token refreshed');
      expect(out).toContain('[redacted]');
      expect(out).toContain('code=redacted');
      expect(out).not.toContain(CANARY);
      if (pretty) {
        // pino-pretty's layout: "[time] INFO: message" and the fields indented below, no JSON line.
        expect(out).toMatch(/INFO.*: token refreshed/);
        expect(() => JSON.parse(out.split('\n')[0]!)).toThrow();
      } else {
        const line = JSON.parse(out.trim()) as Record<string, unknown>;
        expect(line).toMatchObject({ level: 30, msg: 'token refreshed', access_token: '[redacted]' });
      }
    });
  }
});
