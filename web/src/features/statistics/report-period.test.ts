import { describe, expect, it } from 'vitest';
import { defaultReportPeriod, shiftPeriod } from './report-period.ts';

describe('the 填报月报 form opens on the earliest unreported month', () => {
  it('shifts across year ends', () => {
    expect(shiftPeriod('2026-01', -1)).toBe('2025-12');
    expect(shiftPeriod('2025-12', 1)).toBe('2026-01');
  });
  it('skips months already reported, never defaulting to one that exists', () => {
    const months = Array.from({ length: 11 }, (_, i) => shiftPeriod('2025-12', i));
    expect(defaultReportPeriod(months.slice(0, 10), '2026-11')).toBe('2026-10');
    expect(defaultReportPeriod(months, '2026-11')).toBe('2026-11');
    expect(defaultReportPeriod([...months, '2026-11'], '2026-11')).toBe('2026-12');
    expect(defaultReportPeriod(['2026-03', '2026-05'], '2026-11')).toBe('2026-04');
    expect(defaultReportPeriod(['2020-01'], '2026-11')).toBe('2025-12');
    expect(defaultReportPeriod([], '2026-11')).toBe('2026-11');
  });
});
