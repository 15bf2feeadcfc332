// The chat helpers every adapter shares: timeout units and clamping, reasons cut to the platform's length.
import { describe, expect, it } from 'vitest';
import { fitReason, refusalCode, timeoutUnits } from './chat-http.ts';

describe('timeoutUnits', () => {
  const minutes = { unitSeconds: 60, minSeconds: 60, maxSeconds: 604_800 };
  it.each([
    [1, 1, 60],
    [60, 1, 60],
    [61, 2, 120],
    [604_800, 10_080, 604_800],
    [10_000_000, 10_080, 604_800],
    [0, 1, 60],
  ])('%i s in minutes → %i units, %i s applied', (seconds, units, applied) => {
    expect(timeoutUnits(minutes, seconds)).toEqual({ units, appliedS: applied });
  });

  it('keeps seconds as they are within the range', () => {
    expect(timeoutUnits({ unitSeconds: 1, minSeconds: 1, maxSeconds: 1_209_600 }, 300)).toEqual({ units: 300, appliedS: 300 });
  });
});

describe('fitReason and refusalCode', () => {
  it('cuts a reason to the platform length in code points, and drops it where the platform takes none', () => {
    expect(fitReason({ maxReasonLength: 3 }, '😀😀😀😀')).toBe('😀😀😀');
    expect(fitReason({ maxReasonLength: null }, 'why')).toBeUndefined();
    expect(fitReason({ maxReasonLength: 10 }, undefined)).toBeUndefined();
  });

  it('keeps only code-like refusal codes', () => {
    expect(refusalCode('msg_duplicate', 'x')).toBe('msg_duplicate');
    expect(refusalCode('<b>nope</b>', 'msg_rejected')).toBe('msg_rejected');
    expect(refusalCode(undefined, 'msg_rejected')).toBe('msg_rejected');
  });
});
