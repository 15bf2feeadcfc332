/**
 * A consumer as a reader of the event stream (push/event-stream.ts): its streams are capped per
 * credential, it sees the events of integrations it may read, and a service key's streams end once
 * the key is deleted.
 */
import type { Deps } from '../deps.ts';
import type { StreamReader } from '../push/event-stream.ts';
import { mayRead, type Consumer } from './consumer.ts';

export function streamReaderOf(deps: Pick<Deps, 'store'>, consumer: Consumer): StreamReader {
  const reader: StreamReader = {
    key: `${consumer.kind}:${consumer.id}`,
    sees: (integration) => mayRead(consumer, integration) === 'ok',
  };
  if (consumer.kind !== 'service_key') return reader;
  return {
    ...reader,
    stillValid: async () => (await deps.store.db.selectFrom('service_keys').select('id').where('id', '=', consumer.id).executeTakeFirst()) !== undefined,
  };
}
