/**
 * The banner after an OAuth round trip: reads `?connected=` or `?error=` once, then cleans the address
 * bar so a reload does not repeat it.
 */
import { useEffect, useRef, useState } from 'react';
import { Banner } from '../components/banner.tsx';
import { navigate, useLocation } from '../lib/router.tsx';
import { usePlatforms } from '../lib/platforms.tsx';
import { connectErrorText } from './connect-errors.ts';
import { takeConnecting } from './pending-connect.ts';

type Result = { kind: 'connected'; platform: string } | { kind: 'error'; code: string; platform: string | null };

export interface OAuthResultBannerProps {
  /** Grows each time a later action on the page succeeds: an error banner from before is then stale and goes. */
  successes?: number;
}

export function OAuthResultBanner({ successes = 0 }: OAuthResultBannerProps) {
  const location = useLocation();
  const platforms = usePlatforms();
  const [result, setResult] = useState<Result | null>(null);
  const seen = useRef(successes);

  useEffect(() => {
    if (seen.current === successes) return;
    seen.current = successes;
    setResult((r) => (r?.kind === 'error' ? null : r));
  }, [successes]);

  useEffect(() => {
    const connected = location.search.get('connected');
    const error = location.search.get('error');
    if (!connected && !error) return;
    const started = takeConnecting();
    setResult(connected ? { kind: 'connected', platform: connected } : { kind: 'error', code: error ?? '', platform: location.search.get('platform') ?? started });
    navigate(location.pathname, { replace: true });
  }, [location.search, location.pathname]);

  if (!result) return null;
  if (result.kind === 'connected') {
    return (
      <Banner tone="success" title={`Successfully connected to ${platforms.name(result.platform)}!`} onDismiss={() => setResult(null)} className="oauth-banner" />
    );
  }
  const text = connectErrorText(result.code, platforms.name(result.platform));
  return (
    <Banner tone="error" title={text.title} onDismiss={() => setResult(null)} className="oauth-banner">
      <p>{text.advice}</p>
    </Banner>
  );
}
