/** The Database type: every capability's tables, joined. */
import type { CoreTables } from './tables/core.ts';
import type { AccountsTables } from './tables/accounts.ts';
import type { AuditTables } from './tables/audit.ts';
import type { IntegrationsTables } from '../integrations/tables.ts';
import type { TokensTables } from '../tokens/tables.ts';
import type { ToolsTables } from './tables/tools.ts';

export interface Database extends CoreTables, AccountsTables, AuditTables, IntegrationsTables, TokensTables, ToolsTables {}
