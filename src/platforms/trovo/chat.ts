/**
 * Trovo chat and moderation [R3][R4][R5][R6][R7]: send `POST /chat/send` `{content, channel_id}` →
 * `{}` (no message id); ban, timeout and unban as chat commands without the slash through
 * `POST /channels/command`, naming the target by nickname; `{is_success: false, display_msg}` is a
 * refusal. Deleting one message needs the sender's user id, which a delete by message id does not
 * have, and the documented path is disputed [R5][R7]: not offered. Calls carry `Client-ID` and
 * `Authorization: OAuth`; error envelopes may come with HTTP 200 [R3].
 */
import { invalidField } from '../../errors/app-error.ts';
import type { ChatAdapter, ChatCall, ChatCapabilities } from '../chat-types.ts';
import { chatRequest, jsonOf, timeoutUnits } from '../chat-http.ts';
import { ChatRefused } from '../errors.ts';
import { bodyError } from '../oauth/classify.ts';
import type { PlatformHttp } from '../oauth/http.ts';
import { commandResponse, commands } from './chat-wire.ts';
import { normaliseTrovoError } from './wire.ts';

export const TROVO_CHAT: ChatCapabilities = {
  // Trovo documents no length limit (not found in what was read): 300 is Bifrost's own cautious choice.
  maxMessageLength: 300,
  replies: false,
  deleteMessage: false, // see the file comment
  moderationTarget: 'username', // nicknames in chat commands [R7]
  // `ban <name> <seconds>s` is unconfirmed [R7]; no range is documented, so Bifrost caps a timeout at a day.
  timeout: { unitSeconds: 1, minSeconds: 1, maxSeconds: 86_400 },
  maxReasonLength: null, // the command has no reason
  unbanByBanId: false,
  needsLiveChat: false,
  scopes: { send: ['chat_send_self'], delete: ['manage_messages'], moderate: ['manage_messages'] }, // [R3][R4]
  // Another account (a bot) posting into a channel also needs the channel owner to grant send_to_my_channel [R4][R8].
  channelScopes: { send: ['send_to_my_channel'] },
  // 1,200 requests a minute per client id for new apps; status 11706 beyond [R3]. No chat-specific limit found.
  limit: { kind: 'app', windowMs: 60_000, requests: 1_200 },
};

/** Trovo nicknames carry no whitespace; anything else would change the command. */
function nickname(target: { username?: string | undefined }): string {
  const name = target.username?.replace(/^@/, '');
  if (!name || !/^\S{1,64}$/.test(name)) throw invalidField('username', 'Trovo moderates by nickname: pass the nickname without spaces');
  return name;
}

/** Trovo's own words about a refused command, trimmed to one printable line. */
const shown = (text: string | undefined) => (text ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, 200);

export function createTrovoChat(http: PlatformHttp, api: string): ChatAdapter {
  const headers = (call: ChatCall) => ({ 'client-id': call.credentials.clientId });
  const auth = (call: ChatCall) => `OAuth ${call.accessToken}`;

  function channelOf(call: ChatCall): string | undefined {
    if (call.channelId) return call.channelId;
    if (call.senderId === call.broadcasterId) return undefined; // omitted: the sender's own channel [R4]
    throw invalidField('channel_id', "Trovo needs the channel id of the target channel (it differs from the owner's user id)");
  }

  async function command(call: ChatCall, text: string, purpose: string): Promise<void> {
    const channelId = channelOf(call);
    const json = { command: text, ...(channelId ? { channel_id: channelId } : {}) };
    const res = await chatRequest(http, { method: 'POST', url: `${api}/channels/command`, authorization: auth(call), headers: headers(call), json, purpose }, normaliseTrovoError, { errorsOn200: true });
    const parsed = commandResponse.safeParse(jsonOf(res));
    if (!parsed.success) throw bodyError(http, purpose, 'not a command answer', res.status, parsed.error);
    if (!parsed.data.is_success) {
      const why = shown(parsed.data.display_msg);
      throw new ChatRefused('trovo', 'command_refused', `Trovo refused the ${purpose}${why ? `: ${why}` : ''}`);
    }
  }

  return {
    async send(call, message) {
      if (message.replyTo !== undefined) throw invalidField('reply_to', 'Trovo has no replies; send the message without reply_to');
      const channelId = channelOf(call);
      const json = { content: message.text, ...(channelId ? { channel_id: channelId } : {}) };
      await chatRequest(http, { method: 'POST', url: `${api}/chat/send`, authorization: auth(call), headers: headers(call), json, purpose: 'chat message' }, normaliseTrovoError, { send: true, errorsOn200: true });
      return { messageId: null }; // Trovo answers `{}`
    },
    async deleteMessage() {
      throw new ChatRefused('trovo', 'not_supported', 'Deleting a single message is not available for Trovo');
    },
    async ban(call, target, options) {
      const name = nickname(target);
      if (options.durationS === undefined) {
        await command(call, commands.ban(name), 'ban');
        return { appliedDurationS: undefined };
      }
      const { units } = timeoutUnits(TROVO_CHAT.timeout!, options.durationS);
      await command(call, commands.timeout(name, units), 'timeout');
      return { appliedDurationS: units };
    },
    async unban(call, target) {
      await command(call, commands.unban(nickname(target)), 'unban');
    },
  };
}
