/** Trovo's scopes (docs wording paraphrased [R3][R4]) and the defaults per integration type. */
import type { ScopeCatalogue, ScopeDescription } from '../types.ts';

const ALL: readonly ScopeDescription[] = [
  { scope: 'user_details_self', description: 'View your email and user profile' },
  { scope: 'channel_details_self', description: 'View your channel details, including the stream key' },
  { scope: 'channel_update_self', description: 'Update your channel settings' },
  { scope: 'channel_subscriptions', description: 'Get your subscriber list' },
  { scope: 'chat_send_self', description: 'Send chat messages as yourself' },
  { scope: 'send_to_my_channel', description: 'Allow chat messages to be sent to your channel (by a bot acting for another user)' },
  { scope: 'manage_messages', description: 'Perform chat commands and delete chat messages' },
  { scope: 'chat_connect', description: 'Get a chat-service token for your own channel' },
];

const describe = (scope: string): string => ALL.find((s) => s.scope === scope)?.description ?? scope;
const pick = (scopes: readonly (readonly [string, boolean])[]) => scopes.map(([scope, required]) => ({ scope, description: describe(scope), required }));

/**
 * Cross-account bot model [R8][R9]: the bot grants chat_send_self (+ chat_connect); the channel owner
 * grants send_to_my_channel (+ manage_messages when the bot moderates). user_details_self is needed
 * to identify either account (getuserinfo [R5]).
 */
export const TROVO_SCOPES: ScopeCatalogue = {
  all: ALL,
  channel: pick([
    ['user_details_self', true],
    ['channel_details_self', true],
    ['chat_connect', false],
    ['send_to_my_channel', false],
    ['manage_messages', false],
  ]),
  bot: pick([
    ['user_details_self', true],
    ['chat_send_self', true],
    ['chat_connect', false],
  ]),
};
