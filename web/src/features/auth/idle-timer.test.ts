import { describe, expect, it } from 'vitest';
import { formatCountdown, idlePhase } from './idle-timer.ts';

const MIN = 60_000;
const start = Date.UTC(2024, 0, 1, 9, 0, 0);
const at = (ms: number) => idlePhase({ now: start + ms, lastContactAt: start, idleTimeoutSeconds: 30 * 60 });

describe('idle warning timer', () => {
  // With a 30-minute server timeout and the server noting activity at most once a minute, the session can end
  // 29 minutes after the last request; the warning opens 2 minutes before that, at 27 minutes.
  it('stays quiet until 27 minutes after the last request', () => {
    expect(at(0)).toEqual({ phase: 'active', warnInMs: 27 * MIN });
    expect(at(26 * MIN + 59_000)).toEqual({ phase: 'active', warnInMs: 1000 });
  });

  it('counts down the last 2 minutes in whole seconds, rounding up', () => {
    expect(at(27 * MIN)).toEqual({ phase: 'warning', secondsLeft: 120 });
    expect(at(27 * MIN + 500)).toEqual({ phase: 'warning', secondsLeft: 120 });
    expect(at(28 * MIN + 59_001)).toEqual({ phase: 'warning', secondsLeft: 1 });
  });

  it('expires at 29 minutes, before the server can have ended the session', () => {
    expect(at(29 * MIN)).toEqual({ phase: 'expired' });
    expect(at(40 * MIN)).toEqual({ phase: 'expired' });
  });

  it('starts over from a later request', () => {
    expect(idlePhase({ now: start + 28 * MIN, lastContactAt: start + 10 * MIN, idleTimeoutSeconds: 1800 })).toEqual({ phase: 'active', warnInMs: 9 * MIN });
  });

  it('follows the timeout the server announces, with at most half of it as warning for short ones', () => {
    // 3 minutes: 2 usable (the minute of touch slack off), warning for the last 1.
    const short = (ms: number) => idlePhase({ now: start + ms, lastContactAt: start, idleTimeoutSeconds: 180 });
    expect(short(0)).toEqual({ phase: 'active', warnInMs: MIN });
    expect(short(MIN)).toEqual({ phase: 'warning', secondsLeft: 60 });
    expect(short(2 * MIN)).toEqual({ phase: 'expired' });
    const hour = idlePhase({ now: start, lastContactAt: start, idleTimeoutSeconds: 3600 });
    expect(hour).toEqual({ phase: 'active', warnInMs: 57 * MIN });
  });

  it('formats the countdown as m:ss', () => {
    expect(formatCountdown(120)).toBe('2:00');
    expect(formatCountdown(61)).toBe('1:01');
    expect(formatCountdown(9)).toBe('0:09');
    expect(formatCountdown(-3)).toBe('0:00');
  });
});
