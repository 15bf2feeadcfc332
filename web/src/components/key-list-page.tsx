/**
 * The template of the key-like lists (API keys, service keys, webhooks, StreamElements tokens): a
 * header with the create button, the list or its empty state, the create dialog, the secret shown
 * once after creating, and a delete per row that asks first.
 */
import { useState, type ReactNode } from 'react';
import { useResource } from '../lib/use-resource.ts';
import { PageHeader } from './page-header.tsx';
import { Panel } from './panel.tsx';
import { ResourceView } from './resource-view.tsx';
import { EmptyState } from './empty-state.tsx';
import { Button } from './button.tsx';
import { Row, type RowProps } from './row.tsx';
import { RowAction } from './row-action.tsx';
import { CreatedSecretDialog } from './created-secret-dialog.tsx';

/** What the template gives its create dialog. */
export interface CreateDialogProps {
  open: boolean;
  onClose: () => void;
  /** Created, with the secret to show once when it has one. */
  onCreated: (secret?: string) => void;
}

export interface KeyListPageProps<T extends { id: string }> {
  title: string;
  description: ReactNode;
  /** A panel of a bigger page (its anchor and heading ids) instead of a page of its own. */
  panel?: { id: string; headingId: string };
  /** What is listed, for the loading and error lines ("API keys"). */
  what: string;
  load: () => Promise<T[]>;
  empty: { title: string; text: string };
  /** One item's row: its title, meta line and data-* attributes. */
  row: (item: T) => Omit<RowProps, 'action' | 'actions'>;
  create: {
    label: string;
    allowed: boolean;
    dialog: (props: CreateDialogProps) => ReactNode;
    /** The secret the API answers once, and how to call it. */
    reveal?: { title: string; label: string };
  };
  /** The row's delete button; its label is the dialog's confirm button too. */
  remove: { label: string; allowed: boolean; title: (item: T) => string; message: (item: T) => string; run: (item: T) => Promise<void> };
  /** What follows the list on the same page. */
  children?: ReactNode;
}

export function KeyListPage<T extends { id: string }>({ title, description, panel, what, load, empty, row, create, remove, children }: KeyListPageProps<T>) {
  const [resource, reload] = useResource(load);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);

  const createButton = create.allowed ? (
    <Button variant="primary" onClick={() => setCreating(true)}>
      {create.label}
    </Button>
  ) : null;
  const removeButton = (item: T) =>
    remove.allowed ? (
      <RowAction
        small
        variant="danger"
        confirm={{ title: remove.title(item), message: remove.message(item), confirmLabel: remove.label }}
        run={async () => {
          await remove.run(item);
          void reload();
        }}
      >
        {remove.label}
      </RowAction>
    ) : null;

  const content = (
    <>
      <ResourceView resource={resource} what={what} onRetry={() => void reload()}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState title={empty.title}>{empty.text}</EmptyState>
          ) : (
            <ul className="row-list">
              {items.map((item) => (
                <Row key={item.id} {...row(item)} actions={removeButton(item)} />
              ))}
            </ul>
          )
        }
      </ResourceView>
      {children}
      {create.dialog({
        open: creating,
        onClose: () => setCreating(false),
        onCreated: (created) => {
          if (created !== undefined) setSecret(created);
          void reload();
        },
      })}
      {create.reveal ? <CreatedSecretDialog title={create.reveal.title} label={create.reveal.label} secret={secret} onClose={() => setSecret(null)} /> : null}
    </>
  );

  return panel ? (
    <Panel title={title} headingId={panel.headingId} id={panel.id} description={description} action={createButton}>
      {content}
    </Panel>
  ) : (
    <>
      <PageHeader title={title} description={description} actions={createButton} />
      {content}
    </>
  );
}
