/**
 * Companion token server ids (issue 6): per integration, enable or rotate an id (shown once,
 * with its URL) or disable it.
 */
import { useState } from 'react';
import type { Integration, TokenServerId } from '../api/types.ts';
import { disableTokenServer, enableTokenServer } from '../api/integrations-api.ts';
import { Panel } from '../components/panel.tsx';
import { Row } from '../components/row.tsx';
import { RowAction } from '../components/row-action.tsx';
import { CreatedSecretDialog } from '../components/created-secret-dialog.tsx';
import { CopyButton } from '../components/copy-button.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { useCan } from '../lib/session.tsx';
import { usePlatforms } from '../lib/platforms.tsx';
import { useAction } from '../lib/use-action.ts';
import { handle } from '../lib/handle.ts';
import { integrationLabel } from './integration-label.ts';

function TokenServerRow({ integration, onEnabled }: { integration: Integration; onEnabled: (created: TokenServerId) => void }) {
  const can = useCan();
  const platforms = usePlatforms();
  const action = useAction();
  return (
    <Row
      title={
        <>
          {integrationLabel(platforms, integration)} <span className="muted">{handle(integration.platform_username)}</span>
        </>
      }
      action={action}
      actions={
        can('connections:edit') ? (
          <>
            <RowAction small action={action} run={async () => onEnabled(await enableTokenServer(integration.id))}>
              Enable or rotate
            </RowAction>
            <RowAction small variant="danger" action={action} run={() => disableTokenServer(integration.id)} success="Token server id disabled.">
              Disable
            </RowAction>
          </>
        ) : null
      }
    />
  );
}

export function TokenServerPanel({ integrations }: { integrations: Integration[] }) {
  const [created, setCreated] = useState<TokenServerId | null>(null);
  return (
    <Panel
      title="Companion token server"
      headingId="token-server-heading"
      description="For Bitfocus Companion's Twitch module: an id per integration whose URL answers with the current access token. Enabling again rotates the id; the old one stops working."
    >
      {integrations.length === 0 ? (
        <EmptyState title="No connections yet">Connect a channel or a bot first.</EmptyState>
      ) : (
        <ul className="row-list">
          {integrations.map((i) => (
            <TokenServerRow key={i.id} integration={i} onEnabled={setCreated} />
          ))}
        </ul>
      )}
      <CreatedSecretDialog
        title="Token server id"
        label="Token server id"
        secret={created?.token_server_id ?? null}
        note="The id is shown only now; anyone who has it can read this access token. Enabling again rotates it."
        onClose={() => setCreated(null)}
      >
        <p>
          In Companion's Twitch API module, enter the URL as the custom token server and the id as its token: Companion asks <code>URL?id=ID</code> and gets the current access token.
        </p>
        <div className="secret-row">
          <p className="field-label" id="token-server-url-label">
            Token server URL
          </p>
          <div className="secret-value-line">
            <code className="code-block" aria-labelledby="token-server-url-label">
              {created?.url}
            </code>
            <CopyButton value={created?.url ?? ''} what="token server URL" />
          </div>
        </div>
      </CreatedSecretDialog>
    </Panel>
  );
}
