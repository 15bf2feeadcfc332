/** The Database type: every capability's tables, joined. */
import type { CoreTables } from './tables/core.ts';
import type { AccountsTables } from './tables/accounts.ts';
import type { AuditTables } from './tables/audit.ts';
import type { IntegrationsTables } from './tables/integrations.ts';
import type { ConsumersTables } from './tables/consumers.ts';
import type { HealthTables } from './tables/health.ts';
import type { PushTables } from './tables/push.ts';
import type { ToolsTables } from './tables/tools.ts';
import type { ChatTables } from './tables/chat.ts';
import type { EventsTables } from './tables/events.ts';
import type { KickWebhookTables } from './tables/kick-webhooks.ts';

export interface Database extends CoreTables, AccountsTables, AuditTables, IntegrationsTables, HealthTables, PushTables, ConsumersTables, ToolsTables, ChatTables, EventsTables, KickWebhookTables {}
