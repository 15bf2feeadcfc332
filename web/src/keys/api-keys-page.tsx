/** /dashboard/api-keys: keys for scripts and tools calling the REST or GraphQL API (Authorization: Bearer bf_…). */
import { listApiKeys, revokeApiKey } from '../api/accounts-api.ts';
import type { ApiKey } from '../api/types.ts';
import { KeyListPage } from '../components/key-list-page.tsx';
import { DateTime } from '../components/date-time.tsx';
import { useCan } from '../lib/session.tsx';
import { ApiKeyDialog } from './api-key-dialog.tsx';
import { keyRowText } from './key-row-text.tsx';

export function ApiKeysPage() {
  const mayEdit = useCan()('api-keys:edit');
  return (
    <KeyListPage<ApiKey>
      title="API Keys"
      description={
        <>
          Keys for scripts and tools that call Bifrost's REST or GraphQL API as this account. Send one as <code>Authorization: Bearer bf_…</code>.
        </>
      }
      what="API keys"
      load={listApiKeys}
      empty={{ title: 'No API keys', text: 'Create a key for each script or tool, so you can revoke one without touching the others.' }}
      row={(k) => ({
        'data-key': k.name,
        ...keyRowText(
          k,
          k.expires_at ? (
            <>
              expires <DateTime value={k.expires_at} />
            </>
          ) : (
            'no expiry'
          ),
        ),
        children: (
          <p className="row-meta perm-chips">
            {k.permissions.map((p) => (
              <code className="chip" key={p}>
                {p}
              </code>
            ))}
          </p>
        ),
      })}
      create={{ label: 'New API key', allowed: mayEdit, dialog: (props) => <ApiKeyDialog {...props} />, reveal: { title: 'API key created', label: 'API key' } }}
      remove={{
        label: 'Revoke',
        allowed: mayEdit,
        title: (k) => `Revoke ${k.name}`,
        message: () => 'Revoke this API key? Anything using it stops working immediately.',
        run: (k) => revokeApiKey(k.id),
      }}
    />
  );
}
