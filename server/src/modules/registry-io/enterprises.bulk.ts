import { and, inArray, sql } from 'drizzle-orm';
import type { EnterpriseInput } from '../../../../contracts/enterprises.ts';
import { AppError } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { enterpriseChainNodes, enterprises } from '../../db/schema/index.ts';
import { canPlaceEnterpriseInZone, enterpriseWriteScope } from '../enterprises/enterprise.policy.ts';
import { auditViewOfEnterprise } from '../enterprises/enterprise.presenter.ts';
import { chainNodesOf, unsafeFindEnterprisesByUscc, type EnterpriseRow } from '../enterprises/enterprise.repository.ts';
import { notFoundEnterprise, outOfScope, resolveEnterpriseInput, usccTaken, type ResolvedEnterprise } from '../enterprises/enterprise.service.ts';
import type { ChangeEvent } from '../registry-common/record-history.ts';
import { rowsOf } from '../statistics/sql-rows.ts';
import { appendHistories, chunks, type BulkItem, type BulkOutcome, type BulkWriter } from './bulk-writer.ts';
import type { IoContext } from './entity.ts';

/**
 * The enterprise import written set-based: the checks of insertEnterprise / updateEnterpriseRow (references,
 * zone placement, write scope, code uniqueness) in memory over rows read once, then multi-row INSERT, one
 * UPDATE … FROM jsonb_to_recordset per chunk, the chain mappings replaced in bulk and one history row per
 * changed record with the same before/after views (source 'import', no per-row audit record: the import
 * writes one for the file).
 */

const CHUNK = 500;

/** Full rows by id; inside the caller's write scope unless `scoped` is false (rows this import just wrote). */
async function rowsById(tx: Db, ctx: IoContext, ids: readonly string[], scoped = true): Promise<Map<string, EnterpriseRow>> {
  const out = new Map<string, EnterpriseRow>();
  for (const part of chunks(ids, 5000)) {
    const where = scoped ? and(enterpriseWriteScope(ctx.caller.actor), inArray(enterprises.id, part)) : inArray(enterprises.id, part);
    for (const row of await tx.select().from(enterprises).where(where)) out.set(row.id, row);
  }
  return out;
}

async function nodeCodes(tx: Db, ids: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const part of chunks(ids, 5000)) for (const [id, nodes] of await chainNodesOf(tx, part)) out.set(id, nodes.map((n) => n.code));
  return out;
}

const jsonRow = (id: string | null, v: ResolvedEnterprise['values']) => ({
  id,
  uscc: v.uscc,
  name: v.name,
  domain_id: v.domainId ?? null,
  subfield: v.subfield ?? null,
  zone_id: v.zoneId ?? null,
  carrier_id: v.carrierId ?? null,
  stage: v.stage,
  is_above_scale: v.isAboveScale,
  is_manufacturing: v.isManufacturing,
  tags: v.tags,
  founded_on: v.foundedOn ?? null,
  status: v.status,
  exited_on: v.exitedOn ?? null,
  contacts: v.contacts,
  contact_name: v.contactName ?? null,
  contact_phone: v.contactPhone ?? null,
  address: v.address ?? null,
  note: v.note ?? null,
});

export const enterprisesBulkWriter: BulkWriter<EnterpriseInput> = {
  async storedViews(ctx, ids) {
    const rows = await rowsById(ctx.tx, ctx, ids);
    const nodes = await nodeCodes(ctx.tx, [...rows.keys()]);
    return new Map([...rows].map(([id, row]) => [id, auditViewOfEnterprise(row, ctx.index, nodes.get(id) ?? [])]));
  },

  async write(ctx: IoContext, items: readonly BulkItem<EnterpriseInput>[], onProgress = (_done: number) => {}): Promise<BulkOutcome[]> {
    const { tx, caller, index } = ctx;
    const actor = caller.actor;
    const outcomes: BulkOutcome[] = new Array(items.length);
    const updateIds = items.flatMap((i) => (i.existingId ? [i.existingId] : []));
    // The stored rows inside the write scope, read in this transaction (as updateEnterpriseRow does).
    const before = await rowsById(tx, ctx, updateIds);
    const beforeNodes = await nodeCodes(tx, [...before.keys()]);

    const inserts: { at: number; resolved: ResolvedEnterprise }[] = [];
    const updates: { at: number; id: string; resolved: ResolvedEnterprise }[] = [];
    items.forEach((item, at) => {
      let resolved: ResolvedEnterprise;
      try {
        resolved = resolveEnterpriseInput(item.input, index);
      } catch (error) {
        if (error instanceof AppError) return void (outcomes[at] = error);
        throw error;
      }
      const values = resolved.values;
      if (!item.existingId) {
        if (actor.role === 'park' && !values.zoneId && actor.scope?.kind === 'zone') values.zoneId = actor.scope.id;
        if (!canPlaceEnterpriseInZone(actor, values.zoneId ?? null)) return void (outcomes[at] = outOfScope('只能登记本园区（功能区）的企业', 'You can only register enterprises of your own zone'));
        inserts.push({ at, resolved });
        return;
      }
      const stored = before.get(item.existingId);
      if (!stored) return void (outcomes[at] = notFoundEnterprise());
      if (actor.role === 'park' && !values.zoneId) values.zoneId = stored.zoneId;
      if (!canPlaceEnterpriseInZone(actor, values.zoneId ?? null)) {
        return void (outcomes[at] = outOfScope('不能把企业迁到其他园区（功能区）；请联系区经委', 'You cannot move an enterprise to another zone; ask the commission'));
      }
      // Rows are matched to stored records by their code, so an update never changes it (no uniqueness check).
      updates.push({ at, id: item.existingId, resolved });
    });

    const now = ctx.deps.clock();
    const inserted = new Map<string, EnterpriseRow>();
    let handled = items.length - inserts.length - updates.length;
    const written: { at: number; id: string; action: 'enterprise.create' | 'enterprise.update'; nodeIds: string[] }[] = [];
    for (const part of chunks(inserts, CHUNK)) {
      const rows = await tx
        .insert(enterprises)
        .values(part.map((p) => ({ ...p.resolved.values, createdAt: now, updatedAt: now })))
        .onConflictDoNothing({ target: enterprises.uscc })
        .returning();
      for (const r of rows) inserted.set(r.id, r);
      const idOf = new Map(rows.map((r) => [r.uscc.trim(), r.id]));
      const lost = part.filter((p) => !idOf.has(p.resolved.values.uscc));
      // Registered meanwhile by another transaction: answered as insertEnterprise answers a taken code.
      const taken = new Map((await unsafeFindEnterprisesByUscc(tx, lost.map((p) => p.resolved.values.uscc))).map((r) => [r.uscc.trim(), r]));
      for (const p of part) {
        const id = idOf.get(p.resolved.values.uscc);
        if (id) written.push({ at: p.at, id, action: 'enterprise.create', nodeIds: p.resolved.nodeIds });
        else {
          const existing = taken.get(p.resolved.values.uscc);
          const visible = !!existing && (actor.role === 'commission' || (actor.role === 'park' && !existing.deletedAt && existing.zoneId === actor.scope?.id));
          outcomes[p.at] = usccTaken(existing ?? { id: '', name: '', deletedAt: null }, visible);
        }
      }
      onProgress((handled += part.length));
    }
    for (const part of chunks(updates, CHUNK)) {
      const rows = await rowsOf<{ id: string }>(tx, sql`
        UPDATE enterprises SET uscc = x.uscc, name = x.name, domain_id = x.domain_id, subfield = x.subfield, zone_id = x.zone_id,
               carrier_id = x.carrier_id, stage = x.stage, is_above_scale = x.is_above_scale, is_manufacturing = x.is_manufacturing,
               tags = x.tags, founded_on = x.founded_on, status = x.status, exited_on = x.exited_on, contacts = x.contacts,
               contact_name = x.contact_name, contact_phone = x.contact_phone, address = x.address, note = x.note,
               version = enterprises.version + 1, updated_at = ${now}
          FROM jsonb_to_recordset(${JSON.stringify(part.map((p) => jsonRow(p.id, p.resolved.values)))}::jsonb) AS x(
               id uuid, uscc text, name text, domain_id uuid, subfield text, zone_id uuid, carrier_id uuid, stage text,
               is_above_scale boolean, is_manufacturing boolean, tags text[], founded_on date, status text, exited_on date,
               contacts jsonb, contact_name text, contact_phone text, address text, note text)
         WHERE enterprises.id = x.id AND ${enterpriseWriteScope(actor)}
        RETURNING enterprises.id`);
      const done = new Set(rows.map((r) => r.id));
      for (const p of part) {
        if (done.has(p.id)) written.push({ at: p.at, id: p.id, action: 'enterprise.update', nodeIds: p.resolved.nodeIds });
        else outcomes[p.at] = notFoundEnterprise();
      }
      onProgress((handled += part.length));
    }

    // Chain mappings: replaced as replaceEnterpriseNodes does (first node primary, duplicates once).
    const ids = written.map((w) => w.id);
    for (const part of chunks(written.filter((w) => w.action === 'enterprise.update').map((w) => w.id), 5000)) {
      await tx.delete(enterpriseChainNodes).where(inArray(enterpriseChainNodes.enterpriseId, part));
    }
    const mappings = written.flatMap((w) => [...new Set(w.nodeIds)].map((nodeId, i) => ({ enterpriseId: w.id, nodeId, isPrimary: i === 0 })));
    for (const part of chunks(mappings, 2000)) await tx.insert(enterpriseChainNodes).values(part);

    // History with the same before/after views as the per-row path (after = the stored row as written).
    const after = new Map([...inserted, ...(await rowsById(tx, ctx, written.filter((w) => w.action === 'enterprise.update').map((w) => w.id), false))]);
    const afterNodes = await nodeCodes(tx, ids);
    const events: ChangeEvent[] = written.map((w) => ({
      objectType: 'enterprise',
      objectId: w.id,
      action: w.action,
      before: w.action === 'enterprise.update' ? auditViewOfEnterprise(before.get(w.id)!, index, beforeNodes.get(w.id) ?? []) : null,
      after: auditViewOfEnterprise(after.get(w.id)!, index, afterNodes.get(w.id) ?? []),
      source: 'import',
    }));
    await appendHistories(tx, caller, events, now);
    for (const w of written) outcomes[w.at] = w.action === 'enterprise.create' ? 'inserted' : 'updated';
    return outcomes;
  },
};
