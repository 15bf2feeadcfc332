/** No module-level mutable state in src/ outside runtime.ts: what a runtime holds, it holds in objects runtime.ts creates. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { moduleStateOf } from './module-state.ts';
import { isProductFile } from './layers.ts';

describe('module-level state', () => {
  it('is found in a fixture: a let, a WeakMap, a writable Map', () => {
    const source = [
      "const LIMIT = 5;",
      "let counter = 0;",
      "const caches = new WeakMap<object, number>();",
      "export const byId = new Map<string, string>();",
      "const METHODS: ReadonlySet<string> = new Set(['GET']);",
      "function f() {",
      "  let local = 1;",
      "  const m = new Map();",
      "}",
    ].join('\n');
    expect(moduleStateOf(source).map((s) => s.slice(0, 7))).toEqual(['line 2:', 'line 3:', 'line 4:']);
  });

  it('is nowhere in src/ but runtime.ts', () => {
    const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', 'src'], { encoding: 'utf8' })
      .split('\n')
      .filter((f) => isProductFile(f) && f !== 'src/runtime.ts');
    const found: string[] = [];
    for (const f of files) {
      let source: string;
      try {
        source = readFileSync(f, 'utf8');
      } catch {
        continue;
      }
      for (const s of moduleStateOf(source)) found.push(`${f} ${s}`);
    }
    expect(found).toEqual([]);
  });
});
