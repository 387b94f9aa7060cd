import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { EnterpriseInput } from '../../../../contracts/enterprises.ts';
import { AppError } from '../../app/errors.ts';
import { enterpriseChainNodes, enterprises } from '../../db/schema/index.ts';
import { sealedContactColumns, canPlaceEnterpriseInZone, enterpriseWriteScope, auditViewOfEnterprise, chainNodesOf, unsafeFindEnterprisesByUscc, type EnterpriseRow, notFoundEnterprise, outOfScope, resolveEnterpriseInput, usccTaken, type ResolvedEnterprise } from '../enterprises/index.ts';
import { bulkWriterOf, chunks, rowsOfTable, updateRows } from './bulk-writer.ts';

/**
 * The enterprise import written set-based: the checks of insertEnterprise / updateEnterpriseRow (references,
 * zone placement, write scope, code uniqueness) in memory, then multi-row INSERT, one UPDATE … FROM per chunk,
 * the chain mappings replaced in bulk and one history row per changed record with the same before/after views
 * (source 'import', no per-row audit record: the import writes one for the file).
 */
export const enterprisesBulkWriter = bulkWriterOf<EnterpriseInput, EnterpriseRow, ResolvedEnterprise, null>({
  objectType: 'enterprise',
  actions: { create: 'enterprise.create', update: 'enterprise.update' },
  notFound: notFoundEnterprise,
  rows: rowsOfTable(enterprises, enterpriseWriteScope),
  async views(ctx, rows) {
    const nodes = new Map<string, string[]>();
    for (const part of chunks(rows.map((r) => r.id), 5000)) for (const [id, list] of await chainNodesOf(ctx.tx, part)) nodes.set(id, list.map((n) => n.code));
    return new Map(rows.map((row) => [row.id, auditViewOfEnterprise(row, ctx.index, nodes.get(row.id) ?? [])]));
  },
  lookup: async () => null,
  prepare(ctx, input, stored) {
    const actor = ctx.caller.actor;
    let resolved: ResolvedEnterprise;
    try {
      resolved = resolveEnterpriseInput(input, ctx.index);
    } catch (error) {
      if (error instanceof AppError) return error;
      throw error;
    }
    const values = resolved.values;
    if (!stored) {
      if (actor.role === 'park' && !values.zoneId && actor.scope?.kind === 'zone') values.zoneId = actor.scope.id;
      if (!canPlaceEnterpriseInZone(actor, values.zoneId ?? null)) return outOfScope('只能登记本园区（功能区）的企业', 'You can only register enterprises of your own zone');
      return resolved;
    }
    if (actor.role === 'park' && !values.zoneId) values.zoneId = stored.row.zoneId;
    if (!canPlaceEnterpriseInZone(actor, values.zoneId ?? null)) return outOfScope('不能把企业迁到其他园区（功能区）；请联系区经委', 'You cannot move an enterprise to another zone; ask the commission');
    // Rows are matched to stored records by their code, so an update never changes it (no uniqueness check).
    return resolved;
  },
  async insert(ctx, part, now) {
    const actor = ctx.caller.actor;
    const rows = await ctx.tx
      .insert(enterprises)
      .values(
        part.map((p) => {
          // Ids chosen here so each row's contacts are sealed bound to it, as insertEnterprise does.
          const id = randomUUID();
          return { ...p.values, ...sealedContactColumns(id, p.values.contacts ?? []), id, createdAt: now, updatedAt: now };
        }),
      )
      .onConflictDoNothing({ target: enterprises.uscc })
      .returning({ id: enterprises.id, uscc: enterprises.uscc });
    const idOf = new Map(rows.map((r) => [r.uscc.trim(), r.id]));
    const lost = part.filter((p) => !idOf.has(p.values.uscc));
    // Registered meanwhile by another transaction: answered as insertEnterprise answers a taken code.
    const taken = new Map((await unsafeFindEnterprisesByUscc(ctx.tx, lost.map((p) => p.values.uscc))).map((r) => [r.uscc.trim(), r]));
    return part.map((p) => {
      const id = idOf.get(p.values.uscc);
      if (id) return id;
      const existing = taken.get(p.values.uscc);
      const visible = !!existing && (actor.role === 'commission' || (actor.role === 'park' && !existing.deletedAt && existing.zoneId === actor.scope?.id));
      return usccTaken(existing ?? { id: '', name: '', deletedAt: null }, visible);
    });
  },
  update: (ctx, part, now) =>
    updateRows(
      ctx.tx,
      enterprises,
      part.map((p) => ({ id: p.id, values: { ...p.prepared.values, ...sealedContactColumns(p.id, p.prepared.values.contacts ?? []) } })),
      { scope: enterpriseWriteScope(ctx.caller.actor), now },
    ),
  // Chain mappings: replaced as replaceEnterpriseNodes does (first node primary, duplicates once).
  async links(ctx, written) {
    for (const part of chunks(written.filter((w) => !w.created).map((w) => w.id), 5000)) {
      await ctx.tx.delete(enterpriseChainNodes).where(inArray(enterpriseChainNodes.enterpriseId, part));
    }
    const mappings = written.flatMap((w) => [...new Set(w.prepared.nodeIds)].map((nodeId, i) => ({ enterpriseId: w.id, nodeId, isPrimary: i === 0 })));
    for (const part of chunks(mappings, 2000)) await ctx.tx.insert(enterpriseChainNodes).values(part);
  },
});
