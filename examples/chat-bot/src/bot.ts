/**
 * Example bot built on @bifrost/client: answers `!ping` with `pong` on whichever platform it was said
 * on, through the account's bot there (Bifrost picks it: the default bot, else the instance's global
 * bot), and logs follows and tips. It keeps the seq of the last event it handled in a file, so after
 * a lost connection, a Bifrost restart or its own restart it carries on where it stopped: no event
 * missed, none handled twice.
 *
 *   BIFROST_URL=http://127.0.0.1:8080 BIFROST_SERVICE_KEY=bfs_… npm start -w bifrost-example-chat-bot
 *
 * The service key needs the permissions chat:send and events:read (Service Keys in the dashboard).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { BifrostError, createClient, type BifrostEvent, type Platform } from '@bifrost/client';

const PLATFORMS: readonly Platform[] = ['twitch', 'youtube', 'kick', 'trovo'];

const baseUrl = process.env.BIFROST_URL ?? 'http://127.0.0.1:8080';
const serviceKey = process.env.BIFROST_SERVICE_KEY ?? '';
const stateFile = process.env.BOT_STATE_FILE ?? '.chat-bot-state.json';

function log(message: string): void {
  process.stdout.write(`${new Date().toISOString()} ${message}\n`);
}

if (!serviceKey.startsWith('bfs_')) {
  process.stderr.write('Set BIFROST_SERVICE_KEY to a service key (bfs_…) with the permissions chat:send and events:read.\n');
  process.exit(2);
}

/** The seq of the last event handled, from an earlier run (undefined on the first run: start with new events). */
function loadSeq(): number | undefined {
  try {
    const seq = (JSON.parse(readFileSync(stateFile, 'utf8')) as { last_seq?: unknown }).last_seq;
    return typeof seq === 'number' ? seq : undefined;
  } catch {
    return undefined;
  }
}

function saveSeq(seq: number): void {
  // Write-then-rename: a crash mid-write leaves the old state, never a torn file.
  writeFileSync(`${stateFile}.tmp`, JSON.stringify({ last_seq: seq }));
  renameSync(`${stateFile}.tmp`, stateFile);
}

const describe = (err: unknown) => (err instanceof BifrostError ? `${err.code}: ${err.message}` : String(err));

const client = createClient({ baseUrl, serviceKey });

async function handle(event: BifrostEvent): Promise<void> {
  const who = event.actor?.display_name ?? event.actor?.username ?? 'someone';
  switch (event.type) {
    case 'chat.message': {
      if (event.data.text.trim().toLowerCase() !== '!ping') return;
      try {
        // Waits up to 5 s for a free slot of the platform's limit rather than failing at once.
        const sent = await client.chat.send(event.platform as Platform, { text: 'pong', wait_ms: 5_000 });
        log(`ping from ${who} on ${event.platform}: answered pong as ${sent.sender.username}`);
      } catch (err) {
        log(`ping from ${who} on ${event.platform}: could not answer (${describe(err)})`);
      }
      return;
    }
    case 'follow':
      log(`follow on ${event.platform}: ${who}`);
      return;
    case 'tip':
      log(`tip on ${event.platform}: ${who} gave ${event.data.amount} ${event.data.currency}${event.data.message ? ` ("${event.data.message}")` : ''}`);
      return;
    default:
      return;
  }
}

// Which bot answers where (a platform without one is skipped by Bifrost with 409 SENDER_UNAVAILABLE).
for (const platform of PLATFORMS) {
  try {
    const bot = await client.bot(platform);
    log(`${platform}: answering as ${bot.display_name}${bot.is_global ? ' (the global bot)' : ''}`);
  } catch (err) {
    log(`${platform}: no bot (${describe(err)})`);
  }
}

const after = loadSeq();
const subscription = client.events.subscribe(
  {
    types: ['chat.message', 'follow', 'tip'],
    after,
    onState: (state, detail) => {
      if (state === 'open') log(`listening for events${subscription?.lastSeq !== undefined ? ` after seq ${subscription.lastSeq}` : ''}`);
      if (state === 'reconnecting') log(`connection lost (${detail?.error?.message ?? 'closed'}); reconnecting in ${detail?.delayMs} ms`);
    },
    onError: (err, event) => log(`event ${event?.seq ?? ''} failed: ${describe(err)}`),
  },
  async (event) => {
    await handle(event);
    saveSeq(event.seq);
  },
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log('stopping');
    void subscription.close();
  });
}

await subscription.done.catch((err: unknown) => {
  log(`stopped: ${describe(err)}`);
  process.exitCode = 1;
});
