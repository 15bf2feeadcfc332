/** The heap-growth bound of serve and worker: set unless the operator chose their own. */
import { expect, it } from 'vitest';
import { boundHeapGrowth } from './heap.ts';

it('bounds the heap growth unless node was given its own --heap-growing-percent', () => {
  expect(boundHeapGrowth(['--heap-growing-percent=300'], '')).toBe(false);
  expect(boundHeapGrowth([], '--max-old-space-size=512 --heap_growing_percent=20')).toBe(false);
  expect(boundHeapGrowth(['--enable-source-maps'], '--max-old-space-size=512')).toBe(true);
});
