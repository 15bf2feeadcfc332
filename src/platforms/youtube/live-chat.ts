/**
 * YouTube's live connector (`youtube.livechat`): finds the channel's active broadcast and polls its
 * live chat. liveChatMessages.list is paged by `nextPageToken` and paced by `pollingIntervalMillis`
 * [G8][G21]; the first page of a chat is history, so only its token is taken. The page token, the
 * chat id and the day's quota use are kept in the cursor, so a restart resumes where it stopped.
 * When `offlineAt` appears the run ends; while no broadcast is live, the run stays and looks again
 * every `lookEveryMs` (one unit each). Every call counts against `quotaUnitsPerDay`; once spent,
 * polling waits for the quota day to turn (midnight Pacific [G12]).
 */
import { ConnectorGaveUp, type Connector, type ConnectorContext, type IncomingEvent } from '../event-types.ts';
import { broadcastListResponse, liveChatMessage, liveChatMessageListResponse, normaliseLiveChatMessage } from './live-chat-wire.ts';

/** Unit cost of each call: liveBroadcasts.list 1 [G12]; liveChatMessages.list 5 (third-party figure [G12b]). */
export const LIVE_CHAT_COSTS = { broadcasts: 1, messages: 5 } as const;

export interface LiveChatOptions {
  /** Units this connector may spend per quota day; the project has 10,000 a day by default [G12], shared with chat sends. */
  quotaUnitsPerDay?: number;
  /** How often to look for a live broadcast while none is live (ms). */
  lookEveryMs?: number;
  /** Floor under the platform's polling interval (ms). */
  minPollMs?: number;
}

/** Half the default project quota: the rest stays for sending, moderation and the other channels. */
export const DEFAULT_LIVE_CHAT_QUOTA_UNITS = 5_000;
const DEFAULT_LOOK_EVERY_MS = 5 * 60_000;
const DEFAULT_MIN_POLL_MS = 1_000;

/** What survives a restart (JSON in the connector's cursor). */
interface LiveChatCursor {
  /** The chat being read and the page token to ask for next (null: the backlog page is still to be skipped). */
  chat: { id: string; pageToken: string | null } | null;
  /** A chat that went offline: not attached to again. */
  ended: string | null;
  /** Quota day (YYYY-MM-DD in Pacific time) and units used in it. */
  day: string;
  used: number;
}

/** The quota day: Google resets the daily quota at midnight Pacific time [G12]. */
export function quotaDay(now: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(now));
}

function parseCursor(raw: string | null, day: string): LiveChatCursor {
  const fresh: LiveChatCursor = { chat: null, ended: null, day, used: 0 };
  if (!raw) return fresh;
  try {
    const c = JSON.parse(raw) as Partial<LiveChatCursor>;
    return { ...fresh, ...c, ...(c.day === day ? {} : { day, used: 0 }) };
  } catch {
    return fresh;
  }
}

class QuotaSpent extends Error {}

export function createYouTubeLiveChatConnector(options: LiveChatOptions = {}): Connector {
  const budget = options.quotaUnitsPerDay ?? DEFAULT_LIVE_CHAT_QUOTA_UNITS;
  const lookEveryMs = options.lookEveryMs ?? DEFAULT_LOOK_EVERY_MS;
  const minPollMs = options.minPollMs ?? DEFAULT_MIN_POLL_MS;

  return {
    async run(ctx: ConnectorContext): Promise<void> {
      const cur = parseCursor(await ctx.cursor.get(), quotaDay(ctx.now()));
      const save = () => ctx.cursor.set(JSON.stringify(cur));
      ctx.setState({ state: 'connecting' });

      /** One GET with the channel token: counts its units, retries once after a forced refresh on 401. */
      const call = async (url: string, cost: number): Promise<{ status: number; body: unknown }> => {
        const day = quotaDay(ctx.now());
        if (cur.day !== day) Object.assign(cur, { day, used: 0 });
        if (cur.used + cost > budget) throw new QuotaSpent();
        let token = await ctx.accessToken();
        for (let attempt = 0; ; attempt++) {
          cur.used += cost; // every request costs, even a refused one [G12]
          const res = await ctx.fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, signal: ctx.signal });
          const body: unknown = await res.json().catch(() => null);
          if (res.status === 401 && attempt === 0) {
            token = await ctx.tokenRejected();
            continue;
          }
          return { status: res.status, body };
        }
      };
      const reasonOf = (body: unknown): string => {
        const e = (body as { error?: { errors?: { reason?: string }[]; message?: string } } | null)?.error;
        return e?.errors?.[0]?.reason ?? e?.message ?? 'unknown';
      };
      /** A grant without a reading scope cannot work until the channel is reconnected. */
      const refusal = (what: string, status: number, reason: string): Error =>
        status === 403 && (reason === 'insufficientPermissions' || reason === 'forbidden')
          ? new ConnectorGaveUp(`YouTube refused to ${what} (${reason}); reconnect the channel with a YouTube read scope`)
          : new Error(`YouTube answered ${status} to ${what} (${reason})`);

      /** The active broadcast's chat id, or null when none is live (or only the chat that already ended). */
      const findChat = async (): Promise<string | null> => {
        const { status, body } = await call(`${ctx.baseUrls.api}/liveBroadcasts?part=snippet&broadcastStatus=active`, LIVE_CHAT_COSTS.broadcasts);
        if (status !== 200) throw refusal('list live broadcasts', status, reasonOf(body));
        const parsed = broadcastListResponse.safeParse(body);
        if (!parsed.success) throw new Error('YouTube liveBroadcasts.list answered an unexpected body');
        const ids = (parsed.data.items ?? []).map((b) => b.snippet.liveChatId).filter((id): id is string => !!id && id !== cur.ended);
        return ids[0] ?? null;
      };

      while (!ctx.signal.aborted) {
        try {
          if (!cur.chat) {
            const chatId = await findChat();
            ctx.setState({ state: 'connected' });
            if (!chatId) {
              await save();
              await ctx.sleep(lookEveryMs);
              continue;
            }
            cur.chat = { id: chatId, pageToken: null };
          }
          const chat = cur.chat;
          const q = new URLSearchParams({ liveChatId: chat.id, part: 'snippet,authorDetails' });
          if (chat.pageToken) q.set('pageToken', chat.pageToken);
          const { status, body } = await call(`${ctx.baseUrls.api}/liveChat/messages?${q}`, LIVE_CHAT_COSTS.messages);
          const reason = status === 200 ? null : reasonOf(body);
          if (reason === 'liveChatEnded' || reason === 'liveChatNotFound' || reason === 'liveChatDisabled') {
            Object.assign(cur, { chat: null, ended: chat.id });
            await save();
            return;
          }
          if (reason === 'quotaExceeded') throw new QuotaSpent();
          if (status !== 200 && reason) throw refusal('list live chat messages', status, reason);
          const page = liveChatMessageListResponse.safeParse(body);
          if (!page.success) throw new Error('YouTube liveChatMessages.list answered an unexpected body');
          ctx.setState({ state: 'connected' });
          if (chat.pageToken !== null) {
            const events = (page.data.items ?? []).flatMap((item): IncomingEvent[] => {
              const m = liveChatMessage.safeParse(item);
              const e = m.success ? normaliseLiveChatMessage(m.data) : null;
              return e ? [e] : [];
            });
            if (events.length > 0) await ctx.emit('youtube.livechat', events);
          }
          // Stored after the page is in the log: a crash in between re-reads the page, and the log deduplicates.
          chat.pageToken = page.data.nextPageToken ?? chat.pageToken ?? '';
          if (page.data.offlineAt) {
            Object.assign(cur, { chat: null, ended: chat.id });
            await save();
            return;
          }
          await save();
          await ctx.sleep(Math.max(minPollMs, page.data.pollingIntervalMillis ?? 0));
        } catch (err) {
          if (!(err instanceof QuotaSpent)) throw err;
          await save();
          ctx.setState({ state: 'error', reason: `the daily YouTube quota budget (${budget} units) is spent; reading resumes after midnight Pacific time` });
          while (quotaDay(ctx.now()) === cur.day && !ctx.signal.aborted) await ctx.sleep(lookEveryMs);
        }
      }
    },
  };
}
