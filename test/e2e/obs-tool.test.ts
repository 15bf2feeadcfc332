/**
 * Issue 18's browser acceptance in real Chromium against `bifrost serve --sandbox` and a fake OBS on
 * this machine: the Integrations panel shows the tool connected with its version, the OBS page
 * switches the program scene with a click and shows the change, a source is hidden, and streaming
 * starts, and a Streamer.bot action runs with JSON arguments. (A viewer's 403 on every action is the access matrix's.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable } from './support/chromium.ts';
import { OWNER as DEFAULT_OWNER, setUpOwner, useSandbox } from './support/sandbox.ts';
import { seriousViolations } from './support/axe.ts';
import { screenshot } from './support/artifacts.ts';
import { startFakeObs, type FakeObs } from '../../src/tools/fakes/obs-server.ts';
import { startFakeStreamerbot, type FakeStreamerbot } from '../../src/tools/fakes/streamerbot-server.ts';

const OWNER = { ...DEFAULT_OWNER, username: 'obsowner', account: 'Scenes channel' };

describe.skipIf(!chromiumAvailable())('OBS tool page against bifrost serve --sandbox and a fake OBS', () => {
  const sandbox = useSandbox('obs');
  let page: Page;
  let obs: FakeObs;
  let sb: FakeStreamerbot;

  beforeAll(async () => {
    page = sandbox.page;
    obs = await startFakeObs({ password: 'obs-e2e-secret', obsVersion: '30.2.9' });
    sb = await startFakeStreamerbot({ version: '0.2.6' });
  });
  afterAll(async () => {
    await obs?.close();
    await sb?.close();
  });

  it('adds OBS and shows it connected with its version', async () => {
    await setUpOwner(page, sandbox.server, OWNER);

    await page.goto('/dashboard/integrations');
    await page.getByRole('button', { name: 'Add Integration' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add Integration' });
    await dialog.getByLabel('Tool').selectOption('obs');
    await dialog.getByLabel('Port').fill(String(obs.port));
    await dialog.getByLabel('Password').fill('obs-e2e-secret');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const tool = page.locator('[data-tool="obs"]');
    // The panel looks again every few seconds: the state moves from connecting to connected on its own.
    await tool.getByText('Connected · v30.2.9').waitFor({ timeout: 20_000 });
    await screenshot(page, 'obs-01-integrations-connected');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('switches the program scene with a click and shows the change', async () => {
    await page.locator('[data-tool="obs"]').getByRole('link', { name: 'Open' }).click();
    await page.getByRole('heading', { name: 'Scenes' }).waitFor();
    expect(await page.locator('[data-current-scene]').textContent()).toBe('Starting Soon');
    expect(await page.locator('[data-scene="Starting Soon"]').getAttribute('data-current')).toBe('true');
    await page.locator('[data-scene="Gameplay"]').getByRole('button', { name: 'Gameplay' }).click();
    await page.locator('[data-scene="Gameplay"][data-current="true"]').waitFor();
    expect(await page.locator('[data-current-scene]').textContent()).toBe('Gameplay');
    expect(obs.studio.programScene).toBe('Gameplay');
    await screenshot(page, 'obs-02-scene-switched');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('hides a source and starts streaming', async () => {
    await page.locator('[data-scene="Gameplay"] [data-source="Webcam"]').getByRole('switch').click();
    await page.locator('[data-scene="Gameplay"] [data-source="Webcam"] [role="switch"][aria-checked="false"]').waitFor();
    expect(obs.studio.scenes[1]?.items[1]?.sceneItemEnabled).toBe(false);
    await page.getByRole('button', { name: 'Start Streaming' }).click();
    await page.getByRole('button', { name: 'Stop Streaming' }).waitFor();
    expect(obs.studio.streaming).toBe(true);
  });

  it('runs a Streamer.bot action with JSON arguments from its page', async () => {
    await page.goto('/dashboard/integrations');
    await page.getByRole('button', { name: 'Add Integration' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add Integration' });
    await dialog.getByLabel('Tool').selectOption('streamerbot');
    await dialog.getByLabel('Port').fill(String(sb.port));
    await dialog.getByRole('button', { name: 'Save' }).click();
    const tool = page.locator('[data-tool="streamerbot"]');
    await tool.getByText('Connected · v0.2.6').waitFor({ timeout: 20_000 });
    await tool.getByRole('link', { name: 'Open' }).click();
    const row = page.locator('[data-action="Shout Out"]');
    await row.waitFor();
    await row.getByLabel('Arguments for Shout Out').fill('{"user": "friend"}');
    await row.getByRole('button', { name: 'Run' }).click();
    await row.getByText('Ran Shout Out.').waitFor();
    expect(sb.runs.at(-1)).toMatchObject({ name: 'Shout Out', args: { user: 'friend' } });
    await screenshot(page, 'obs-03-streamerbot-actions');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
