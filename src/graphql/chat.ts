/** Chat and moderation: the operations of src/http/routes/chat.ts as mutations, plus the chat log; same services, same input checks. */
import type { SchemaModule } from './schema.ts';
import { guarded } from './guard.ts';
import { optional, parseArg } from './inputs.ts';
import { banBody, chatLogQuery, chatPlatformParams, messageParams, sendMessageBody, senderQuery, unbanParams } from '../chat/schemas.ts';
import { banUser, deleteChatMessage, sendChatMessage, unbanUser } from '../chat/operations.ts';
import { listChatLog } from '../chat/log.ts';

const SENDER_DOC = 'bot (default: the account default bot, else the global bot), channel, or a bot identifier';

const typeDefs = /* GraphQL */ `
  type ChatSender {
    integrationId: ID!
    username: String!
    global: Boolean!
  }

  type SentChatMessage {
    "The platform's message id (null where the platform answers none)."
    messageId: String
    platform: String!
    sender: ChatSender!
    sentAt: DateTime!
  }

  type ModerationTarget {
    userId: String
    username: String
  }

  type ModerationResult {
    platform: String!
    "banned or timed_out"
    action: String!
    target: ModerationTarget!
    requestedDurationS: Int
    "Seconds applied after unit conversion and clamping."
    appliedDurationS: Int
    clamped: Boolean!
    sender: ChatSender!
    appliedAt: DateTime!
  }

  type ChatLogSender {
    integrationId: ID!
    username: String!
  }

  type ChatLogEntry {
    id: ID!
    platform: String!
    "sent, deleted, banned, timed_out or unbanned"
    action: String!
    sender: ChatLogSender!
    target: String
    "Our own message (sends only)."
    text: String
    messageId: String
    durationS: Int
    createdAt: DateTime!
  }

  input SendChatMessageInput {
    text: String!
    "${SENDER_DOC}"
    sender: String
    replyTo: String
    "Wait up to this long (ms, at most 30000) for a free slot of the limit."
    waitMs: Int
  }

  input BanUserInput {
    userId: String
    username: String
    "Seconds: a timeout; leave out for a permanent ban."
    durationS: Int
    reason: String
    sender: String
  }

  extend type Query {
    "The account's recent sends and moderation actions, newest first."
    chatLog(platform: String, limit: Int): [ChatLogEntry!]!
  }

  extend type Mutation {
    "Sends a chat message (needs chat:send); RATE_LIMITED with retryAfter when the limit is full."
    sendChatMessage(platform: String!, input: SendChatMessageInput!): SentChatMessage
    deleteChatMessage(platform: String!, messageId: String!, sender: String): Boolean
    "Bans a user, or times them out with durationS (needs moderation:manage)."
    banUser(platform: String!, input: BanUserInput!): ModerationResult
    unbanUser(platform: String!, user: String!, sender: String): Boolean
  }
`;

type Opt<T> = T | null | undefined;
const platformArg = (platform: string): string => parseArg(chatPlatformParams, { platform }, 'platform').platform;
const senderArg = (sender: Opt<string>): string | undefined => parseArg(senderQuery, { sender: optional(sender) }, 'sender').sender;

export const chatModule: SchemaModule = {
  typeDefs,
  resolvers: {
    Query: {
      chatLog: guarded({ anyPermission: ['chat:send', 'moderation:manage'] }, (args: { platform?: Opt<string>; limit?: Opt<number> }, ctx) =>
        listChatLog(ctx.rt, ctx.caller, parseArg(chatLogQuery, { platform: optional(args.platform), limit: optional(args.limit) }, 'args')),
      ),
    },
    Mutation: {
      sendChatMessage: guarded(
        { permission: 'chat:send' },
        (args: { platform: string; input: { text: string; sender?: Opt<string>; replyTo?: Opt<string>; waitMs?: Opt<number> } }, ctx) => {
          const i = args.input;
          const body = parseArg(sendMessageBody, { text: i.text, sender: optional(i.sender), reply_to: optional(i.replyTo), wait_ms: optional(i.waitMs) }, 'input');
          return sendChatMessage(ctx.rt, ctx.caller, platformArg(args.platform), { text: body.text, sender: body.sender, replyTo: body.reply_to, waitMs: body.wait_ms });
        },
      ),
      deleteChatMessage: guarded({ permission: 'moderation:manage' }, async (args: { platform: string; messageId: string; sender?: Opt<string> }, ctx) => {
        const p = parseArg(messageParams, { platform: args.platform, message_id: args.messageId }, 'args');
        await deleteChatMessage(ctx.rt, ctx.caller, p.platform, p.message_id, senderArg(args.sender));
        return true;
      }),
      banUser: guarded(
        { permission: 'moderation:manage' },
        (args: { platform: string; input: { userId?: Opt<string>; username?: Opt<string>; durationS?: Opt<number>; reason?: Opt<string>; sender?: Opt<string> } }, ctx) => {
          const i = args.input;
          const b = parseArg(
            banBody,
            { user_id: optional(i.userId), username: optional(i.username), duration_s: optional(i.durationS), reason: optional(i.reason), sender: optional(i.sender) },
            'input',
          );
          return banUser(ctx.rt, ctx.caller, platformArg(args.platform), { userId: b.user_id, username: b.username, durationS: b.duration_s, reason: b.reason, sender: b.sender });
        },
      ),
      unbanUser: guarded({ permission: 'moderation:manage' }, async (args: { platform: string; user: string; sender?: Opt<string> }, ctx) => {
        const p = parseArg(unbanParams, { platform: args.platform, user: args.user }, 'args');
        await unbanUser(ctx.rt, ctx.caller, p.platform, p.user, senderArg(args.sender));
        return true;
      }),
    },
  },
};
