/**
 * Protection of the GraphQL endpoint: a validation rule that measures each operation's depth and cost,
 * and the request checks Mercurius does not make (document size, batch size, body shape).
 *
 * Written here rather than taken from graphql-depth-limit / graphql-query-complexity: the first is
 * unmaintained since 2017 (Mercurius vendors a copy that counts introspection fields, which would make
 * GraphiQL's own introspection query fail the limit), the second pulls in a plugin framework for what is
 * one walk over the document. One walk measures both, skips introspection (bounded by the schema and
 * switchable off), and memoizes fragments so a document of nested spreads cannot make validation slow.
 */
import type { GraphQLNamedType, FieldNode, SelectionSetNode, ValidationContext, ValidationRule } from 'graphql';
import { graphqlJs } from './graphql-js.ts';
import { AppError } from '../errors/app-error.ts';

const { GraphQLError, getNamedType, getNullableType, isInterfaceType, isListType, isObjectType, Kind } = graphqlJs;

/** What a list field multiplies when the query gives no `first`. Bifrost's lists are short (platforms, bots, members). */
const DEFAULT_LIST_SIZE = 10;
/** The largest page a `first` argument may ask for (also what a `first: $variable` is assumed to be). */
export const MAX_PAGE_SIZE = 200;

export interface OperationLimits {
  maxDepth: number;
  maxComplexity: number;
}

interface Measure {
  depth: number;
  cost: number;
}

function listSize(field: FieldNode): number {
  const first = field.arguments?.find((a) => a.name.value === 'first')?.value;
  if (first?.kind === Kind.INT) return Math.min(Math.max(Number(first.value), 0), MAX_PAGE_SIZE);
  if (first?.kind === Kind.VARIABLE) return MAX_PAGE_SIZE;
  return DEFAULT_LIST_SIZE;
}

function measurer(context: ValidationContext) {
  const schema = context.getSchema();
  const fragments = new Map<string, Measure>();
  const visiting = new Set<string>();

  function selections(set: SelectionSetNode, parent: GraphQLNamedType | undefined): Measure {
    let depth = 0;
    let cost = 0;
    for (const sel of set.selections) {
      let m: Measure;
      if (sel.kind === Kind.FIELD) {
        // Introspection (__schema, __type, __typename) is bounded by the schema; it has its own switch.
        if (sel.name.value.startsWith('__')) continue;
        const def = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[sel.name.value] : undefined;
        if (!def) continue; // an unknown field: FieldsOnCorrectTypeRule reports it
        const below = sel.selectionSet ? selections(sel.selectionSet, getNamedType(def.type)) : { depth: 0, cost: 0 };
        const times = isListType(getNullableType(def.type)) ? listSize(sel) : 1;
        m = { depth: below.depth + 1, cost: 1 + times * below.cost };
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const type = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        m = selections(sel.selectionSet, type);
      } else {
        m = spread(sel.name.value);
      }
      depth = Math.max(depth, m.depth);
      cost += m.cost;
    }
    return { depth, cost };
  }

  function spread(name: string): Measure {
    const known = fragments.get(name);
    if (known) return known;
    const fragment = context.getFragment(name);
    // Unknown or cyclic spreads are reported by their own rules; count them as nothing here.
    if (!fragment || visiting.has(name)) return { depth: 0, cost: 0 };
    visiting.add(name);
    const m = selections(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value));
    visiting.delete(name);
    fragments.set(name, m);
    return m;
  }

  return selections;
}

export function operationLimitsRule(limits: OperationLimits): ValidationRule {
  return (context) => {
    const measure = measurer(context);
    return {
      OperationDefinition(node) {
        const schema = context.getSchema();
        const root = node.operation === 'query' ? schema.getQueryType() : node.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
        if (!root) return;
        const { depth, cost } = measure(node.selectionSet, root);
        const name = node.name ? `operation ${node.name.value}` : 'the operation';
        if (depth > limits.maxDepth) {
          context.reportError(
            new GraphQLError(`${name} nests fields ${depth} deep; the limit is ${limits.maxDepth}`, { nodes: [node], extensions: { code: 'QUERY_TOO_DEEP' } }),
          );
        }
        if (cost > limits.maxComplexity) {
          context.reportError(
            new GraphQLError(
              `${name} costs ${cost}; the limit is ${limits.maxComplexity} (each field costs 1 and a list multiplies what is below it by its "first" argument, or ${DEFAULT_LIST_SIZE})`,
              { nodes: [node], extensions: { code: 'QUERY_TOO_COMPLEX' } },
            ),
          );
        }
      },
    };
  };
}

export interface RequestLimits {
  maxDocumentBytes: number;
  maxBatch: number;
}

interface Operation {
  query?: unknown;
}

/**
 * Checks one HTTP request before Mercurius sees it. Also refuses a `query` that parses as JSON:
 * Mercurius would otherwise take it for a pre-parsed document AST and hand it unchecked to graphql-js.
 */
export function checkGraphqlRequest(body: unknown, limits: RequestLimits): void {
  const ops: unknown[] = Array.isArray(body) ? body : [body];
  if (Array.isArray(body)) {
    if (body.length === 0) throw new AppError('BAD_REQUEST', 'the batch is empty; send at least one operation');
    if (body.length > limits.maxBatch) {
      throw new AppError('BATCH_TOO_LARGE', `the batch holds ${body.length} operations; the limit is ${limits.maxBatch}`);
    }
  }
  for (const op of ops) {
    if (typeof op !== 'object' || op === null) throw new AppError('BAD_REQUEST', 'send a JSON object with "query" (and optionally "variables" and "operationName")');
    const query = (op as Operation).query;
    if (typeof query !== 'string' || query.trim() === '') throw new AppError('BAD_REQUEST', 'send the GraphQL document in "query"');
    const bytes = Buffer.byteLength(query, 'utf8');
    if (bytes > limits.maxDocumentBytes) {
      throw new AppError('DOCUMENT_TOO_LARGE', `the GraphQL document is ${bytes} bytes; the limit is ${limits.maxDocumentBytes}`);
    }
    let json = false;
    try {
      JSON.parse(query);
      json = true;
    } catch {
      // Not JSON: a GraphQL document (never valid JSON), as it should be.
    }
    if (json) throw new AppError('GRAPHQL_PARSE_FAILED', 'query must be a GraphQL document, not JSON');
  }
}
