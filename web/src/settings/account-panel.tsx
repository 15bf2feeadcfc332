/** The current account: rename and delete (owners), and create another account. */
import { useState, type FormEvent } from 'react';
import { createAccount, deleteAccount, renameAccount } from '../api/accounts-api.ts';
import { errorMessage } from '../api/client.ts';
import { Button } from '../components/button.tsx';
import { Field } from '../components/field.tsx';
import { Dialog } from '../components/dialog.tsx';
import { useSession } from '../lib/session.tsx';
import { usePlatforms } from '../lib/platforms.tsx';

export function AccountPanel() {
  const session = useSession();
  const platforms = usePlatforms();
  const account = session.account;
  const isOwner = account?.role === 'owner';
  const [name, setName] = useState(account?.name ?? '');
  const [newName, setNewName] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [confirmName, setConfirmName] = useState('');

  const run = async (what: string, action: () => Promise<unknown>) => {
    setBusy(what);
    setError(null);
    try {
      await action();
      await session.refresh();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(null);
    }
  };

  const rename = (e: FormEvent) => {
    e.preventDefault();
    if (account && name.trim()) void run('rename', () => renameAccount(account.id, { name: name.trim() }));
  };
  const create = (e: FormEvent) => {
    e.preventDefault();
    if (!newName.trim()) return setError('Name the new account.');
    void run('create', async () => {
      const created = await createAccount({ name: newName.trim() });
      session.switchAccount(created.id);
    });
  };

  return (
    <section className="panel" aria-labelledby="account-heading">
      <h2 className="panel-title" id="account-heading">
        Accounts
      </h2>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {account && isOwner ? (
        <form onSubmit={rename} className="inline-form-block">
          <Field label="Name of this account" value={name} onChange={(e) => setName(e.target.value)} />
          <div className="card-actions">
            <Button type="submit" busy={busy === 'rename'}>
              Rename
            </Button>
            <Button variant="danger" onClick={() => setDeleting(true)}>
              Delete account
            </Button>
          </div>
        </form>
      ) : account ? (
        <p>
          You are <strong>{account.role_name ?? account.role}</strong> in <strong>{account.name}</strong>. Only owners rename or delete an account.
        </p>
      ) : null}
      <form onSubmit={create} className="inline-form-block">
        <Field label="New account" value={newName} onChange={(e) => setNewName(e.target.value)} placeholder="Second channel" hint="One account per channel, brand or team; you become its owner." />
        <Button type="submit" variant="primary" busy={busy === 'create'}>
          Create account
        </Button>
      </form>
      {account ? (
        <Dialog
          open={deleting}
          title={`Delete ${account.name}`}
          onClose={() => setDeleting(false)}
          footer={
            <>
              <Button onClick={() => setDeleting(false)}>Cancel</Button>
              <Button
                variant="danger"
                busy={busy === 'delete'}
                disabled={confirmName !== account.name}
                onClick={() => void run('delete', () => deleteAccount(account.id, { confirm_name: confirmName }))}
              >
                Delete forever
              </Button>
            </>
          }
        >
          <p>This deletes the account with its connections, credentials, keys and members, and revokes the connections' access at {platforms.names('and')}. It cannot be undone.</p>
          <Field label={`Type "${account.name}" to confirm`} value={confirmName} onChange={(e) => setConfirmName(e.target.value)} autoComplete="off" />
        </Dialog>
      ) : null}
    </section>
  );
}
