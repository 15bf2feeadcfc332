/**
 * Keeps a fake's authorization-server state in a file, so a sandbox survives a restart the way a real
 * platform does: connections made before the restart still refresh after it. Written whole to a
 * temporary file and renamed over the old one, so a crash never leaves half a file. Only sandbox mode
 * uses this; the tokens in it are the fake's own, worth nothing outside this sandbox.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FakeAuthServer, FakeStateSnapshot } from './auth-server.ts';
import type { FakeKnobs } from './types.ts';

/** Loads the state saved at `path` into `server`; true when there was one. A damaged file is ignored (the fake starts empty). */
export function loadFakeState<K extends FakeKnobs>(server: FakeAuthServer<K>, path: string): boolean {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return false;
  }
  try {
    const snapshot = JSON.parse(text) as FakeStateSnapshot;
    if (snapshot?.version !== 1 || !Array.isArray(snapshot.grants)) return false;
    server.restore(snapshot);
    return true;
  } catch {
    return false;
  }
}

export function saveFakeState<K extends FakeKnobs>(server: FakeAuthServer<K>, path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(server.snapshot()), { mode: 0o600 });
  renameSync(temporary, path);
}
