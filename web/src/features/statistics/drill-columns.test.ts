import { describe, expect, it } from 'vitest';
import type { DrillRowView } from '../../../../contracts/statistics.ts';
import { drillColumnsShown } from './drill-columns.ts';

const row = { code: 'e' } as DrillRowView;

describe('drillColumnsShown', () => {
  it('shows the cell-relative contribution and pull only for a cell of several enterprises', () => {
    expect(drillColumnsShown({ by: 'domain-zone', rows: [row, row], omitted: 0 })).toEqual({ cell: true });
    expect(drillColumnsShown({ by: 'domain-zone', rows: [row], omitted: 0 })).toEqual({ cell: false });
    // Members beyond the listed page still make the cell a group.
    expect(drillColumnsShown({ by: 'zone', rows: [row], omitted: 3 })).toEqual({ cell: true });
    expect(drillColumnsShown({ by: 'enterprise', rows: [row], omitted: 0 })).toEqual({ cell: false });
    // The scope itself: relative to the cell and to the scope are the same figures, shown once.
    expect(drillColumnsShown({ by: 'total', rows: [row, row], omitted: 0 })).toEqual({ cell: false });
  });
});
