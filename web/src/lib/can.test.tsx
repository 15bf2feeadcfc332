// @vitest-environment happy-dom
/**
 * The permission helper: what a member lacks the permission for is not rendered at all — on its own,
 * and inside a real row where a viewer would otherwise get a 403 (the tools' Test button).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import { renderAs } from '../testing/render.tsx';
import { Can } from './can.tsx';

afterEach(cleanup);

describe('Can', () => {
  it('renders the button only for a member holding the permission', () => {
    renderAs({ permissions: ['connections:read', 'connections:edit'] }, <Can permission="connections:edit"><button>Test</button></Can>);
    expect(screen.getByRole('button', { name: 'Test' })).toBeTruthy();
    cleanup();
    renderAs({ permissions: ['connections:read'] }, <Can permission="connections:edit"><button>Test</button></Can>);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('renders the alternative instead when one is given', () => {
    const { container } = renderAs(
      { permissions: ['connections:read'] },
      <Can permission="connections:edit" otherwise="Ask an editor">
        <button>Test</button>
      </Can>,
    );
    expect(container.textContent).toBe('Ask an editor');
    expect(screen.queryByRole('button')).toBeNull();
  });
});
