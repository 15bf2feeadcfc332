/** The current account: rename and delete (owners), and create another account. */
import { useState, type FormEvent } from 'react';
import { createAccount, deleteAccount, renameAccount } from '../api/accounts-api.ts';
import { Button } from '../components/button.tsx';
import { Field } from '../components/field.tsx';
import { Dialog } from '../components/dialog.tsx';
import { Panel } from '../components/panel.tsx';
import { FormError } from '../components/form-error.tsx';
import { RowAction } from '../components/row-action.tsx';
import { useSession } from '../lib/session.tsx';
import { usePlatforms } from '../lib/platforms.tsx';
import { useAction } from '../lib/use-action.ts';

export function AccountPanel() {
  const session = useSession();
  const platforms = usePlatforms();
  const account = session.account;
  const isOwner = account?.role === 'owner';
  const [name, setName] = useState(account?.name ?? '');
  const [newName, setNewName] = useState('');
  const [deleting, setDeleting] = useState(false);
  const [confirmName, setConfirmName] = useState('');
  const action = useAction();

  // Every change shows in the session (the switcher's names, the current account).
  const thenRefresh = (task: () => Promise<unknown>) => async () => {
    await task();
    await session.refresh();
  };
  const rename = (e: FormEvent) => {
    e.preventDefault();
    if (account && name.trim()) void action.run(thenRefresh(() => renameAccount(account.id, { name: name.trim() })), { name: 'rename' });
  };
  const create = (e: FormEvent) => {
    e.preventDefault();
    if (!newName.trim()) return action.fail('Name the new account.');
    const created = async () => session.switchAccount((await createAccount({ name: newName.trim() })).id);
    void action.run(thenRefresh(created), { name: 'create' });
  };

  return (
    <Panel title="Accounts" headingId="account-heading">
      <FormError error={action.error} />
      {account && isOwner ? (
        <form onSubmit={rename} className="inline-form-block">
          <Field label="Name of this account" value={name} onChange={(e) => setName(e.target.value)} />
          <div className="card-actions">
            <Button type="submit" busy={action.isBusy('rename')}>
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
        <Button type="submit" variant="primary" busy={action.isBusy('create')}>
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
              <RowAction variant="danger" action={action} disabled={confirmName !== account.name} run={thenRefresh(() => deleteAccount(account.id, { confirm_name: confirmName }))}>
                Delete forever
              </RowAction>
            </>
          }
        >
          <p>This deletes the account with its connections, credentials, keys and members, and revokes the connections' access at {platforms.names('and')}. It cannot be undone.</p>
          <Field label={`Type "${account.name}" to confirm`} value={confirmName} onChange={(e) => setConfirmName(e.target.value)} autoComplete="off" />
        </Dialog>
      ) : null}
    </Panel>
  );
}
