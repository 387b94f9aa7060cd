import crypto from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { ExpertInput } from '../../../../contracts/experts.ts';
import { AppError, errors } from '../../app/errors.ts';
import { expertConflicts, experts } from '../../db/schema/index.ts';
import { expertWriteScope, auditViewOfExpert, commissionOnlyExperts, conflictsOf, expertValuesOf, notFoundExpert, type ExpertRow, EXPERT_PERSONAL } from '../experts/index.ts';
import { ReferenceResolver } from '../registry-common/index.ts';
import { restoredPersonal, sealPersonalColumns } from '../crypto/index.ts';
import { bulkWriterOf, chunks, enterpriseIdsByUscc, insertReturningIds, refusalOf, rowsOfTable, updateRows } from './bulk-writer.ts';

/**
 * The expert import written set-based, with the checks and rows of insertExpert / updateExpertRow. The sheet
 * has no conflict column, so an update carries the stored conflicts of interest over; they are written again
 * as the per-row update writes them, and refused the same way when an enterprise named there is gone.
 */

interface PreparedExpert {
  values: Omit<typeof experts.$inferInsert, 'code'> & { code: string | null };
  /** Enterprise id → the declared conflict (the last one per enterprise, as the service keeps it). */
  conflicts: Map<string, ExpertInput['conflicts'][number]>;
}

export const expertsBulkWriter = bulkWriterOf<ExpertInput, ExpertRow, PreparedExpert, Map<string, string>>({
  objectType: 'expert',
  actions: { create: 'expert.create', update: 'expert.update' },
  notFound: notFoundExpert,
  rows: rowsOfTable(experts, expertWriteScope),
  async views(ctx, rows) {
    const byExpert = new Map<string, Awaited<ReturnType<typeof conflictsOf>>>();
    for (const part of chunks(rows.map((r) => r.id), 5000)) for (const c of await conflictsOf(ctx.tx, part)) byExpert.set(c.c.expertId, [...(byExpert.get(c.c.expertId) ?? []), c]);
    return new Map(rows.map((row) => [row.id, auditViewOfExpert(row, byExpert.get(row.id) ?? [])]));
  },
  lookup: (ctx, inputs) => enterpriseIdsByUscc(ctx, inputs.flatMap((i) => i.conflicts.map((c) => c.enterpriseUscc))),
  prepare(ctx, input, stored, enterpriseIds) {
    if (!stored && ctx.caller.actor.role !== 'commission') return commissionOnlyExperts();
    const refs = new ReferenceResolver(ctx.index);
    const values = restoredPersonal(expertValuesOf(input, refs), stored?.view ?? null, EXPERT_PERSONAL);
    if (values instanceof AppError) return values;
    const refused = refusalOf(refs.problems);
    if (refused) return refused;
    const missing = input.conflicts.flatMap((c, i) =>
      enterpriseIds.has(c.enterpriseUscc) ? [] : [{ path: `body.conflicts.${i}.enterpriseUscc`, rule: 'reference', message: '该统一社会信用代码的企业未登记', messageEn: 'No registered enterprise has this credit code' }],
    );
    if (missing.length) return errors.validation(missing);
    return {
      values: {
        ...values,
        code: stored ? (input.code ?? null) : (input.code ?? `ZJ-${crypto.randomBytes(3).toString('hex').toUpperCase()}`),
      },
      conflicts: new Map(input.conflicts.map((c) => [enterpriseIds.get(c.enterpriseUscc)!, c])),
    };
  },
  // Ids chosen here so each row's personal values are sealed bound to it, as the per-row insert does.
  insert: (ctx, part, now) => insertReturningIds(ctx.tx, experts, part.map((p) => { const id = crypto.randomUUID(); return { ...sealPersonalColumns(id, p.values, EXPERT_PERSONAL), id }; }), now),
  update: (ctx, part, now) => updateRows(ctx.tx, experts, part.map((p) => ({ id: p.id, values: sealPersonalColumns(p.id, p.prepared.values, EXPERT_PERSONAL) })), { scope: expertWriteScope(ctx.caller.actor), now, keepWhenNull: ['code'] }),
  async links(ctx, written) {
    for (const part of chunks(written.filter((w) => !w.created).map((w) => w.id), 5000)) await ctx.tx.delete(expertConflicts).where(inArray(expertConflicts.expertId, part));
    const rows = written.flatMap((w) => [...w.prepared.conflicts].map(([enterpriseId, c]) => ({ expertId: w.id, enterpriseId, relation: c.relation, declaredOn: c.declaredOn ?? null })));
    for (const part of chunks(rows, 5000)) await ctx.tx.insert(expertConflicts).values(part);
  },
});
