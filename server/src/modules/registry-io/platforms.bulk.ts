import crypto from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { PlatformInput } from '../../../../contracts/platforms.ts';
import { enterprises, platforms } from '../../db/schema/index.ts';
import { platformWriteScope, auditViewOfPlatform, commissionOnlyPlatforms, notFoundPlatform, platformValuesOf, type PlatformRow, PLATFORM_PERSONAL } from '../platforms/index.ts';
import { ReferenceResolver } from '../registry-common/index.ts';
import { AppError } from '../../app/errors.ts';
import { restoredPersonal, sealPersonalColumns } from '../crypto/index.ts';
import { bulkWriterOf, enterpriseIdsByUscc, insertReturningIds, refusalOf, rowsByIds, rowsOfTable, updateRows } from './bulk-writer.ts';

/** The platform import written set-based, with the checks and rows of insertPlatform / updatePlatformRow. */

type PreparedPlatform = { values: Omit<typeof platforms.$inferInsert, 'code'> & { code: string | null } };

export const platformsBulkWriter = bulkWriterOf<PlatformInput, PlatformRow, PreparedPlatform, Map<string, string>>({
  objectType: 'platform',
  actions: { create: 'platform.create', update: 'platform.update' },
  notFound: notFoundPlatform,
  rows: rowsOfTable(platforms, platformWriteScope),
  async views(ctx, rows) {
    // The operator's credit code, deleted or not (as findPlatform's join).
    const operators = [...new Set(rows.flatMap((r) => (r.operatorEnterpriseId ? [r.operatorEnterpriseId] : [])))];
    const uscc = await rowsByIds(operators, (part) => ctx.tx.select({ id: enterprises.id, uscc: enterprises.uscc }).from(enterprises).where(inArray(enterprises.id, part)));
    return new Map(rows.map((row) => [row.id, auditViewOfPlatform({ row, operatorUscc: row.operatorEnterpriseId ? (uscc.get(row.operatorEnterpriseId)?.uscc ?? null) : null }, ctx.index)]));
  },
  lookup: (ctx, inputs) => enterpriseIdsByUscc(ctx, inputs.map((i) => i.operatorUscc)),
  prepare(ctx, input, stored, operators) {
    if (!stored && ctx.caller.actor.role !== 'commission') return commissionOnlyPlatforms();
    const refs = new ReferenceResolver(ctx.index);
    const values = restoredPersonal(platformValuesOf(input, refs, input.operatorUscc ? (operators.get(input.operatorUscc) ?? null) : null), stored?.view ?? null, PLATFORM_PERSONAL);
    if (values instanceof AppError) return values;
    const refused = refusalOf(refs.problems);
    if (refused) return refused;
    return {
      values: {
        ...values,
        code: stored ? (input.code ?? null) : (input.code ?? `platform-${crypto.randomBytes(4).toString('hex')}`),
      },
    };
  },
  // Ids chosen here so each row's personal values are sealed bound to it, as the per-row insert does.
  insert: (ctx, part, now) => insertReturningIds(ctx.tx, platforms, part.map((p) => { const id = crypto.randomUUID(); return { ...sealPersonalColumns(id, p.values, PLATFORM_PERSONAL), id }; }), now),
  update: (ctx, part, now) => updateRows(ctx.tx, platforms, part.map((p) => ({ id: p.id, values: sealPersonalColumns(p.id, p.prepared.values, PLATFORM_PERSONAL) })), { scope: platformWriteScope(ctx.caller.actor), now, keepWhenNull: ['code'] }),
});
