/**
 * The example bot (examples/chat-bot) as a process against a real `bifrost serve --sandbox`: a
 * `!ping` said in the Twitch fake's chat is answered with `pong` there by the account's bot, follows
 * and StreamElements tips are logged, and what happens while Bifrost restarts and the bot cannot
 * reach it is handled once it is back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startSandbox, waitFor, type Sandbox } from './support/sandbox.ts';
import { emitTwitch, provision, twitchChat, type Provisioned } from './support/provision.ts';
import { startGate, type Gate } from './support/gate.ts';

/** A well-formed JWT (StreamElements tokens are only checked for form; the sandbox accepts any). */
const seJwt = () => ['{"alg":"HS256","typ":"JWT"}', '{"channel":"fakechannel00000000000001"}', 'signature'].map((s) => Buffer.from(s).toString('base64url')).join('.');

describe('examples/chat-bot', () => {
  let sandbox: Sandbox;
  let p: Provisioned;
  let gate: Gate;
  let bot: ChildProcess;
  const out: string[] = [];
  const pongs = async () => (await twitchChat(sandbox)).filter((r) => r.kind === 'message' && r.text === 'pong' && r.sender_id === '98765432' && r.channel_id === '12826');

  beforeAll(async () => {
    sandbox = await startSandbox();
    p = await provision(sandbox);
    // StreamElements (tips) for the account: the sandbox's Astro fake takes any well-formed token.
    const se = await p.session.call('POST', '/v1/streamelements/tokens', { platform: 'twitch', token: seJwt(), label: 'tips' });
    expect(se.status).toBe(201);
    gate = await startGate(sandbox.url);
    bot = spawn(process.execPath, ['--conditions=bifrost-source', '--import', 'tsx', join(ROOT, 'examples/chat-bot/src/bot.ts')], {
      cwd: join(ROOT, 'examples/chat-bot'),
      env: { PATH: process.env.PATH, HOME: process.env.HOME, BIFROST_URL: gate.url, BIFROST_SERVICE_KEY: p.serviceKey, BOT_STATE_FILE: join(sandbox.dataDir, 'bot-state.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => out.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    bot.stdout!.on('data', collect);
    bot.stderr!.on('data', collect);
    await waitFor('the bot to listen', () => {
      if (bot.exitCode !== null) throw new Error(`the bot exited (${bot.exitCode}):\n${out.join('\n')}`);
      return out.some((l) => l.includes('listening for events')) ? true : undefined;
    }, 60_000, out);
  }, 180_000);

  afterAll(async () => {
    if (bot && bot.exitCode === null) {
      const exited = new Promise((r) => bot.once('exit', r));
      bot.kill('SIGTERM');
      await exited;
    }
    await gate?.stop();
    await sandbox?.stop();
  });

  it('names the bot it answers with on each platform', () => {
    expect(out.some((l) => l.includes('twitch: answering as Bifrost_Bot'))).toBe(true);
    expect(out.some((l) => /kick: no bot \(NO_BOT/.test(l))).toBe(true);
  });

  it('answers !ping with pong in the same chat, as the account\'s bot', async () => {
    await emitTwitch(sandbox, { type: 'chat.message', text: 'hello there' });
    await emitTwitch(sandbox, { type: 'chat.message', text: '!ping' });
    const answered = await waitFor('pong in the Twitch fake\'s chat', async () => ((await pongs()).length === 1 ? true : undefined), 30_000, out);
    expect(answered).toBe(true);
    await waitFor('the bot to log it', () => (out.some((l) => l.includes('ping from Sandbox_Viewer on twitch: answered pong as bifrost_bot')) ? true : undefined), 10_000, out);
  });

  it('logs follows and tips', async () => {
    await emitTwitch(sandbox, { type: 'follow' });
    await waitFor('the StreamElements connection', async () => {
      const c = await p.session.call<{ items: { kind: string; state: string }[] }>('GET', '/v1/events/connections');
      return c.body.items.some((i) => i.kind === 'streamelements' && i.state === 'connected') ? true : undefined;
    }, 30_000, sandbox.logs);
    const tip = await fetch(`${sandbox.url}/sandbox/streamelements/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'tip', username: 'generous_fan', amount: 4.99, currency: 'USD', message: 'great stream' }) });
    expect(tip.status).toBe(200);
    await waitFor('the follow and the tip in the bot\'s log', () =>
      out.some((l) => l.includes('follow on twitch: Sandbox_Viewer')) && out.some((l) => l.includes('tip on twitch: generous_fan gave 4.99 USD ("great stream")')) ? true : undefined, 30_000, out);
  });

  it('handles what was said while Bifrost restarted and it could not reach it', async () => {
    gate.close();
    await waitFor('the bot to notice', () => (out.some((l) => l.includes('connection lost')) ? true : undefined), 30_000, out);
    await sandbox.restart();
    await emitTwitch(sandbox, { type: 'chat.message', text: '!ping' });
    await emitTwitch(sandbox, { type: 'follow', user_name: 'Late_Follower', user_login: 'late_follower' });
    gate.open();
    // The restarted fake keeps grants but not its chat log: the pong after the restart is its only one.
    await waitFor('the pong to the ping said while the bot was away', async () => ((await pongs()).length >= 1 ? true : undefined), 60_000, out);
    expect(await pongs()).toHaveLength(1);
    await waitFor('the follow from while it was away', () => (out.some((l) => l.includes('follow on twitch: Late_Follower')) ? true : undefined), 30_000, out);
    expect(out.filter((l) => l.includes('answered pong')).length).toBe(2);
  }, 120_000); // a restart of bin/bifrost (tsx without a build) takes a while on a busy machine
});
