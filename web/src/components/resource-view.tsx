/** Renders a Resource: a loading line, a calm "not available" note, an error with Retry, or the content. */
import type { ReactNode } from 'react';
import type { Resource } from '../lib/use-resource.ts';
import { Spinner } from './spinner.tsx';
import { Button } from './button.tsx';

export interface ResourceViewProps<T> {
  resource: Resource<T>;
  /** What is loading, for the loading and error lines ("members", "API keys"). */
  what: string;
  onRetry?: () => void;
  children: (data: T) => ReactNode;
}

export function ResourceView<T>({ resource, what, onRetry, children }: ResourceViewProps<T>) {
  switch (resource.status) {
    case 'loading':
      return (
        <p className="state state-loading" role="status">
          <Spinner /> Loading {what}…
        </p>
      );
    case 'unavailable':
      return (
        <div className="state state-unavailable">
          <p className="state-title">Not available on this server</p>
          <p>This Bifrost server does not offer {what} yet. Update Bifrost to use this page.</p>
        </div>
      );
    case 'error':
      return (
        <div className="state state-error" role="alert">
          <p className="state-title">Could not load {what}</p>
          <p>{resource.error.message}</p>
          {onRetry ? <Button onClick={onRetry}>Retry</Button> : null}
        </div>
      );
    case 'ready':
      return <>{children(resource.data)}</>;
  }
}
