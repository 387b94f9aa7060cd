import type { Db } from '../../db/client.ts';
import { shanghaiDay } from '../../domain/notifications/report-reminder.ts';
import { leaseExpiringFindings, requestPastSlaFindings, supervisionOverdueFindings, type Finding } from '../../domain/warnings/index.ts';
import { addMonths } from '../../domain/carrier-ladder/ladder.ts';
import { unsafeLeasesEndingBy } from '../carrier-ladder/index.ts';
import { listOverdueSupervisionItems } from '../supervision/index.ts';
import { listRequestsPastSla } from '../services-requests/index.ts';

/**
 * The rules evaluated on other features' data (kind `hook`): each gathers its facts through the owning
 * feature's entry point and turns them into findings with the pure conditions of domain/warnings. They run in
 * every full evaluation (the nightly job, `warnings evaluate`), reconciled like the others.
 */
export const HOOK_FINDERS: Record<string, (db: Db, params: Record<string, unknown>, now: Date) => Promise<Finding[]>> = {
  'supervision-item-overdue': async (db, params, now) =>
    supervisionOverdueFindings(await listOverdueSupervisionItems(db, now), { graceDays: graceDaysOf(params) }, shanghaiDay(now)),
  'request-past-sla': async (db, params, now) => requestPastSlaFindings(await listRequestsPastSla(db, now), { graceDays: graceDaysOf(params) }, now),
  'carrier-lease-expiring': async (db, params, now) => {
    const months = Number(params.months ?? 3);
    if (!Number.isInteger(months) || months < 1) throw new Error(`months must be a whole number ≥ 1, got ${String(params.months)}`);
    const today = shanghaiDay(now);
    const leases = await unsafeLeasesEndingBy(db, today, addMonths(today, months));
    const facts = leases.map((l) => ({ tenancyId: l.id, enterpriseId: l.enterpriseId, enterpriseName: l.enterpriseName, carrierName: l.carrierName, zoneId: l.carrierZoneId, leaseEndOn: l.leaseEndOn! }));
    return leaseExpiringFindings(facts, { months }, today);
  },
};

function graceDaysOf(params: Record<string, unknown>): number {
  const value = Number(params.graceDays ?? 0);
  if (!Number.isFinite(value) || value < 0) throw new Error(`graceDays must be a number ≥ 0, got ${String(params.graceDays)}`);
  return value;
}
