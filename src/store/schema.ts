/** The Database type: every capability's tables, joined. */
import type { CoreTables } from './tables.ts';
import type { AccountsTables } from '../accounts/tables.ts';
import type { AuditTables } from '../audit/tables.ts';
import type { IntegrationsTables } from '../integrations/tables.ts';
import type { ConsumersTables } from './tables/consumers.ts';
import type { HealthTables } from './tables/health.ts';
import type { PushTables } from './tables/push.ts';
import type { ToolsTables } from '../tools/tables.ts';

export interface Database extends CoreTables, AccountsTables, AuditTables, IntegrationsTables, HealthTables, PushTables, ConsumersTables, ToolsTables {}
