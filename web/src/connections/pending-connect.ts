/**
 * Remembers, for the trip to the platform and back, which platform the user was connecting: the
 * callback's `?error=` redirect does not always name it, and "You denied access on the platform"
 * helps nobody. Session storage only (this tab), a slug and a time — nothing secret.
 */
const KEY = 'bifrost.connecting';
const MAX_AGE_MS = 15 * 60 * 1000;

export function rememberConnecting(slug: string): void {
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify({ slug, at: Date.now() }));
  } catch {
    // storage disabled: the banner falls back to a generic platform name
  }
}

/** The platform being connected, if the trip started in this tab within the last 15 minutes; forgets it. */
export function takeConnecting(): string | null {
  try {
    const raw = window.sessionStorage.getItem(KEY);
    window.sessionStorage.removeItem(KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as { slug?: unknown; at?: unknown };
    if (typeof value.slug !== 'string' || typeof value.at !== 'number' || Date.now() - value.at > MAX_AGE_MS) return null;
    return value.slug;
  } catch {
    return null;
  }
}
