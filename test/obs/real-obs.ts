/**
 * A real OBS Studio for tests: started under Xvfb with a fresh HOME whose config enables the
 * obs-websocket server on a chosen port with a password (OBS 28/29 read it from global.ini
 * [OBSWebSocket], OBS 30+ from plugin_config/obs-websocket/config.json: both are written), and no
 * first-run wizard. Stopped by signalling its process group.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Why the real-OBS suite cannot run here, or undefined when it can. */
export function obsMissing(): string | undefined {
  for (const program of ['obs', 'xvfb-run']) {
    if (spawnSync('sh', ['-c', `command -v ${program}`]).status !== 0) return `${program} is not installed (apt-get install obs-studio xvfb)`;
  }
  return undefined;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function writeConfig(home: string, port: number, password: string): void {
  const dir = join(home, 'obs-studio');
  mkdirSync(join(dir, 'basic', 'profiles', 'Untitled'), { recursive: true });
  mkdirSync(join(dir, 'basic', 'scenes'), { recursive: true });
  mkdirSync(join(dir, 'plugin_config', 'obs-websocket'), { recursive: true });
  writeFileSync(
    join(dir, 'global.ini'),
    [
      '[General]', 'FirstRun=false', 'EnableAutoUpdates=false', '',
      '[Basic]', 'Profile=Untitled', 'ProfileDir=Untitled', 'SceneCollection=Untitled', 'SceneCollectionFile=Untitled', 'ConfigOnNewProfile=false', '',
      '[OBSWebSocket]', 'FirstLoad=false', 'ServerEnabled=true', `ServerPort=${port}`, 'AlertsEnabled=false', 'AuthRequired=true', `ServerPassword=${password}`, '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'plugin_config', 'obs-websocket', 'config.json'),
    JSON.stringify({ alerts_enabled: false, auth_required: true, first_load: false, server_enabled: true, server_password: password, server_port: port }),
  );
}

async function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface RealObs {
  port: number;
  password: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** OBS in its own HOME (kept across restarts, so the scenes survive a restart as they would for a streamer). */
export function realObs(port: number, password: string): RealObs {
  const home = mkdtempSync(join(tmpdir(), 'bifrost-obs-'));
  writeConfig(home, port, password);
  let child: ChildProcess | undefined;
  return {
    port,
    password,
    async start() {
      child = spawn('xvfb-run', ['-a', 'obs', '--disable-shutdown-check', '--multi', '--minimize-to-tray'], {
        cwd: home,
        detached: true,
        stdio: 'ignore',
        env: { ...process.env, HOME: home, XDG_CONFIG_HOME: home, LIBGL_ALWAYS_SOFTWARE: '1' },
      });
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        if (await listening(port)) return;
        if (child.exitCode !== null) throw new Error(`obs exited with code ${child.exitCode} before its WebSocket server listened`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error(`OBS did not open its WebSocket server on port ${port} within 60 s`);
    },
    async stop() {
      const running = child;
      child = undefined;
      if (!running?.pid || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      process.kill(-running.pid, 'SIGTERM');
      const killer = setTimeout(() => running.pid && process.kill(-running.pid, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
      while (await listening(port)) await new Promise((resolve) => setTimeout(resolve, 100));
    },
  };
}
