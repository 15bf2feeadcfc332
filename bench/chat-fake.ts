/**
 * The platform side of `npm run bench:chat`, alone in its process: Kick's fake answering at once
 * (0 ms) with its own send limit lifted, and two grants minted on it (the channel and the bot), which
 * the Bifrost process stores as if they had connected.
 */
import { startFake } from '../src/platforms/kick/fake.ts';
import { mintGrant } from '../test/support/token-seed.ts';

const SCOPES = ['user:read', 'chat:write', 'moderation:ban', 'moderation:chat_message:manage'];
const fake = await startFake();
fake.knobs.latencyMs = 0;
fake.knobs.chatLimit = { messages: 1_000_000_000, windowMs: 30_000 };
const [channelUser, botUser] = fake.users;
const channel = mintGrant(fake, channelUser!.id, SCOPES);
const bot = mintGrant(fake, botUser!.id, SCOPES);
// Records are kept for the sandbox listing; a bench sends far more than anyone reads.
setInterval(() => fake.chat.reset(), 5_000).unref();
process.stdout.write(`READY ${JSON.stringify({ baseUrls: fake.baseUrls, credentials: fake.credentials, channel, bot })}\n`);
process.on('SIGTERM', () => void fake.close().then(() => process.exit(0)));
