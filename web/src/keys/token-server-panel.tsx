/**
 * Companion token server ids (issue 6): per integration, enable or rotate an id (shown once,
 * with its URL) or disable it.
 */
import { useState } from 'react';
import type { Integration, TokenServerId } from '../api/types.ts';
import { disableTokenServer, enableTokenServer } from '../api/integrations-api.ts';
import { errorMessage } from '../api/client.ts';
import { Button } from '../components/button.tsx';
import { Dialog } from '../components/dialog.tsx';
import { SecretReveal } from '../components/secret-reveal.tsx';
import { CopyButton } from '../components/copy-button.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { useCan } from '../lib/session.tsx';
import { usePlatforms } from '../lib/platforms.tsx';
import { handle } from '../lib/handle.ts';

export function TokenServerPanel({ integrations }: { integrations: Integration[] }) {
  const can = useCan();
  const platforms = usePlatforms();
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<TokenServerId | null>(null);

  const run = async (integration: Integration, action: 'enable' | 'disable') => {
    setBusy(`${integration.id}:${action}`);
    setErrors((e) => ({ ...e, [integration.id]: '' }));
    setNotes((n) => ({ ...n, [integration.id]: '' }));
    try {
      if (action === 'enable') setCreated(await enableTokenServer(integration.id));
      else {
        await disableTokenServer(integration.id);
        setNotes((n) => ({ ...n, [integration.id]: 'Token server id disabled.' }));
      }
    } catch (err) {
      setErrors((e) => ({ ...e, [integration.id]: errorMessage(err) }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="panel" aria-labelledby="token-server-heading">
      <h2 className="panel-title" id="token-server-heading">
        Companion token server
      </h2>
      <p className="panel-description">
        For Bitfocus Companion's Twitch module: an id per integration whose URL answers with the current access token. Enabling again rotates the id; the old one stops working.
      </p>
      {integrations.length === 0 ? (
        <EmptyState title="No connections yet">Connect a channel or a bot first.</EmptyState>
      ) : (
        <ul className="row-list">
          {integrations.map((i) => (
            <li className="row-item" key={i.id}>
              <div className="row-main">
                <p className="row-title">
                  {platforms.name(i.platform)} {i.integration_type === 'bot' ? `bot ${i.bot_identifier}` : 'channel'} <span className="muted">{handle(i.platform_username)}</span>
                </p>
                {errors[i.id] ? (
                  <p className="form-error" role="alert">
                    {errors[i.id]}
                  </p>
                ) : null}
                {notes[i.id] ? (
                  <p className="inline-result inline-ok" role="status">
                    {notes[i.id]}
                  </p>
                ) : null}
              </div>
              {can('connections:edit') ? (
                <div className="row-actions">
                  <Button small busy={busy === `${i.id}:enable`} onClick={() => void run(i, 'enable')}>
                    Enable or rotate
                  </Button>
                  <Button small variant="danger" busy={busy === `${i.id}:disable`} onClick={() => void run(i, 'disable')}>
                    Disable
                  </Button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Dialog
        open={created !== null}
        title="Token server id"
        onClose={() => setCreated(null)}
        footer={
          <Button variant="primary" onClick={() => setCreated(null)}>
            Done, I copied it
          </Button>
        }
      >
        {created ? (
          <>
            <p>
              In Companion's Twitch API module, enter the URL as the custom token server and the id as its token: Companion asks <code>URL?id=ID</code> and gets the current access token.
            </p>
            <div className="secret-row">
              <p className="field-label" id="token-server-url-label">
                Token server URL
              </p>
              <div className="secret-value-line">
                <code className="code-block" aria-labelledby="token-server-url-label">
                  {created.url}
                </code>
                <CopyButton value={created.url} what="token server URL" />
              </div>
            </div>
            <SecretReveal label="Token server id" value={created.token_server_id} note="The id is shown only now; anyone who has it can read this access token. Enabling again rotates it." />
          </>
        ) : null}
      </Dialog>
    </section>
  );
}
