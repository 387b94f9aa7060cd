import crypto from 'node:crypto';
import type { CarrierInput } from '../../../../contracts/carriers.ts';
import { carriers } from '../../db/schema/index.ts';
import { canPlaceCarrierInZone, carrierWriteScope, auditViewOfCarrier, carrierValuesOf, notFoundCarrier, outOfZone } from '../carriers/index.ts';
import type { CarrierRow } from '../carriers/index.ts';
import { ReferenceResolver } from '../registry-common/index.ts';
import { bulkWriterOf, insertReturningIds, refusalOf, rowsOfTable, updateRows } from './bulk-writer.ts';

/**
 * The carrier import written set-based, with the checks and rows of insertCarrier / updateCarrierRow. An
 * import writes the carrier itself; its occupants are recorded on the carrier's page and are left as they are.
 */


type PreparedCarrier = { values: Omit<typeof carriers.$inferInsert, 'code'> & { code: string | null } };

export const carriersBulkWriter = bulkWriterOf<CarrierInput, CarrierRow, PreparedCarrier, null>({
  objectType: 'carrier',
  actions: { create: 'carrier.create', update: 'carrier.update' },
  notFound: notFoundCarrier,
  rows: rowsOfTable(carriers, carrierWriteScope),
  views: async (ctx, rows) => new Map(rows.map((row) => [row.id, auditViewOfCarrier(row, ctx.index)])),
  lookup: async () => null,
  prepare(ctx, input, stored) {
    const actor = ctx.caller.actor;
    const refs = new ReferenceResolver(ctx.index);
    const values = { ...carrierValuesOf(input, refs), code: input.code ?? null };
    const refused = refusalOf(refs.problems);
    if (refused) return refused;
    if (actor.role === 'park' && !values.zoneId) values.zoneId = stored ? stored.row.zoneId : actor.scope?.kind === 'zone' ? actor.scope.id : null;
    if (!canPlaceCarrierInZone(actor, values.zoneId)) return outOfZone();
    if (!stored) values.code = input.code ?? `carrier-${crypto.randomBytes(4).toString('hex')}`;
    return { values };
  },
  insert: (ctx, part, now) => insertReturningIds(ctx.tx, carriers, part.map((p) => p.values), now),
  update: (ctx, part, now) => updateRows(ctx.tx, carriers, part.map((p) => ({ id: p.id, values: p.prepared.values })), { scope: carrierWriteScope(ctx.caller.actor), now, keepWhenNull: ['code'] }),
});
