/**
 * Row types of the foundation's own tables. Every capability's tables are declared in this folder
 * too (the store is the foundation: it knows every row type, no capability), and `schema.ts` joins
 * them into the Database type.
 *
 * Conventions (same on SQLite and PostgreSQL): times are epoch milliseconds in `bigint` columns,
 * booleans are integers 0/1, secrets are AES-GCM envelopes in text columns named `*_enc`.
 */
export interface CoreTables {
  instance_settings: {
    key: string;
    value: string;
    updated_at: number;
  };
}
