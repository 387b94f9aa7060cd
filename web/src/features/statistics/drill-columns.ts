import type { DrillView } from '../../../../contracts/statistics.ts';

/**
 * Which relative figures a drill-down shows. Relative to the group opened (the cell) only when the cell holds
 * more than one enterprise and is not the scope itself: one enterprise's share of its own cell is always 100%
 * and its pull on the cell is its own growth, so they say nothing. Relative to the scope (district or zone)
 * always: that is the base of the cockpit's top-mover lists, so the same enterprise shows the same pull there.
 */
export function drillColumnsShown(view: Pick<DrillView, 'by' | 'rows' | 'omitted'>): { cell: boolean } {
  const members = view.rows.length + view.omitted;
  return { cell: view.by !== 'total' && view.by !== 'enterprise' && members > 1 };
}
