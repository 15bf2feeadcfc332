/**
 * PostgreSQL: the slot takes of concurrent chat sends in one call (one round trip per tick instead of
 * one per send). Each take is the same guarded increment and slot insert as a single take, run one
 * after another inside the function, so every take still re-checks its row after waiting for its lock.
 * SQLite groups its takes in one transaction instead and needs nothing here.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

const isPostgres = (db: Kysely<unknown>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`
create or replace function chat_take_slots(p_keys text[], p_limits integer[], p_blocks text[], p_ids text[], p_nows bigint[])
returns setof text language plpgsql as $fn$
declare i integer;
begin
  for i in 1 .. coalesce(array_length(p_keys, 1), 0) loop
    update chat_limits set slots = slots + 1, updated_at = p_nows[i]
      where key = p_keys[i] and slots < p_limits[i]
        and (p_blocks[i] is null or not exists (select 1 from chat_limits b where b.key = p_blocks[i] and b.blocked_until > p_nows[i]));
    if found then
      insert into chat_slots (id, key, at) values (p_ids[i], p_keys[i], p_nows[i]);
      return next p_ids[i];
    end if;
  end loop;
end
$fn$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`drop function if exists chat_take_slots(text[], integer[], text[], text[], bigint[])`.execute(db);
}
