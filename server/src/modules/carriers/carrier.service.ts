import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { CarrierDetail, CarrierInput, CarrierListItem, OccupantInput } from '../../../../contracts/carriers.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { AppError, errors } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { carrierOccupants, carriers } from '../../db/schema/index.ts';
import { isPresent } from '../../domain/registries/occupancy.ts';
import {
  appendHistory,
  isUniqueViolation,
  listHistory,
  loadReferenceIndex,
  recordChange,
  ReferenceResolver,
  refView,
  staleVersion,
  todayIso,
  type Caller,
  type HistorySource,
  type ReferenceIndex,
} from '../registry-common/index.ts';
import { enterpriseIdsByUsccInScope, enterpriseScope } from '../enterprises/index.ts';
import { canPlaceCarrierInZone, carrierScope, carrierWriteScope, deletedCarrierScope } from './carrier.policy.ts';
import { findCarrier, occupancyOf, occupantsOf, tenancies, type CarrierRow } from './carrier.repository.ts';

export const notFoundCarrier = () => errors.notFound('载体', 'carrier');
const num = (v: string | null) => (v === null ? null : Number(v));

export function presentCarrier(r: { row: CarrierRow; zoneCode: string | null; zoneName: string | null }, occupants: Awaited<ReturnType<typeof occupantsOf>>, today: string): CarrierListItem {
  const list = tenancies(occupants, r.row.id);
  return {
    id: r.row.id,
    code: r.row.code,
    name: r.row.nameZh,
    type: r.row.carrierType as CarrierListItem['type'],
    zone: r.zoneCode ? { code: r.zoneCode, name: r.zoneName ?? r.zoneCode } : null,
    totalArea: num(r.row.totalAreaM2),
    leasableArea: num(r.row.leasableAreaM2),
    leasedArea: list.filter((t) => isPresent(t, today)).reduce((s, t) => s + t.leasedArea, 0),
    occupancyRate: occupancyOf(r.row, list, today),
    occupantCount: list.filter((t) => isPresent(t, today)).length,
    updatedAt: r.row.updatedAt.toISOString(),
  };
}

export function auditViewOfCarrier(row: CarrierRow, index: ReferenceIndex) {
  return {
    code: row.code,
    name: row.nameZh,
    type: row.carrierType,
    zone: refView(index, row.zoneId)?.code ?? null,
    totalArea: num(row.totalAreaM2),
    leasableArea: num(row.leasableAreaM2),
    address: row.address,
    operatorName: row.operatorName,
    openedOn: row.openedOn,
    note: row.note,
  };
}

function valuesOf(input: CarrierInput, index: ReferenceIndex) {
  const refs = new ReferenceResolver(index);
  const values = carrierValuesOf(input, refs);
  refs.throwIfProblems();
  return values;
}

/** A carrier input's stored columns (the form's and the import's alike); unknown references are collected in `refs`. */
export function carrierValuesOf(input: CarrierInput, refs: ReferenceResolver) {
  const zone = refs.zone(input.zone);
  return {
    nameZh: input.name,
    carrierType: input.type,
    zoneId: zone?.id ?? null,
    totalAreaM2: input.totalArea == null ? null : String(input.totalArea),
    leasableAreaM2: input.leasableArea == null ? null : String(input.leasableArea),
    address: input.address ?? null,
    operatorName: input.operatorName ?? null,
    openedOn: input.openedOn ?? null,
    note: input.note ?? null,
  };
}

export const outOfZone = () => new AppError(403, 'OUT_OF_SCOPE', '只能登记和维护本园区（功能区）的载体', 'You can only record carriers of your own zone');

export interface WriteOptions {
  source: HistorySource;
  audit: boolean;
}
async function record(tx: Db, deps: AppDeps, caller: Caller, options: WriteOptions, event: Parameters<typeof appendHistory>[2]) {
  if (options.audit) await recordChange(tx, deps.audit, caller, event, deps.clock());
  else await appendHistory(tx, caller, event, deps.clock());
}

export async function insertCarrier(tx: Db, deps: AppDeps, caller: Caller, input: CarrierInput, index: ReferenceIndex, options: WriteOptions): Promise<CarrierRow> {
  const values = valuesOf(input, index);
  if (caller.actor.role === 'park' && !values.zoneId && caller.actor.scope?.kind === 'zone') values.zoneId = caller.actor.scope.id;
  if (!canPlaceCarrierInZone(caller.actor, values.zoneId)) throw outOfZone();
  const now = deps.clock();
  const code = input.code ?? `carrier-${crypto.randomBytes(4).toString('hex')}`;
  const [row] = await tx.insert(carriers).values({ ...values, code, createdAt: now, updatedAt: now }).returning();
  await record(tx, deps, caller, options, { objectType: 'carrier', objectId: row!.id, action: 'carrier.create', before: null, after: auditViewOfCarrier(row!, index), source: options.source });
  return row!;
}

export async function updateCarrierRow(tx: Db, deps: AppDeps, caller: Caller, id: string, version: number | null, input: CarrierInput, index: ReferenceIndex, options: WriteOptions): Promise<CarrierRow> {
  const found = await findCarrier(tx, carrierWriteScope(caller.actor), id);
  if (!found) throw notFoundCarrier();
  const values = valuesOf(input, index);
  if (caller.actor.role === 'park' && !values.zoneId) values.zoneId = found.row.zoneId;
  if (!canPlaceCarrierInZone(caller.actor, values.zoneId)) throw outOfZone();
  const [row] = await tx
    .update(carriers)
    .set({ ...values, ...(input.code ? { code: input.code } : {}), version: sql`${carriers.version} + 1`, updatedAt: deps.clock() })
    .where(and(eq(carriers.id, id), version === null ? sql`true` : eq(carriers.version, version)))
    .returning();
  if (!row) throw staleVersion(found.row.version);
  await record(tx, deps, caller, options, { objectType: 'carrier', objectId: id, action: 'carrier.update', before: auditViewOfCarrier(found.row, index), after: auditViewOfCarrier(row, index), source: options.source });
  return row;
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError(409, 'CARRIER_CODE_TAKEN', '载体编号已被使用', 'The carrier code is taken');
    throw error;
  }
}

export function createCarrierService(deps: AppDeps) {
  const db = () => deps.database.db;
  const api: WriteOptions = { source: 'api', audit: true };
  async function detail(dbx: Db, scopeSql: ReturnType<typeof carrierScope>, id: string): Promise<CarrierDetail> {
    const found = await findCarrier(dbx, scopeSql, id);
    if (!found) throw notFoundCarrier();
    const today = todayIso(deps.clock());
    const occupants = await occupantsOf(dbx, [id]);
    return {
      ...presentCarrier(found, occupants, today),
      address: found.row.address,
      operatorName: found.row.operatorName,
      openedOn: found.row.openedOn,
      note: found.row.note,
      version: found.row.version,
      occupants: occupants.map((o) => ({
        id: o.o.id,
        enterprise: { id: o.o.enterpriseId, name: o.name, uscc: o.uscc },
        moveInOn: o.o.moveInOn,
        moveOutOn: o.o.moveOutOn,
        leasedArea: Number(o.o.leasedAreaM2),
        isCurrent: isPresent({ moveInOn: o.o.moveInOn, moveOutOn: o.o.moveOutOn, leasedArea: 0 }, today),
      })),
    };
  }
  return {
    get: (caller: Caller, id: string) => detail(db(), carrierScope(caller.actor), id),
    create: (caller: Caller, input: CarrierInput) =>
      guarded(() =>
        inTransaction(deps, async (tx) => {
          const row = await insertCarrier(tx, deps, caller, input, await loadReferenceIndex(tx), api);
          return detail(tx, carrierScope(caller.actor), row.id);
        }),
      ),
    update: (caller: Caller, id: string, version: number, input: CarrierInput) =>
      guarded(() =>
        inTransaction(deps, async (tx) => {
          await updateCarrierRow(tx, deps, caller, id, version, input, await loadReferenceIndex(tx), api);
          return detail(tx, carrierScope(caller.actor), id);
        }),
      ),
    async remove(caller: Caller, id: string) {
      return inTransaction(deps, async (tx) => {
        if (!(await findCarrier(tx, carrierWriteScope(caller.actor), id))) throw notFoundCarrier();
        const now = deps.clock();
        await tx.update(carriers).set({ deletedAt: now, updatedAt: now, version: sql`${carriers.version} + 1` }).where(eq(carriers.id, id));
        await recordChange(tx, deps.audit, caller, { objectType: 'carrier', objectId: id, action: 'carrier.delete', before: { deleted: false }, after: { deleted: true } }, now);
        return { id, deletedAt: now.toISOString() };
      });
    },
    async restore(caller: Caller, id: string) {
      return inTransaction(deps, async (tx) => {
        if (!(await findCarrier(tx, deletedCarrierScope(caller.actor), id))) throw notFoundCarrier();
        const now = deps.clock();
        await tx.update(carriers).set({ deletedAt: null, updatedAt: now, version: sql`${carriers.version} + 1` }).where(eq(carriers.id, id));
        await recordChange(tx, deps.audit, caller, { objectType: 'carrier', objectId: id, action: 'carrier.restore', before: { deleted: true }, after: { deleted: false } }, now);
        return detail(tx, carrierScope(caller.actor), id);
      });
    },
    async addOccupant(caller: Caller, id: string, input: OccupantInput) {
      return inTransaction(deps, async (tx) => {
        if (!(await findCarrier(tx, carrierWriteScope(caller.actor), id))) throw notFoundCarrier();
        // Resolved through the caller's enterprise scope: a park records only its own zone's enterprises, and
        // "registered elsewhere" answers exactly like "not registered" (no existence oracle).
        const enterpriseId = (await enterpriseIdsByUsccInScope(tx, enterpriseScope(caller.actor), [input.enterpriseUscc])).get(input.enterpriseUscc);
        if (!enterpriseId) {
          throw errors.validation([
            { path: 'body.enterpriseUscc', rule: 'reference', message: '该统一社会信用代码的企业未登记或不在您的管理范围内', messageEn: 'No enterprise with this credit code is registered within your scope' },
          ]);
        }
        const [row] = await tx
          .insert(carrierOccupants)
          .values({ carrierId: id, enterpriseId, moveInOn: input.moveInOn, moveOutOn: input.moveOutOn ?? null, leasedAreaM2: String(input.leasedArea) })
          .returning();
        const entry = { enterprise: input.enterpriseUscc, moveInOn: row!.moveInOn, moveOutOn: row!.moveOutOn, leasedArea: input.leasedArea };
        await recordChange(tx, deps.audit, caller, { objectType: 'carrier', objectId: id, action: 'carrier.occupant-add', before: { occupant: null }, after: { occupant: entry } }, deps.clock());
        return detail(tx, carrierScope(caller.actor), id);
      });
    },
    async updateOccupant(caller: Caller, id: string, occupantId: string, input: { moveOutOn?: string | null; leasedArea?: number | undefined }) {
      return inTransaction(deps, async (tx) => {
        if (!(await findCarrier(tx, carrierWriteScope(caller.actor), id))) throw notFoundCarrier();
        const [before] = await tx.select().from(carrierOccupants).where(and(eq(carrierOccupants.id, occupantId), eq(carrierOccupants.carrierId, id)));
        if (!before) throw errors.notFound('入驻记录', 'occupancy');
        if (input.moveOutOn && input.moveOutOn < before.moveInOn) {
          throw errors.validation([{ path: 'body.moveOutOn', rule: 'date', message: '迁出日期早于入驻日期', messageEn: 'The move-out date is before the move-in date' }]);
        }
        const [after] = await tx
          .update(carrierOccupants)
          .set({ moveOutOn: input.moveOutOn ?? null, ...(input.leasedArea !== undefined ? { leasedAreaM2: String(input.leasedArea) } : {}) })
          .where(eq(carrierOccupants.id, occupantId))
          .returning();
        const view = (o: typeof before) => ({ occupantId, moveOutOn: o.moveOutOn, leasedArea: Number(o.leasedAreaM2) });
        await recordChange(tx, deps.audit, caller, { objectType: 'carrier', objectId: id, action: 'carrier.occupant-update', before: { occupant: view(before) }, after: { occupant: view(after!) } }, deps.clock());
        return detail(tx, carrierScope(caller.actor), id);
      });
    },
    async history(caller: Caller, id: string) {
      if (!(await findCarrier(db(), carrierScope(caller.actor), id))) throw notFoundCarrier();
      return { items: await listHistory(db(), 'carrier', id) };
    },
  };
}
