/**
 * Module-level mutable state, found by reading the top-level declarations of a source: per-runtime
 * state belongs to an object runtime.ts creates (so two runtimes in one process never share it), and
 * a module-level `let`, a WeakMap/WeakSet or a writable Map/Set is how it hides instead. Constant
 * lookup tables are fine when declared read-only (`ReadonlySet`, `ReadonlyMap`).
 */
export function moduleStateOf(source: string): string[] {
  const found: string[] = [];
  const lines = source.split('\n');
  for (const [i, line] of lines.entries()) {
    const where = `line ${i + 1}: ${line.trim().slice(0, 100)}`;
    if (/^(export )?(let|var)\s/.test(line)) found.push(where);
    else if (/^(export )?const\s+\w+\s*(:[^=]*)?=\s*new\s+Weak(Map|Set)\b/.test(line)) found.push(where);
    else {
      const m = /^(export )?const\s+\w+\s*(:\s*([^=]+))?=\s*new\s+(Map|Set)\b/.exec(line);
      if (m && !/^Readonly(Map|Set)\b/.test((m[3] ?? '').trim())) found.push(where);
    }
  }
  return found;
}
