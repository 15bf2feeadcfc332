// @vitest-environment happy-dom
/**
 * A tool row through the permission helper: a viewer sees the tool's state but none of the buttons
 * that would answer 403 (Test, Edit, Remove, the switch); and the row never says the program's name twice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import type { Tool } from '../api/types.ts';
import { renderAs } from '../testing/render.tsx';
import { ToolRow } from './tool-row.tsx';

afterEach(cleanup);

function tool(over: Partial<Tool> = {}): Tool {
  return {
    id: 'tool_1',
    kind: 'obs',
    label: 'OBS Studio',
    host: '127.0.0.1',
    port: 4455,
    endpoint: '/',
    has_password: true,
    remote_access: false,
    enabled: true,
    last_test_at: null,
    last_test_ok: null,
    last_test_message: null,
    events: [],
    connection_state: 'connected',
    connection_reason: null,
    program_version: '30.2.9',
    connection_changed_at: null,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    ...over,
  };
}

const controls = () =>
  [...screen.queryAllByRole('button'), ...screen.queryAllByRole('switch'), ...screen.queryAllByRole('link')].map((e) => e.textContent?.trim() || e.getAttribute('aria-label'));

describe('ToolRow', () => {
  it('shows an editor every action the permissions allow', () => {
    renderAs({ permissions: ['connections:read', 'connections:edit', 'connections:delete', 'tools:control'] }, <ToolRow tool={tool()} onChanged={() => undefined} />);
    expect(screen.getByRole('button', { name: 'Test Connection' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Edit' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Remove' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open' })).toBeTruthy();
  });

  it('hides from a viewer every button the API would refuse', () => {
    renderAs({ permissions: ['connections:read'] }, <ToolRow tool={tool()} onChanged={() => undefined} />);
    expect(controls()).toEqual([]);
    expect(screen.getByText(/Connected/)).toBeTruthy();
  });

  it('names the program once: a label that says it gets no kind badge, and the state badge adds only the version', () => {
    const { container } = renderAs({ permissions: ['connections:read'] }, <ToolRow tool={tool()} onChanged={() => undefined} />);
    const title = container.querySelector('li')?.textContent ?? container.textContent ?? '';
    expect(title.match(/OBS Studio/g)).toHaveLength(1);
    expect(within(container).getByText('Connected · v30.2.9')).toBeTruthy();
    cleanup();
    const other = renderAs({ permissions: ['connections:read'] }, <ToolRow tool={tool({ label: 'Stream PC' })} onChanged={() => undefined} />);
    expect(other.container.textContent).toContain('Stream PC');
    expect(other.container.textContent?.match(/OBS Studio/g)).toHaveLength(1);
  });
});
