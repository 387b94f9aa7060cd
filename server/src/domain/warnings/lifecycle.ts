import type { WarningAction, WarningStatus } from '../../../../contracts/warnings.ts';

/**
 * The lifecycle of a warning: open → acknowledged → handling → resolved, or dismissed (with a reason) from
 * any live status; notes on any live warning. A closed warning takes no action: if its condition holds again
 * the next evaluation opens a new one.
 */
const NEXT: Record<WarningAction['action'], { from: readonly WarningStatus[]; to: WarningStatus | null }> = {
  acknowledge: { from: ['open'], to: 'acknowledged' },
  handle: { from: ['open', 'acknowledged'], to: 'handling' },
  note: { from: ['open', 'acknowledged', 'handling'], to: null },
  resolve: { from: ['open', 'acknowledged', 'handling'], to: 'resolved' },
  dismiss: { from: ['open', 'acknowledged', 'handling'], to: 'dismissed' },
};

/** The status after the action, the same status for a note, or null when the action is not allowed now. */
export function nextStatus(status: WarningStatus, action: WarningAction['action']): WarningStatus | null {
  const step = NEXT[action];
  if (!step.from.includes(status)) return null;
  return step.to ?? status;
}

/** Who a warning goes to after `level` escalations: the owner, then the commission, then the district leaders. */
export function escalationTarget(ownerRole: 'park' | 'department' | 'commission', escalationLevel: number): 'park' | 'department' | 'commission' | 'leader' {
  if (escalationLevel <= 0) return ownerRole;
  if (escalationLevel === 1 && ownerRole !== 'commission') return 'commission';
  return 'leader';
}

/** Whether an open (unacknowledged) warning is past its time limit for the next escalation. */
export function isDueForEscalation(w: { status: WarningStatus; escalationLevel: number; since: Date }, afterDays: number, now: Date): boolean {
  if (w.status !== 'open' || w.escalationLevel >= 2) return false;
  return now.getTime() - w.since.getTime() >= afterDays * 86_400_000;
}
