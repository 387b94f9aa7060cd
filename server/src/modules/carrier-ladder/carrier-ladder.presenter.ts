import type { MoveEvent } from '../../../../contracts/carrier-ladder.ts';
import { byEnterprise, exitOutcome, successorOf } from '../../domain/carrier-ladder/ladder.ts';
import type { TenancyRow } from './carrier-ladder.repository.ts';

/**
 * Move events from tenancies. Each enterprise's tenancies are chained by `successorOf`: a tenancy with a
 * predecessor begins with a transfer, one without begins with a move-in; an ended tenancy without a successor
 * ends with a move-out. An event is shown when the reader sees the tenancy on either side; the other side's
 * carrier is then named only if the reader may see it (`namedCarriers`), otherwise only by its kind.
 */
export function moveEventsOf(all: readonly TenancyRow[], visible: ReadonlySet<string>, namedCarriers: ReadonlySet<string>, today: string): MoveEvent[] {
  const grouped = byEnterprise(all);
  const predecessor = new Map<string, TenancyRow>();
  const successor = new Map<string, TenancyRow>();
  for (const t of all) {
    const next = successorOf(t, grouped.get(t.enterpriseId)!) as TenancyRow | null;
    if (next && !predecessor.has(next.id)) {
      predecessor.set(next.id, t);
      successor.set(t.id, next);
    }
  }
  const ref = (t: TenancyRow) => (namedCarriers.has(t.carrierId) || visible.has(t.id) ? { id: t.carrierId, name: t.carrierName, type: t.carrierKind } : { id: null, name: null, type: t.carrierKind });
  const isCurrent = (t: TenancyRow) => t.moveInOn <= today && (t.moveOutOn === null || t.moveOutOn > today);
  const enterprise = (t: TenancyRow) => ({ id: t.enterpriseId, name: t.enterpriseName, uscc: t.enterpriseUscc });
  const events: MoveEvent[] = [];
  for (const t of all) {
    const before = predecessor.get(t.id);
    if (visible.has(t.id) || (before && visible.has(before.id))) {
      events.push({
        id: `${t.id}:in`,
        tenancyId: t.id,
        kind: before ? 'transfer' : 'move-in',
        movedOn: t.moveInOn,
        enterprise: enterprise(t),
        from: before ? ref(before) : null,
        to: ref(t),
        leasedArea: t.leasedArea,
        leaseEndOn: t.leaseEndOn,
        exitKind: before?.exitKind ?? null,
        outcome: before ? exitOutcome(before, grouped.get(t.enterpriseId)!) : null,
        overlapReason: t.overlapReason,
        isCurrent: isCurrent(t),
      });
    }
    if (t.moveOutOn !== null && !successor.has(t.id) && visible.has(t.id)) {
      events.push({
        id: `${t.id}:out`,
        tenancyId: t.id,
        kind: 'move-out',
        movedOn: t.moveOutOn,
        enterprise: enterprise(t),
        from: ref(t),
        to: null,
        leasedArea: t.leasedArea,
        leaseEndOn: t.leaseEndOn,
        exitKind: t.exitKind,
        outcome: exitOutcome(t, grouped.get(t.enterpriseId)!),
        overlapReason: null,
        isCurrent: false,
      });
    }
  }
  return events.sort((a, b) => (a.movedOn === b.movedOn ? a.id.localeCompare(b.id) : a.movedOn < b.movedOn ? 1 : -1));
}
