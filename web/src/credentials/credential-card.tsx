/** One platform's app credentials: where they come from, the redirect URI to register, Save and Delete. */
import { useState, type FormEvent } from 'react';
import type { AppCredential } from '../api/types.ts';
import { credentialsImpact, deleteAppCredentials, saveAppCredentials } from '../api/accounts-api.ts';
import { Button } from '../components/button.tsx';
import { Field } from '../components/field.tsx';
import { Badge } from '../components/badge.tsx';
import { CopyButton } from '../components/copy-button.tsx';
import { DateTime } from '../components/date-time.tsx';
import { ActionFeedback } from '../components/action-feedback.tsx';
import { RowAction } from '../components/row-action.tsx';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { breakAtSeparators } from '../lib/break-at-separators.tsx';
import { useAction } from '../lib/use-action.ts';
import { PlatformIcon } from '../connections/platform-icon.tsx';

export interface CredentialCardProps {
  slug: string;
  name: string;
  credential: AppCredential | undefined;
  onChanged: () => void;
}

const SOURCE_BADGE: Record<AppCredential['source'], string> = {
  account: 'Saved',
  instance: 'Instance default',
  sandbox: 'Sandbox',
  none: 'Not set',
};

export function CredentialCard({ slug, name, credential, onChanged }: CredentialCardProps) {
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const action = useAction();
  const source = credential?.source ?? 'none';

  // What saving would cut off, when it cuts off something: the confirmation names it before saving.
  const [pendingImpact, setPendingImpact] = useState<string | null>(null);

  const store = async () => {
    await saveAppCredentials(slug, { client_id: clientId.trim(), client_secret: clientSecret });
    // The secret leaves the page as soon as it is saved.
    setClientId('');
    setClientSecret('');
    onChanged();
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!clientId.trim() || !clientSecret) return action.fail('Enter both the Client ID and the Client Secret.');
    let summary: string | null = null;
    const checked = await action.run(async () => {
      summary = (await credentialsImpact(slug, { client_id: clientId.trim() })).summary;
      if (summary === null) await store();
    }, { success: `✓ Saved ${name} credentials.` });
    if (checked && summary !== null) {
      action.reset();
      setPendingImpact(summary);
    }
  };

  return (
    <section className="card credential-card" id={slug} aria-labelledby={`cred-${slug}-title`} data-platform={slug}>
      <div className="card-head">
        <PlatformIcon slug={slug} name={name} />
        <h2 className="card-title" id={`cred-${slug}-title`}>
          {name}
        </h2>
        <Badge tone={source === 'account' ? 'success' : source === 'none' ? 'neutral' : 'info'}>{SOURCE_BADGE[source]}</Badge>
      </div>
      <p className="card-text">
        {source === 'account' ? (
          <>
            Client ID <code>…{credential?.client_id_hint}</code>, updated <DateTime value={credential?.updated_at ?? credential?.created_at} />.
          </>
        ) : source === 'instance' ? (
          <>
            Using the instance-wide credentials from the server configuration{credential?.client_id_hint ? <> (Client ID <code>…{credential.client_id_hint}</code>)</> : null}. Save your own to use a separate app for this account.
          </>
        ) : source === 'sandbox' ? (
          'Sandbox mode supplies test credentials for the local fake. Saving your own replaces them for this account.'
        ) : (
          'No credentials yet. Register an app in the platform\u2019s developer portal, then paste its Client ID and Client Secret.'
        )}
      </p>
      {credential?.redirect_uri ? (
        <div className="redirect-uri">
          <p className="field-label" id={`redirect-${slug}`}>
            Redirect URI to register at {name}
          </p>
          <div className="secret-value-line">
            <code className="code-block" aria-labelledby={`redirect-${slug}`}>
              {breakAtSeparators(credential.redirect_uri)}
            </code>
            <CopyButton value={credential.redirect_uri} what={`${name} redirect URI`} />
          </div>
        </div>
      ) : null}
      <form onSubmit={(e) => void save(e)} noValidate className="credential-form">
        <Field label="Client ID" name={`${slug}-client-id`} autoComplete="off" spellCheck={false} value={clientId} onChange={(e) => setClientId(e.target.value)} />
        <Field
          label="Client Secret"
          name={`${slug}-client-secret`}
          type="password"
          autoComplete="new-password"
          value={clientSecret}
          onChange={(e) => setClientSecret(e.target.value)}
          hint="Stored encrypted (AES-256-GCM) and never shown again."
        />
        <ActionFeedback action={action} />
        <div className="card-actions">
          <Button type="submit" variant="primary" busy={action.busy}>
            Save
          </Button>
          {source === 'account' ? (
            <RowAction
              variant="danger"
              action={action}
              confirm={{
                title: `Delete ${name} credentials`,
                message: `Delete this account's ${name} app credentials? This also invalidates any active ${name} channel connection: it will need to be reconnected.`,
                confirmLabel: 'Delete',
              }}
              run={() => deleteAppCredentials(slug).then(onChanged)}
            >
              Delete
            </RowAction>
          ) : null}
        </div>
      </form>
      <ConfirmDialog
        open={pendingImpact !== null}
        title={`Save new ${name} credentials?`}
        message={<>{pendingImpact}: their tokens belong to the app you are replacing. Saving the same Client ID with a new secret keeps them connected.</>}
        confirmLabel="Save and reconnect later"
        onClose={() => setPendingImpact(null)}
        onConfirm={async () => {
          const told = pendingImpact;
          await store();
          await action.run(async () => undefined, { success: `✓ Saved ${name} credentials. ${told ?? ''}: reconnect them on the Connections page.` });
        }}
      />
    </section>
  );
}
