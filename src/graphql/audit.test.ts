/** auditLogs as a connection: pages follow endCursor, every edge's cursor resumes after it, and the pages match GET /v1/audit-logs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../http/app.ts';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { memberSession } from '../../test/support/auth.ts';
import { recordAudit } from '../audit/record.ts';
import { codesOf, gql } from './testing/client.ts';

const PAGE = `query ($first: Int, $after: String, $filter: AuditLogFilter) {
  auditLogs(first: $first, after: $after, filter: $filter) {
    edges { cursor node { id action actor { type id label } target { type id } ip details createdAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Page {
  edges: { cursor: string; node: { id: string; action: string; createdAt: string; details: Record<string, unknown> } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

describe('auditLogs', () => {
  let rt: TestRuntime;
  let app: App;
  let owner: { accountId: string; headers: Record<string, string> };

  beforeAll(async () => {
    rt = await testRuntime();
    app = await buildApp(rt);
    owner = await memberSession(app, rt, { role: 'owner' });
    for (let i = 0; i < 5; i++) {
      await recordAudit(rt, { accountId: owner.accountId, actor: { type: 'system' }, action: `test.event_${i}`, target: { type: 'thing', id: `t${i}` }, details: { n: i } });
    }
  });
  afterAll(async () => {
    await app?.close();
    await rt?.close();
  });

  async function page(variables: Record<string, unknown>): Promise<Page> {
    const res = await gql(app, owner.headers, PAGE, variables);
    expect(res.errors, res.body).toBeUndefined();
    return res.data!.auditLogs as Page;
  }

  it('pages through endCursor and matches the REST pages', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const p = await page({ first: 2, after, filter: { action: 'test.*' } });
      seen.push(...p.edges.map((e) => e.node.action));
      const rest = await app.inject({ method: 'GET', url: `/v1/audit-logs?limit=2&action=test.*${after ? `&cursor=${after}` : ''}`, headers: owner.headers });
      const body = rest.json() as { items: { action: string; details: unknown; created_at: string }[]; next_cursor: string | null };
      expect(p.edges.map((e) => [e.node.action, e.node.details, e.node.createdAt])).toEqual(body.items.map((i) => [i.action, i.details, i.created_at]));
      expect(p.pageInfo.endCursor === body.next_cursor || !p.pageInfo.hasNextPage).toBe(true);
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(seen).toEqual(['test.event_4', 'test.event_3', 'test.event_2', 'test.event_1', 'test.event_0']);
  });

  it("resumes after any edge's cursor", async () => {
    const all = await page({ first: 5, filter: { action: 'test.*' } });
    const rest = await page({ first: 5, after: all.edges[1]!.cursor, filter: { action: 'test.*' } });
    expect(rest.edges.map((e) => e.node.action)).toEqual(['test.event_2', 'test.event_1', 'test.event_0']);
  });

  it('names the argument when first, after or the instance scope are refused', async () => {
    const big = await gql(app, owner.headers, PAGE, { first: 500 });
    expect(big.errors![0]!.extensions).toEqual({ code: 'VALIDATION_FAILED', field: 'first' });
    const bad = await gql(app, owner.headers, PAGE, { after: 'not-a-cursor' });
    expect(bad.errors![0]!.extensions).toEqual({ code: 'VALIDATION_FAILED', field: 'after' });
    const instance = await gql(app, owner.headers, PAGE, { filter: { scope: 'INSTANCE' } });
    expect(codesOf(instance)).toEqual(['FORBIDDEN']);
  });
});
