/** Error codes of the GraphQL endpoint: documents that cannot run, and the protection limits. */
import type { CodeSpec } from '../code-spec.ts';

export const graphqlCodes = {
  GRAPHQL_PARSE_FAILED: {
    status: 400,
    retryable: false,
    description: 'The GraphQL document has a syntax error; the message gives the line and column.',
  },
  GRAPHQL_VALIDATION_FAILED: {
    status: 400,
    retryable: false,
    description: 'The GraphQL document or its variables do not match the schema (unknown field, missing argument, wrong enum value); the message names it.',
  },
  QUERY_TOO_DEEP: {
    status: 400,
    retryable: false,
    description: 'The GraphQL operation nests fields deeper than [graphql] max_depth.',
  },
  QUERY_TOO_COMPLEX: {
    status: 400,
    retryable: false,
    description: 'The GraphQL operation costs more than [graphql] max_complexity; ask for fewer fields or smaller pages.',
  },
  DOCUMENT_TOO_LARGE: {
    status: 413,
    retryable: false,
    description: 'The GraphQL document is larger than [graphql] max_document_bytes.',
  },
  BATCH_TOO_LARGE: {
    status: 400,
    retryable: false,
    description: 'A batched GraphQL request holds more operations than [graphql] max_batch.',
  },
} as const satisfies Record<string, CodeSpec>;
