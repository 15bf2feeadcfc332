/**
 * The setup every browser test against a real `bifrost serve --sandbox` repeats: start the server and
 * a browser user, create the first user and account through the setup page, decide on a fake
 * platform's consent page, connect a channel, call the API as the signed-in user, and say what the
 * page and the server looked like when a step failed.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchUser, type BrowserUser } from './browser.ts';
import { startBifrost, type BifrostServer } from './server.ts';
import { screenshot } from './artifacts.ts';

export interface Owner {
  username: string;
  password: string;
  account: string;
}

export const OWNER: Owner = { username: 'streamer', password: 'correct horse battery staple', account: 'My channel' };

export interface Sandbox {
  server: BifrostServer;
  user: BrowserUser;
  page: Page;
  /** For afterEach: on a failed test, a screenshot and the server's last log lines; then no console error or failed request may remain. */
  check(context: { task: { name: string; result?: { state?: string } } }): Promise<void>;
  close(): Promise<void>;
}

/** A sandbox server and one browser user in it (its first page ready to use). */
export async function startSandbox(name: string): Promise<Sandbox> {
  const server = await startBifrost({ sandbox: true });
  const user = await launchUser({ baseURL: server.url });
  const page = user.page;
  return {
    server,
    user,
    page,
    check: async (context) => {
      if (context.task.result?.state === 'fail') {
        await screenshot(page, `failed-${name}-${context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 50)}`).catch(() => undefined);
        process.stderr.write(`\n[e2e] page: ${page.url()}\n[e2e] last server log lines:\n${server.logs.slice(-25).join('\n')}\n`);
      }
      expect(user.takeProblems()).toEqual([]);
    },
    close: async () => {
      await user.close();
      await server.stop();
    },
  };
}

/**
 * startSandbox for the describe block it is called in: started before its tests, checked after each
 * (screenshot and server log on failure, no console error left) and closed after all. Its fields can
 * be read once it has started, in a hook or a test.
 */
export function useSandbox(name: string): Sandbox {
  let started: Sandbox | undefined;
  const now = (): Sandbox => {
    if (!started) throw new Error(`the ${name} sandbox is not started yet: read it in a hook or a test`);
    return started;
  };
  beforeAll(async () => {
    started = await startSandbox(name);
  });
  afterEach(async (context) => {
    await now().check(context);
  });
  afterAll(async () => {
    await started?.close();
  });
  return {
    get server() {
      return now().server;
    },
    get user() {
      return now().user;
    },
    get page() {
      return now().page;
    },
    check: (context) => now().check(context),
    close: () => now().close(),
  };
}

/** First-run setup through the one-time link in the server's log: the instance admin and the first account; ends on Connections. */
export async function setUpOwner(page: Page, server: BifrostServer, owner: Owner = OWNER): Promise<void> {
  await page.goto(await server.setupUrl());
  await page.getByLabel('Username').fill(owner.username);
  await page.getByLabel('Password', { exact: true }).fill(owner.password);
  await page.getByLabel('Confirm password').fill(owner.password);
  await page.getByLabel('Account name').fill(owner.account);
  await page.getByRole('button', { name: 'Create user and account' }).click();
  await page.getByRole('heading', { level: 1, name: 'Connections' }).waitFor();
}

/** On the fake platform's consent page: pick a test user (the first by default) and decide; back on the dashboard after. */
export async function decideOnConsent(page: Page, decision: 'Authorize' | 'Deny' = 'Authorize', options: { user?: 'last'; shot?: string } = {}): Promise<void> {
  await page.waitForURL(/\/sandbox\//);
  await page.getByRole('button', { name: decision }).waitFor();
  if (options.user === 'last') await page.locator('input[name="user"]').last().check();
  if (options.shot) await screenshot(page, options.shot);
  await page.getByRole('button', { name: decision }).click();
  await page.waitForURL(/\/dashboard\/connections/);
}

/** Connect on a platform's Connections card, authorized on the sandbox consent page; waits until the card shows the channel. */
export async function connectChannel(page: Page, slug: string): Promise<void> {
  if (!/\/dashboard\/connections$/.test(new URL(page.url()).pathname)) await page.goto('/dashboard/connections');
  const card = page.locator(`section[data-platform="${slug}"]`);
  await card.getByRole('button', { name: 'Connect', exact: true }).click();
  await decideOnConsent(page);
  await card.getByText('Channel ID').waitFor();
}

/** The REST API as the signed-in owner (a fresh sign-in for its CSRF token), for what a test sets up or checks outside the page. */
export async function ownerApi(page: Page, owner: Owner = OWNER) {
  const login = await page.request.post('/v1/auth/login', { data: { username: owner.username, password: owner.password } });
  expect(login.status()).toBe(200);
  const csrf = ((await login.json()) as { csrf_token: string }).csrf_token;
  return {
    get: async <T>(path: string): Promise<T> => {
      const res = await page.request.get(path);
      expect(res.status(), `GET ${path}`).toBe(200);
      return (await res.json()) as T;
    },
    post: (path: string, data?: unknown) => page.request.post(path, { headers: { 'x-csrf-token': csrf }, ...(data === undefined ? {} : { data }) }),
  };
}
