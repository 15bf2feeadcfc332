/** Row types of the accounts capability's tables (see src/store/tables.ts for the conventions). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AccountsTables {}
