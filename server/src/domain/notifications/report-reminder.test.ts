import { describe, expect, it } from 'vitest';
import { reminderWindow, shanghaiDay } from './report-reminder.ts';

describe('report reminder window', () => {
  it('reminds of the previous month from N days before the 10th through the 10th', () => {
    expect(reminderWindow('2026-03-06', 3)).toBeNull();
    expect(reminderWindow('2026-03-07', 3)).toEqual({ year: 2026, month: 2, deadline: '2026-03-10', daysLeft: 3 });
    expect(reminderWindow('2026-03-10', 3)).toEqual({ year: 2026, month: 2, deadline: '2026-03-10', daysLeft: 0 });
    expect(reminderWindow('2026-03-11', 3)).toBeNull();
    expect(reminderWindow('2026-01-09', 3)).toEqual({ year: 2025, month: 12, deadline: '2026-01-10', daysLeft: 1 });
  });
  it('counts days in Shanghai time', () => {
    expect(shanghaiDay(new Date('2026-03-06T15:59:59Z'))).toBe('2026-03-06');
    expect(shanghaiDay(new Date('2026-03-06T16:00:00Z'))).toBe('2026-03-07');
  });
});
