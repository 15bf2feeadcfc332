/**
 * Debian's Chromium through playwright-core, each "user" in its own fresh profile, with every console
 * error, uncaught exception and failed response recorded so a test can insist there were none.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from './chromium.ts';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export interface Problem {
  kind: 'console' | 'pageerror' | 'response';
  text: string;
  url: string;
}

/** A network answer a test expects to fail (e.g. GET /v1/me 401 before signing in). */
export interface ExpectedFailure {
  status: number;
  path: RegExp;
}

export interface BrowserUser {
  context: BrowserContext;
  page: Page;
  problems: Problem[];
  /** Declare a failing response as expected; its "Failed to load resource" console line is then not a problem. */
  expectFailure(failure: ExpectedFailure): void;
  /** The problems so far, cleared. */
  takeProblems(): Problem[];
  close(): Promise<void>;
}

export async function launchUser(options: { baseURL: string; viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark' }): Promise<BrowserUser> {
  const profile = mkdtempSync(join(tmpdir(), 'bifrost-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    baseURL: options.baseURL,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  const problems: Problem[] = [];
  const expected: ExpectedFailure[] = [];
  const isExpected = (status: number, url: string) => expected.some((e) => e.status === status && e.path.test(new URL(url).pathname));

  const watch = (page: Page) => {
    page.on('console', (msg: ConsoleMessage) => {
      if (msg.type() !== 'error') return;
      const url = msg.location().url;
      // Chromium reports every failed HTTP response as a console error; expected ones are declared by the test.
      const status = /status of (\d{3})/.exec(msg.text())?.[1];
      if (status && url && isExpected(Number(status), url)) return;
      problems.push({ kind: 'console', text: msg.text(), url });
    });
    page.on('pageerror', (err) => problems.push({ kind: 'pageerror', text: String(err), url: page.url() }));
    page.on('response', (res) => {
      if (res.status() >= 400 && !isExpected(res.status(), res.url())) problems.push({ kind: 'response', text: `${res.request().method()} ${res.status()}`, url: res.url() });
    });
  };
  context.on('page', watch);
  for (const p of context.pages()) watch(p);
  const page = context.pages()[0] ?? (await context.newPage());

  return {
    context,
    page,
    problems,
    expectFailure: (f) => expected.push(f),
    takeProblems: () => problems.splice(0, problems.length),
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
