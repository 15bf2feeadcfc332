/** Every dashboard page: its path, title, the permission it needs, and where it sits in the sidebar. */
import type { ComponentType } from 'react';
import { ConnectionsPage } from './connections/connections-page.tsx';
import { CredentialsPage } from './credentials/credentials-page.tsx';
import { BotConnectionsPage } from './bots/bot-connections-page.tsx';
import { MembersPage } from './members/members-page.tsx';
import { ApiKeysPage } from './keys/api-keys-page.tsx';
import { ServiceKeysPage } from './keys/service-keys-page.tsx';
import { WebhooksPage } from './keys/webhooks-page.tsx';
import { ToolsPage } from './tools/tools-page.tsx';
import { ToolPage } from './tools/tool-page.tsx';
import { AuditLogPage } from './audit/audit-log-page.tsx';
import { ChatPage } from './chat/chat-page.tsx';
import { ActivityPage } from './activity/activity-page.tsx';
import { AdminPlatformsPage } from './admin/admin-platforms-page.tsx';
import { SettingsPage } from './settings/settings-page.tsx';
import { NotificationsPage } from './notifications/notifications-page.tsx';

export interface RouteDef {
  path: string;
  title: string;
  component: ComponentType;
  /** Account permission needed to open the page (README, The dashboard). */
  permission?: string;
  /** Only instance admins. */
  instanceAdmin?: boolean;
  /** Sidebar entry; pages without one are reached from another page. */
  nav?: { section: 'Manage' | 'Admin' | 'You'; label: string };
}

export const ROUTES: readonly RouteDef[] = [
  { path: '/dashboard/connections', title: 'Connections', component: ConnectionsPage, permission: 'connections:read', nav: { section: 'Manage', label: 'Connections' } },
  { path: '/dashboard/connections/bot', title: 'Bot Connections', component: BotConnectionsPage, permission: 'bot-connections:read', nav: { section: 'Manage', label: 'Bot Connections' } },
  { path: '/dashboard/connections/credentials', title: 'App Credentials', component: CredentialsPage, permission: 'connections:edit', nav: { section: 'Manage', label: 'App Credentials' } },
  { path: '/dashboard/chat', title: 'Chat', component: ChatPage, permission: 'chat:send', nav: { section: 'Manage', label: 'Chat' } },
  { path: '/dashboard/activity', title: 'Activity', component: ActivityPage, permission: 'events:read', nav: { section: 'Manage', label: 'Activity' } },
  { path: '/dashboard/members', title: 'Members & Roles', component: MembersPage, permission: 'members:read', nav: { section: 'Manage', label: 'Members & Roles' } },
  { path: '/dashboard/api-keys', title: 'API Keys', component: ApiKeysPage, permission: 'api-keys:read', nav: { section: 'Manage', label: 'API Keys' } },
  { path: '/dashboard/service-keys', title: 'Service Keys', component: ServiceKeysPage, permission: 'api-keys:read', nav: { section: 'Manage', label: 'Service Keys' } },
  { path: '/dashboard/webhooks', title: 'Webhooks', component: WebhooksPage, permission: 'api-keys:read', nav: { section: 'Manage', label: 'Webhooks' } },
  { path: '/dashboard/integrations', title: 'Integrations', component: ToolsPage, permission: 'connections:read', nav: { section: 'Manage', label: 'Integrations' } },
  { path: '/dashboard/integrations/tool', title: 'Tool', component: ToolPage, permission: 'tools:control' },
  { path: '/dashboard/notifications', title: 'Notifications', component: NotificationsPage, permission: 'connections:read', nav: { section: 'Manage', label: 'Notifications' } },
  { path: '/dashboard/audit-log', title: 'Audit Log', component: AuditLogPage, permission: 'audit:read', nav: { section: 'Manage', label: 'Audit Log' } },
  { path: '/dashboard/admin/platforms', title: 'Platforms', component: AdminPlatformsPage, instanceAdmin: true, nav: { section: 'Admin', label: 'Platforms' } },
  { path: '/dashboard/settings', title: 'Settings', component: SettingsPage, nav: { section: 'You', label: 'Settings' } },
];

export const HOME = '/dashboard/connections';

export function findRoute(pathname: string): RouteDef | undefined {
  return ROUTES.find((r) => r.path === pathname);
}

export function mayOpen(route: RouteDef, can: (p: string) => boolean, isInstanceAdmin: boolean): boolean {
  if (route.instanceAdmin) return isInstanceAdmin;
  return route.permission ? can(route.permission) : true;
}
