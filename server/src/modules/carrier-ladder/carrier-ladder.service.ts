import { eq } from 'drizzle-orm';
import type { CarrierLadderFigures, Ladder, MoveInput, VacancySeries } from '../../../../contracts/carrier-ladder.ts';
import type { Actor } from '../../app/actor.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { AppError, errors } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { carrierOccupants } from '../../db/schema/index.ts';
import { addMonths, carrierFigures, lastDayOfMonth, ladderFlows, overlaps, vacancySeries, type CarrierKind } from '../../domain/carrier-ladder/ladder.ts';
import { leasedAreaOn } from '../../domain/registries/occupancy.ts';
import { carrierScope, carrierWriteScope, findCarrier, notFoundCarrier } from '../carriers/index.ts';
import { enterpriseIdsByUsccInScope, enterpriseScope } from '../enterprises/index.ts';
import { recordChange, todayIso, type Caller } from '../registry-common/index.ts';
import { moveEventsOf } from './carrier-ladder.presenter.ts';
import { carriersForLadder, tenanciesInScope, unsafeTenanciesOfEnterprises, type TenancyRow } from './carrier-ladder.repository.ts';
import { tenancyReadScope, tenancyWriteScope } from './carrier-ladder.policy.ts';

/** The lease-expiry horizon shown on the carriers page; the warning rule's own months are set by the commission. */
export const LEASE_HORIZON_MONTHS = 3;

const invalid = (path: string, message: string, messageEn: string, rule = 'date') => errors.validation([{ path, rule, message, messageEn }]);

export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** The period of a ladder query: by default the 36 months up to the running one; the last day is at most today. */
export function periodOf(query: { from?: string | undefined; to?: string | undefined }, today: string) {
  const toMonth = query.to ?? monthOf(today);
  const fromMonth = query.from ?? monthOf(addMonths(`${toMonth}-01`, -35));
  const end = lastDayOfMonth(toMonth);
  return { fromMonth, toMonth, period: { from: `${fromMonth}-01`, to: end < today ? end : today } };
}

async function carrierNamesVisibleTo(db: Db, actor: Actor): Promise<Set<string>> {
  return new Set((await carriersForLadder(db, carrierScope(actor), undefined)).map((c) => c.id));
}

/** Move events the actor may see (filters: carrier, enterprise, date range). */
export async function listMoves(db: Db, actor: Actor, query: { carrier?: string | undefined; enterprise?: string | undefined; from?: string | undefined; to?: string | undefined }, today: string) {
  const visibleRows = await tenanciesInScope(db, tenancyReadScope(actor), { enterpriseId: query.enterprise });
  const visible = new Set(visibleRows.map((t) => t.id));
  const all = await unsafeTenanciesOfEnterprises(db, visibleRows.map((t) => t.enterpriseId));
  const named = await carrierNamesVisibleTo(db, actor);
  const items = moveEventsOf(all, visible, named, today).filter(
    (e) =>
      (!query.carrier || e.from?.id === query.carrier || e.to?.id === query.carrier) &&
      (!query.from || e.movedOn >= query.from) &&
      (!query.to || e.movedOn <= query.to),
  );
  return { items };
}

/** Per carrier figures, the flows between the rungs and the carriers' vacancy, for the carriers page. */
export async function computeLadder(db: Db, actor: Actor, query: { zone?: string | undefined; from?: string | undefined; to?: string | undefined }, today: string): Promise<Ladder> {
  const { fromMonth, toMonth, period } = periodOf(query, today);
  const carriers = await carriersForLadder(db, carrierScope(actor), query.zone);
  const own = await tenanciesInScope(db, tenancyReadScope(actor), { carrierIds: carriers.map((c) => c.id) });
  const all = await unsafeTenanciesOfEnterprises(db, own.map((t) => t.enterpriseId));
  const inFilter = new Set(carriers.map((c) => c.id));
  const horizon = addMonths(today, LEASE_HORIZON_MONTHS);
  const figures: CarrierLadderFigures[] = carriers.map((c) => {
    const mine = own.filter((t) => t.carrierId === c.id);
    const f = carrierFigures(c.id, all, period);
    const base = c.leasableArea && c.leasableArea > 0 ? c.leasableArea : c.totalArea && c.totalArea > 0 ? c.totalArea : null;
    const leased = leasedAreaOn(mine, period.to);
    return {
      id: c.id,
      code: c.code,
      name: c.name,
      type: c.type,
      zone: c.zoneCode ? { code: c.zoneCode, name: c.zoneName ?? c.zoneCode } : null,
      leasableArea: c.leasableArea,
      leasedArea: leased,
      vacancyRate: base === null ? null : Math.round((1 - leased / base) * 10_000) / 10_000,
      tenants: f.tenantsAtEnd,
      entries: f.entries,
      exits: f.exits,
      outcomes: f.outcomes,
      graduationRate: f.graduationRate === null ? null : Math.round(f.graduationRate * 10_000) / 10_000,
      leftDistrictRate: f.leftDistrictRate === null ? null : Math.round(f.leftDistrictRate * 10_000) / 10_000,
      medianStayMonths: f.medianStayMonths,
      leasesExpiring: mine.filter((t) => t.leaseEndOn !== null && t.leaseEndOn <= horizon && t.moveInOn <= today && (t.moveOutOn === null || t.moveOutOn > today)).length,
    };
  });
  return { from: fromMonth, to: toMonth, carriers: figures, flows: ladderFlows(all, period, (id) => inFilter.has(id)) };
}

export async function carrierVacancy(db: Db, actor: Actor, carrierId: string, query: { from?: string | undefined; to?: string | undefined }, today: string): Promise<VacancySeries> {
  const { fromMonth, toMonth } = periodOf(query, today);
  const [carrier] = (await carriersForLadder(db, carrierScope(actor), undefined)).filter((c) => c.id === carrierId);
  if (!carrier) throw notFoundCarrier();
  const mine = await tenanciesInScope(db, tenancyReadScope(actor), { carrierIds: [carrierId] });
  return { carrierId, points: vacancySeries(carrier, mine, fromMonth, toMonth, today) };
}

const overlapError = (found: TenancyRow, named: boolean) =>
  new AppError(
    409,
    'TENANCY_OVERLAP',
    `该企业在${named ? `「${found.carrierName}」` : '另一载体'}的租用期（${found.moveInOn} 起${found.moveOutOn ? `，至 ${found.moveOutOn}` : ''}）与此重叠；如确需同时租用，请勾选“允许重叠”并说明理由`,
    `The enterprise's tenancy in ${named ? `"${found.carrierName}"` : 'another carrier'} (from ${found.moveInOn}${found.moveOutOn ? ` to ${found.moveOutOn}` : ''}) overlaps; tick "allow overlap" with a reason if both are intended`,
  );

const auditView = (t: { moveInOn: string; moveOutOn: string | null; leasedArea: number; leaseEndOn: string | null; exitKind: string | null }, uscc: string) => ({
  enterprise: uscc,
  moveInOn: t.moveInOn,
  moveOutOn: t.moveOutOn,
  leasedArea: t.leasedArea,
  leaseEndOn: t.leaseEndOn,
  exitKind: t.exitKind,
});

/**
 * Records a move in one transaction: a move-out or transfer closes the enterprise's running tenancy in the
 * carrier it leaves; a move-in or transfer opens one in the carrier it enters, refused (409) when it would
 * overlap another tenancy of the enterprise unless the overlap is allowed with a reason. Both carriers must be
 * writable by the caller (a park: its zone's); the enterprise is resolved through the caller's enterprise
 * scope, so "registered elsewhere" answers like "not registered".
 */
export async function recordMove(deps: AppDeps, caller: Caller, input: MoveInput) {
  const today = todayIso(deps.clock());
  return inTransaction(deps, async (tx) => {
    const enterpriseId = (await enterpriseIdsByUsccInScope(tx, enterpriseScope(caller.actor), [input.enterpriseUscc])).get(input.enterpriseUscc);
    if (!enterpriseId) throw invalid('body.enterpriseUscc', '该统一社会信用代码的企业未登记或不在您的管理范围内', 'No enterprise with this credit code is registered within your scope', 'reference');
    const writable = carrierWriteScope(caller.actor);
    const from = input.kind === 'move-in' ? null : await findCarrier(tx, writable, input.fromCarrierId!);
    const to = input.kind === 'move-out' ? null : await findCarrier(tx, writable, input.toCarrierId!);
    if ((input.kind !== 'move-in' && !from) || (input.kind !== 'move-out' && !to)) throw notFoundCarrier();
    const tenancies = await unsafeTenanciesOfEnterprises(tx, [enterpriseId]);
    const now = deps.clock();

    if (from) {
      const running = tenancies.find((t) => t.carrierId === from.row.id && t.moveInOn <= input.movedOn && (t.moveOutOn === null || t.moveOutOn > input.movedOn));
      if (!running) throw invalid('body.fromCarrierId', '该企业在此载体于该日没有在租记录', 'The enterprise has no tenancy in this carrier on that day', 'tenancy');
      if (running.moveInOn >= input.movedOn) throw invalid('body.movedOn', '迁出日期须晚于入驻日期', 'The move-out must come after the move-in');
      const exitKind = input.kind === 'transfer' ? 'moved-carrier' : input.exitKind!;
      await tx.update(carrierOccupants).set({ moveOutOn: input.movedOn, exitKind }).where(eq(carrierOccupants.id, running.id));
      const after = { ...running, moveOutOn: input.movedOn, exitKind };
      const action = input.kind === 'transfer' ? 'carrier.transfer-out' : 'carrier.move-out';
      await recordChange(tx, deps.audit, caller, { objectType: 'carrier', objectId: from.row.id, action, before: { tenancy: auditView(running, input.enterpriseUscc) }, after: { tenancy: auditView(after, input.enterpriseUscc), note: input.note ?? null } }, now);
      running.moveOutOn = input.movedOn;
    }
    if (to) {
      const opened = { moveInOn: input.movedOn, moveOutOn: null };
      const clash = tenancies.find((t) => overlaps(t, opened));
      if (clash && !input.allowOverlap) throw overlapError(clash, (await carrierNamesVisibleTo(tx, caller.actor)).has(clash.carrierId));
      const [row] = await tx
        .insert(carrierOccupants)
        .values({
          carrierId: to.row.id,
          enterpriseId,
          moveInOn: input.movedOn,
          leasedAreaM2: String(input.leasedArea!),
          leaseEndOn: input.leaseEndOn ?? null,
          overlapReason: clash ? input.overlapReason! : null,
          note: input.note ?? null,
        })
        .returning({ id: carrierOccupants.id });
      const view = auditView({ ...opened, leasedArea: input.leasedArea!, leaseEndOn: input.leaseEndOn ?? null, exitKind: null }, input.enterpriseUscc);
      const action = input.kind === 'transfer' ? 'carrier.transfer-in' : 'carrier.move-in';
      await recordChange(tx, deps.audit, caller, { objectType: 'carrier', objectId: to.row.id, action, before: { tenancy: null }, after: { tenancy: { ...view, id: row!.id, overlapReason: clash ? input.overlapReason : null, note: input.note ?? null } } }, now);
    }
    return listMoves(tx, caller.actor, { enterprise: enterpriseId }, today);
  });
}

/** Renews or corrects the lease of a tenancy the caller may write. */
export async function updateLease(deps: AppDeps, caller: Caller, tenancyId: string, input: { leaseEndOn: string | null; leasedArea?: number | undefined }) {
  const today = todayIso(deps.clock());
  return inTransaction(deps, async (tx) => {
    const [found] = await tenanciesInScope(tx, tenancyWriteScope(caller.actor), { id: tenancyId });
    if (!found) throw errors.notFound('租用记录', 'tenancy');
    if (input.leaseEndOn !== null && input.leaseEndOn <= found.moveInOn) throw invalid('body.leaseEndOn', '租约到期日须晚于入驻日期', 'The lease must end after the move-in date');
    await tx
      .update(carrierOccupants)
      .set({ leaseEndOn: input.leaseEndOn, ...(input.leasedArea !== undefined ? { leasedAreaM2: String(input.leasedArea) } : {}) })
      .where(eq(carrierOccupants.id, tenancyId));
    const after = { ...found, leaseEndOn: input.leaseEndOn, leasedArea: input.leasedArea ?? found.leasedArea };
    await recordChange(tx, deps.audit, caller, { objectType: 'carrier', objectId: found.carrierId, action: 'carrier.lease-update', before: { tenancy: auditView(found, found.enterpriseUscc) }, after: { tenancy: auditView(after, found.enterpriseUscc) } }, deps.clock());
    return listMoves(tx, caller.actor, { enterprise: found.enterpriseId }, today);
  });
}

export type { CarrierKind };
