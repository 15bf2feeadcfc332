/** The permission helper: what a member lacks the permission for is not rendered at all. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Me } from '../api/types.ts';
import { Can } from './can.tsx';
import { SessionProvider, type SessionValue } from './session.tsx';

function session(permissions: string[]): SessionValue {
  const held = new Set(permissions);
  return {
    me: {} as Me,
    account: null,
    can: (p) => held.has(p),
    isInstanceAdmin: false,
    switchAccount: () => undefined,
    refresh: async () => undefined,
    signOut: async () => undefined,
  };
}

const render = (permissions: string[], otherwise?: string) =>
  renderToStaticMarkup(
    createElement(SessionProvider, {
      value: session(permissions),
      children: createElement(Can, { permission: 'connections:edit', otherwise, children: createElement('button', null, 'Test') }),
    }),
  );

describe('Can', () => {
  it('renders the button only for a member holding the permission', () => {
    expect(render(['connections:read', 'connections:edit'])).toBe('<button>Test</button>');
    expect(render(['connections:read'])).toBe('');
  });

  it('renders the alternative instead when one is given', () => {
    expect(render(['connections:read'], 'Ask an editor')).toBe('Ask an editor');
  });
});
