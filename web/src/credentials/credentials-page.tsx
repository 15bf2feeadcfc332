/** /dashboard/connections/credentials (App Credentials): per-platform Client ID and Secret. */
import { useEffect } from 'react';
import { listAppCredentials } from '../api/accounts-api.ts';
import type { AppCredential } from '../api/types.ts';
import { PageHeader } from '../components/page-header.tsx';
import { LinkButton } from '../components/link-button.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { useLocation } from '../lib/router.tsx';
import { useResource } from '../lib/use-resource.ts';
import { CredentialCard } from './credential-card.tsx';
import { usePlatforms } from '../lib/platforms.tsx';

export function CredentialsPage() {
  const platforms = usePlatforms();
  const [resource, reload] = useResource<AppCredential[]>(listAppCredentials);
  const { hash } = useLocation();

  // The Set Up button deep-links here with #platform: bring that card into view and start at its first field.
  useEffect(() => {
    if (resource.status !== 'ready' || !hash) return;
    const card = document.getElementById(hash.slice(1));
    card?.scrollIntoView({ block: 'start' });
    card?.querySelector<HTMLInputElement>('input')?.focus();
  }, [resource.status, hash]);

  return (
    <>
      <PageHeader
        title="App Credentials"
        description="The Client ID and Client Secret of the app you registered at each platform. They let Bifrost speak to the platform on this account's behalf; they are separate from your Bifrost sign-in, per account, and encrypted at rest (AES-256-GCM)."
        actions={<LinkButton to="/dashboard/connections">Back to Connections</LinkButton>}
      />
      <ResourceView resource={resource} what="app credentials" onRetry={() => void reload()}>
        {(credentials) => (
          <div className="card-grid card-grid-wide">
            {platforms.list.map((p) => (
              <CredentialCard key={p.slug} slug={p.slug} name={p.name} credential={credentials.find((c) => c.platform === p.slug)} onChanged={() => void reload()} />
            ))}
          </div>
        )}
      </ResourceView>
    </>
  );
}
