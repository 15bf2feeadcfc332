/** A tool's live connection as a badge and a line: state, the program's version, and why when it is not connected. */
import type { Tool } from '../api/types.ts';
import { Badge, type BadgeTone } from '../components/badge.tsx';

const LABELS: Record<Tool['connection_state'], { text: string; tone: BadgeTone }> = {
  connected: { text: 'Connected', tone: 'success' },
  connecting: { text: 'Connecting…', tone: 'info' },
  auth_failed: { text: 'Authentication failed', tone: 'danger' },
  unreachable: { text: 'Unreachable', tone: 'warning' },
  disabled: { text: 'Disabled', tone: 'outline' },
};

export function ToolStateBadge({ tool }: { tool: Tool }) {
  const label = LABELS[tool.connection_state];
  return (
    <Badge tone={label.tone} className="tool-state">
      {label.text}
      {/* The row's title already names the program; the badge adds only its version. */}
      {tool.connection_state === 'connected' && tool.program_version ? ` · v${tool.program_version}` : ''}
    </Badge>
  );
}

/** The reason line under a tool that is not connected (none when connected or disabled). */
export function ToolStateReason({ tool }: { tool: Tool }) {
  if (!tool.connection_reason || tool.connection_state === 'connected' || tool.connection_state === 'disabled') return null;
  return (
    <p className="inline-result inline-error" data-state-reason>
      {tool.connection_reason}
    </p>
  );
}
