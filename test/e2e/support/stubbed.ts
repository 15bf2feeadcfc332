/**
 * The setup of the browser tests whose API answers are stubbed in the page: the built dashboard served
 * alone, one browser user, a fresh page per test opened on a path with a stub table, and after each
 * test that page closed and no console error or failed request left over.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchUser, type BrowserUser } from './browser.ts';
import { serveDashboardOnly } from './dashboard-only.ts';
import { groups, integration, me, PLATFORMS, stubApi, type StubTable } from './api-stub.ts';

export interface StubbedDashboard {
  user: BrowserUser;
  /** A fresh page (closed by `check`), for a test that stubs and navigates itself. */
  newPage(): Promise<Page>;
  /** A fresh page with `table` answering the API, opened at `path`; `calls` collects "METHOD /path" of each call. */
  open(path: string, table: StubTable, calls?: string[]): Promise<Page>;
  /** For afterEach: closes the test's page; no console error or failed request may remain. */
  check(): Promise<void>;
  close(): Promise<void>;
}

export async function stubbedDashboard(): Promise<StubbedDashboard> {
  const server = await serveDashboardOnly();
  const user = await launchUser({ baseURL: server.url });
  let page: Page | undefined;
  const newPage = async () => (page = await user.context.newPage());
  return {
    user,
    newPage,
    open: async (path, table, calls = []) => {
      const p = await newPage();
      await stubApi(p, table, calls);
      await p.goto(path);
      return p;
    },
    check: async () => {
      await page?.close();
      page = undefined;
      expect(user.takeProblems()).toEqual([]);
    },
    close: async () => {
      await user.close();
      await server.close();
    },
  };
}

/** What every signed-in page asks first, answered for the owner of an account with a connected Twitch channel; `overrides` replace or add answers. */
export function dashboardTable(overrides: StubTable = {}): StubTable {
  return {
    'GET /v1/me': { body: me() },
    'GET /v1/integrations/platforms': { body: PLATFORMS },
    'GET /v1/integrations': { body: groups(integration()) },
    'GET /v1/tools': { body: [] },
    'GET /v1/streamelements/tokens': { body: [] },
    ...overrides,
  };
}
