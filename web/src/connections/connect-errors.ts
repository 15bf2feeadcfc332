/**
 * What each `?error=` code of the OAuth callback means for the user and what to do next (the codes
 * of src/integrations/callback.ts; README "Connection errors").
 */

export interface ConnectErrorText {
  title: string;
  advice: string;
}

export function connectErrorText(code: string, platform: string): ConnectErrorText {
  const p = platform || 'the platform';
  switch (code) {
    case 'denied':
      return { title: `You denied access on ${p}.`, advice: `Nothing was connected. Click Connect again and choose Authorize to link your account.` };
    case 'expired':
      return { title: `The ${p} sign-in took too long and expired.`, advice: 'Authorization links are valid for 10 minutes. Click Connect to start again.' };
    case 'state_mismatch':
      return {
        title: `The answer from ${p} could not be matched to a sign-in you started.`,
        advice: 'It was already used, or opened in another browser or session. Start again from this page with Connect.',
      };
    case 'platform_error':
      return {
        title: `${p} returned an error while finishing the connection.`,
        advice: 'Check the Client ID and Client Secret under App Credentials and that the redirect URI matches exactly, wait 60 seconds, then try again.',
      };
    case 'no_channel':
      return {
        title: `The account you signed in with has no ${p} channel.`,
        advice: `${p} connects a channel, not just an account. Create a channel for that account on ${p} (signed in, open your profile menu and choose "Create a channel"), then click Connect again, or pick the account that owns your channel.`,
      };
    case 'account_mismatch':
      return {
        title: `You authorized a different ${p} account than the one linked.`,
        advice: `Reconnecting never changes which channel is linked. Sign in to ${p} as the linked account and reconnect, or disconnect first to link another account.`,
      };
    case 'credentials_missing':
      return { title: `${p} has no app credentials for this account.`, advice: 'Add a Client ID and Client Secret under App Credentials, then click Connect.' };
    case 'platform_disabled':
      return { title: `${p} is disabled on this Bifrost instance.`, advice: 'Ask an instance admin to enable it, then connect again.' };
    case 'already_connected':
      return { title: `This ${p} account is already connected.`, advice: 'Use Reconnect on its card to refresh the connection instead of connecting it again.' };
    case 'not_found':
      return { title: `The ${p} connection being reconnected no longer exists.`, advice: 'It was disconnected meanwhile. Click Connect to link it again.' };
    case 'invalid_request':
      return {
        title: `The answer from ${p} was incomplete or malformed.`,
        advice: 'Start again with Connect. If it keeps happening, check the redirect URI registered at the platform (see App Credentials).',
      };
    default:
      return { title: `Connecting ${p} failed (${code}).`, advice: 'Try again with Connect. If it keeps failing, check App Credentials.' };
  }
}
