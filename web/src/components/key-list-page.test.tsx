// @vitest-environment happy-dom
/**
 * The one template of the key-like lists: the four pages use it (and keep no busy/error state of
 * their own), and it lists, says when empty, hides what the member may not do, asks before a delete,
 * then deletes and reloads — with the failure of a delete shown in its dialog, not lost.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderAs } from '../testing/render.tsx';
import { KeyListPage, type KeyListPageProps } from './key-list-page.tsx';

afterEach(cleanup);

// The four key-like pages, as source text: each must be built on the template.
const PAGES = import.meta.glob(['../keys/api-keys-page.tsx', '../keys/service-keys-page.tsx', '../keys/webhooks-page.tsx', '../tools/streamelements-panel.tsx'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

interface Key {
  id: string;
  name: string;
}

function page(store: Key[], allowed: boolean, remove: (k: Key) => Promise<void> = async (k) => void store.splice(store.indexOf(k), 1)) {
  const props: KeyListPageProps<Key> = {
    title: 'API Keys',
    description: 'Keys for scripts.',
    what: 'API keys',
    load: async () => [...store],
    empty: { title: 'No API keys', text: 'Create one.' },
    row: (k) => ({ 'data-key': k.name, title: k.name }),
    create: { label: 'New API key', allowed, dialog: () => null },
    remove: { label: 'Revoke', allowed, title: (k) => `Revoke ${k.name}`, message: () => 'Revoke this API key?', run: remove },
  };
  return renderAs({ permissions: [] }, <KeyListPage<Key> {...props} />);
}

describe('KeyListPage', () => {
  it('is the template of API keys, service keys, webhooks and StreamElements tokens, none keeping its own busy or error state', () => {
    expect(Object.keys(PAGES)).toHaveLength(4);
    for (const [file, source] of Object.entries(PAGES)) {
      expect(source, file).toContain('<KeyListPage');
      expect(source, file).not.toMatch(/useState|useAction|FormError/);
    }
  });

  it('lists the items, and says so when there are none', async () => {
    page([{ id: '1', name: 'obs-script' }], true);
    await screen.findByText('obs-script');
    cleanup();
    page([], true);
    await screen.findByText('No API keys');
  });

  it('hides the create and delete buttons from a member who may not use them', async () => {
    page([{ id: '1', name: 'obs-script' }], false);
    await screen.findByText('obs-script');
    expect(screen.queryByRole('button', { name: 'New API key' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Revoke' })).toBeNull();
  });

  it('asks before deleting, then deletes and reloads the list', async () => {
    const store = [
      { id: '1', name: 'obs-script' },
      { id: '2', name: 'chat-bot' },
    ];
    page(store, true);
    const row = (await screen.findByText('obs-script')).closest('li')!;
    fireEvent.click(within(row).getByRole('button', { name: 'Revoke' }));
    // Nothing is deleted until the dialog is confirmed.
    expect(store).toHaveLength(2);
    const dialog = screen.getByRole('dialog', { name: 'Revoke obs-script', hidden: true });
    expect((dialog as HTMLDialogElement).open).toBe(true);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke', hidden: true }));
    await waitFor(() => expect(screen.queryByText('obs-script')).toBeNull());
    expect(store.map((k) => k.name)).toEqual(['chat-bot']);
  });

  it('shows a failed delete in its dialog and keeps the item', async () => {
    page([{ id: '1', name: 'obs-script' }], true, async () => {
      throw new Error('Bifrost could not revoke the key.');
    });
    const row = (await screen.findByText('obs-script')).closest('li')!;
    fireEvent.click(within(row).getByRole('button', { name: 'Revoke' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke obs-script', hidden: true });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke', hidden: true }));
    await within(dialog).findByText('Bifrost could not revoke the key.', { exact: false });
    expect(screen.getByText('obs-script')).toBeTruthy();
  });
});
