/**
 * Fake YouTube live chat: liveBroadcasts.list (live or not, the chat id) and liveChatMessages.list
 * with page tokens, `pollingIntervalMillis`, `offlineAt` once the broadcast ends, unit counting and
 * Google's error envelope [G7][G8][G21]. `emit(type, fields)` adds a chat message the way YouTube
 * would show it; `POST …/events` `{type, …}` does the same over HTTP (sandbox mode). Mounted inside
 * the YouTube fake, or alone with `startFakeLiveChat`.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyPluginAsync, type FastifyReply } from 'fastify';
import { authToken, param } from '../fake/plugin-kit.ts';
import { LIVE_CHAT_COSTS } from './live-chat.ts';

export interface FakeLiveChatKnobs {
  live: boolean;
  liveChatId: string;
  broadcastTitle: string;
  pollingIntervalMillis: number;
  /** The next this many calls answer 401 (an expired token). */
  unauthorizedTimes: number;
  /** Every call answers 403 insufficientPermissions (a grant without a read scope). */
  forbidden: boolean;
}

type Item = { kind: 'youtube#liveChatMessage'; etag: string; id: string; snippet: Record<string, unknown>; authorDetails: Record<string, unknown> };

/** The chatter a control call speaks as unless it says otherwise. */
const VIEWER = { channelId: 'UCv1ewer0000000000000001', displayName: 'Sandbox Viewer' };

/** Normalised type names the control route also accepts, and the YouTube message type each stands for. */
const ALIASES: Readonly<Record<string, string>> = {
  'chat.message': 'textMessageEvent',
  superchat: 'superChatEvent',
  membership: 'newSponsorEvent',
  'subscription.gift': 'membershipGiftingEvent',
  'chat.message_deleted': 'messageDeletedEvent',
  'moderation.ban': 'userBannedEvent',
};

/** Default details of each message type (fields of the control call override `text`, `amount`, …). */
function details(type: string, f: Record<string, unknown>): Record<string, unknown> | null {
  const micros = String(Math.round(Number(f.amount ?? 5) * 1_000_000));
  const currency = String(f.currency ?? 'USD');
  const text = String(f.text ?? f.message ?? 'hello from the sandbox');
  switch (type) {
    case 'textMessageEvent':
      return { displayMessage: text, textMessageDetails: { messageText: text } };
    case 'superChatEvent':
      return { displayMessage: text, superChatDetails: { amountMicros: micros, currency, amountDisplayString: `${currency} ${f.amount ?? 5}`, userComment: text, tier: 2 } };
    case 'superStickerEvent':
      return { superStickerDetails: { amountMicros: micros, currency, amountDisplayString: `${currency} ${f.amount ?? 5}`, tier: 1, superStickerMetadata: { stickerId: 'sticker1', altText: 'A sticker', language: 'en' } } };
    case 'newSponsorEvent':
      return { newSponsorDetails: { memberLevelName: String(f.level ?? 'Member'), isUpgrade: false } };
    case 'memberMilestoneChatEvent':
      return { memberMilestoneChatDetails: { memberLevelName: String(f.level ?? 'Member'), memberMonth: Number(f.months ?? 6), userComment: text } };
    case 'membershipGiftingEvent':
      return { membershipGiftingDetails: { giftMembershipsCount: Number(f.count ?? 5), giftMembershipsLevelName: String(f.level ?? 'Member') } };
    case 'giftMembershipReceivedEvent':
      return { giftMembershipReceivedDetails: { memberLevelName: String(f.level ?? 'Member'), gifterChannelId: 'UCg1fter000000000000000001', associatedMembershipGiftingMessageId: 'gift-msg' } };
    case 'messageDeletedEvent':
      return { messageDeletedDetails: { deletedMessageId: String(f.message_id ?? 'unknown') } };
    case 'userBannedEvent': {
      const temporary = f.duration_s !== undefined;
      return {
        userBannedDetails: {
          bannedUserDetails: { channelId: String(f.user_id ?? VIEWER.channelId), displayName: String(f.username ?? VIEWER.displayName), channelUrl: '' },
          banType: temporary ? 'temporary' : 'permanent',
          ...(temporary ? { banDurationSeconds: String(f.duration_s) } : {}),
        },
      };
    }
    default:
      return null;
  }
}

export const FAKE_LIVE_CHAT_TYPES = [...Object.keys(ALIASES), 'superStickerEvent', 'memberMilestoneChatEvent', 'giftMembershipReceivedEvent', ...Object.values(ALIASES)];

/** The state of one fake live chat. */
export class FakeLiveChat {
  knobs: FakeLiveChatKnobs;
  readonly messages: Item[] = [];
  offlineAt: string | null = null;
  /** Units spent, at the cost the connector counts. */
  quotaUsed = 0;
  calls = { broadcasts: 0, messages: 0 };

  constructor(
    readonly now: () => number = Date.now,
    knobs: Partial<FakeLiveChatKnobs> = {},
  ) {
    this.knobs = { live: true, liveChatId: 'Cg0KC2Zha2UtbGl2ZS0x', broadcastTitle: 'Sandbox stream', pollingIntervalMillis: 2_000, unauthorizedTimes: 0, forbidden: false, ...knobs };
  }

  /** Adds a message of YouTube type `type` (or a normalised alias); returns it, or null for an unknown type. */
  emit(type: string, fields: Record<string, unknown> = {}): Item | null {
    const ytType = ALIASES[type] ?? type;
    const d = details(ytType, fields);
    if (!d) return null;
    const author = { channelId: String(fields.author_id ?? VIEWER.channelId), displayName: String(fields.author ?? VIEWER.displayName) };
    const item: Item = {
      kind: 'youtube#liveChatMessage',
      etag: 'fake-etag',
      id: String(fields.id ?? `LCC.${randomUUID()}`),
      snippet: { type: ytType, liveChatId: this.knobs.liveChatId, authorChannelId: author.channelId, publishedAt: new Date(this.now()).toISOString(), hasDisplayContent: true, ...d },
      authorDetails: { ...author, channelUrl: `http://www.youtube.com/channel/${author.channelId}`, profileImageUrl: '', isVerified: false, isChatOwner: fields.owner === true, isChatSponsor: fields.member === true, isChatModerator: fields.moderator === true },
    };
    this.messages.push(item);
    return item;
  }

  /** Ends the broadcast: the next list answers `offlineAt` and the broadcast is no longer active. */
  goOffline(): void {
    this.offlineAt = new Date(this.now()).toISOString();
    this.knobs.live = false;
  }

  /** A new broadcast with a new chat. */
  goLive(liveChatId = `Cg0KC${randomUUID().slice(0, 8)}`): void {
    Object.assign(this.knobs, { live: true, liveChatId });
    this.offlineAt = null;
    this.messages.length = 0;
  }
}

const apiErr = (reply: FastifyReply, code: number, status: string, reason: string, message: string) =>
  reply.code(code).send({ error: { code, message, errors: [{ message, domain: 'youtube.liveChat', reason }], status } });

const pageToken = (n: number): string => Buffer.from(`p${n}`).toString('base64url');
const pageIndex = (token: string): number | null => {
  const m = /^p(\d+)$/.exec(Buffer.from(token, 'base64url').toString());
  return m ? Number(m[1]) : null;
};

export interface LiveChatPluginOptions {
  chat: FakeLiveChat;
  /** Whether a bearer token is valid (the YouTube fake asks its token store; alone: any non-empty token). */
  tokenValid?: (token: string) => boolean;
  routeConfig?: Record<string, unknown>;
}

/** Routes at the API's real paths under `/youtube/v3`, and the control route `POST /events`. */
export const liveChatPlugin: FastifyPluginAsync<LiveChatPluginOptions> = async (app, { chat, tokenValid = (t) => t.length > 0, routeConfig = {} }) => {
  const authorised = (reply: FastifyReply, token: string | undefined): boolean => {
    if (chat.knobs.unauthorizedTimes > 0 || !token || !tokenValid(token)) {
      if (chat.knobs.unauthorizedTimes > 0) chat.knobs.unauthorizedTimes--;
      void apiErr(reply, 401, 'UNAUTHENTICATED', 'authError', 'Request had invalid authentication credentials.');
      return false;
    }
    if (chat.knobs.forbidden) {
      void apiErr(reply, 403, 'PERMISSION_DENIED', 'insufficientPermissions', 'Request had insufficient authentication scopes.');
      return false;
    }
    return true;
  };

  app.get('/youtube/v3/liveBroadcasts', { config: routeConfig }, async (request, reply) => {
    chat.calls.broadcasts++;
    chat.quotaUsed += LIVE_CHAT_COSTS.broadcasts;
    if (!authorised(reply, authToken(request, ['Bearer']))) return reply;
    if (!param(request.query, 'part')) return apiErr(reply, 400, 'INVALID_ARGUMENT', 'required', 'Required parameter: part');
    const items = chat.knobs.live
      ? [{ kind: 'youtube#liveBroadcast', etag: 'fake-etag', id: 'fakeBroadcast1', snippet: { title: chat.knobs.broadcastTitle, liveChatId: chat.knobs.liveChatId, publishedAt: new Date(chat.now()).toISOString() } }]
      : [];
    return reply.send({ kind: 'youtube#liveBroadcastListResponse', etag: 'fake-etag', pageInfo: { totalResults: items.length, resultsPerPage: 5 }, items });
  });

  app.get('/youtube/v3/liveChat/messages', { config: routeConfig }, async (request, reply) => {
    chat.calls.messages++;
    chat.quotaUsed += LIVE_CHAT_COSTS.messages;
    if (!authorised(reply, authToken(request, ['Bearer']))) return reply;
    const id = param(request.query, 'liveChatId');
    if (!id) return apiErr(reply, 400, 'INVALID_ARGUMENT', 'liveChatIdRequired', 'The liveChatId parameter is required.');
    if (id !== chat.knobs.liveChatId) return apiErr(reply, 404, 'NOT_FOUND', 'liveChatNotFound', 'The live chat that you are trying to retrieve cannot be found.');
    const token = param(request.query, 'pageToken');
    const from = token === undefined ? 0 : pageIndex(token);
    if (from === null) return apiErr(reply, 400, 'INVALID_ARGUMENT', 'pageTokenInvalid', 'The request specifies an invalid page token.');
    const items = chat.messages.slice(from);
    return reply.send({
      kind: 'youtube#liveChatMessageListResponse',
      etag: 'fake-etag',
      nextPageToken: pageToken(chat.messages.length),
      pollingIntervalMillis: chat.knobs.pollingIntervalMillis,
      ...(chat.offlineAt ? { offlineAt: chat.offlineAt } : {}),
      pageInfo: { totalResults: items.length, resultsPerPage: items.length },
      items,
    });
  });

  app.post('/events', { config: routeConfig }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const type = typeof body.type === 'string' ? body.type : '';
    if (type === 'offline') {
      chat.goOffline();
      return reply.send({ ok: true });
    }
    if (type === 'online') {
      chat.goLive();
      return reply.send({ ok: true, live_chat_id: chat.knobs.liveChatId });
    }
    const item = chat.emit(type, body);
    if (!item) return reply.code(400).send({ error: 'unknown_type', message: `type must be one of: ${[...FAKE_LIVE_CHAT_TYPES, 'offline', 'online'].join(', ')}` });
    return reply.send({ ok: true, id: item.id });
  });
};

export interface FakeLiveChatHandle {
  url: string;
  /** Endpoint groups for a connector context (`api`). */
  baseUrls: Record<string, string>;
  chat: FakeLiveChat;
  close(): Promise<void>;
}

/** Starts the live chat fake alone on 127.0.0.1 (ephemeral port). */
export async function startFakeLiveChat(options: { now?: () => number; knobs?: Partial<FakeLiveChatKnobs> } = {}): Promise<FakeLiveChatHandle> {
  const chat = new FakeLiveChat(options.now, options.knobs);
  const app = Fastify({ logger: false, forceCloseConnections: true });
  await app.register(liveChatPlugin, { chat });
  const url = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
  return { url, baseUrls: { api: `${url}/youtube/v3` }, chat, close: () => app.close() };
}
