/** YouTube's OAuth scopes relevant to Bifrost [G7][G10][G11][G18] and the defaults per integration type. */
import type { ScopeCatalogue } from '../types.ts';

const G = 'https://www.googleapis.com/auth/';

const ALL = [
  { scope: `${G}youtube`, description: 'Manage your YouTube account' },
  { scope: `${G}youtube.force-ssl`, description: 'See, edit and permanently delete your YouTube videos, ratings, comments and live chat (SSL-only)' },
  { scope: `${G}youtube.readonly`, description: 'View your YouTube account' },
  { scope: `${G}youtube.upload`, description: 'Upload YouTube videos (not needed for chat)' },
  { scope: `${G}youtubepartner`, description: 'View and manage your assets on YouTube (partner/CMS; not needed for chat)' },
] as const;

const forceSsl = { ...ALL[1], required: true };

/**
 * youtube.force-ssl covers reading, sending, deleting and banning in live chat [G7][G10][G11], for
 * the channel and for a bot (which must be a moderator of the chat to delete or ban).
 */
export const YOUTUBE_SCOPES: ScopeCatalogue = {
  all: ALL,
  channel: [forceSsl],
  bot: [forceSsl],
};
