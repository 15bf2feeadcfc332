/**
 * The names behind the ids of an audit page: integrations, members, keys, webhooks, tools, roles and
 * accounts, looked up in one query per kind, so the log reads "TwitchDev" rather than "int_…". A
 * removed object has no name (null); the id stays.
 */
import type { Deps } from '../deps.ts';

/** Target or actor type → how to read its name. */
const SOURCES = {
  integration: { table: 'integrations', column: 'display_name' },
  user: { table: 'users', column: 'username' },
  api_key: { table: 'api_keys', column: 'name' },
  service_key: { table: 'service_keys', column: 'name' },
  webhook: { table: 'webhooks', column: 'url' },
  tool: { table: 'tools', column: 'label' },
  role: { table: 'roles', column: 'name' },
  account: { table: 'accounts', column: 'name' },
} as const;

type Kind = keyof typeof SOURCES;

const isKind = (type: string): type is Kind => Object.hasOwn(SOURCES, type);

/** Resolves `refs` (type and id) to names; the answer is keyed `type:id`. */
export async function namesOf(deps: Deps, refs: readonly { type: string; id: string | null }[]): Promise<Map<string, string>> {
  const wanted = new Map<Kind, Set<string>>();
  for (const ref of refs) {
    if (!ref.id || !isKind(ref.type)) continue;
    const ids = wanted.get(ref.type) ?? new Set<string>();
    ids.add(ref.id);
    wanted.set(ref.type, ids);
  }
  const names = new Map<string, string>();
  for (const [kind, ids] of wanted) {
    const { table, column } = SOURCES[kind];
    // One table and column per kind, all fixed above; Kysely cannot type a table chosen at run time.
    const rows = (await deps.store.db
      .selectFrom(table as 'users')
      .select(['id', `${column} as name` as 'username'])
      .where('id', 'in', [...ids])
      .execute()) as unknown as { id: string; name: string }[];
    for (const row of rows) names.set(`${kind}:${row.id}`, row.name);
  }
  return names;
}
