/** Row types of the tools capability's tables (see src/store/tables.ts for the conventions). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ToolsTables {}
