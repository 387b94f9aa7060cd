import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { supervisionItems } from '../../db/schema/index.ts';
import { listActiveClauseUnits, listAllItems } from './supervision.repository.ts';

export interface SyncResult {
  created: number;
  reactivated: number;
  deactivated: number;
  active: number;
}

/**
 * Derives the supervision items from the active plan: one lead item per measure (its task's lead unit, or the
 * first unit named when the text marks none) and one sub-item under it per co-operating unit. Items are keyed
 * by (clause key, unit name): a new plan version that keeps the clause keeps the item with its milestones and
 * reports; an item whose clause or unit left the plan is deactivated (kept, with its history), and comes back
 * if a later version restores it. Idempotent.
 */
export async function syncItemsFromPlan(tx: Db, now: Date): Promise<SyncResult> {
  const clauses = await listActiveClauseUnits(tx);
  const existing = await listAllItems(tx);
  const byKey = new Map(existing.map((i) => [`${i.clauseKey}\u0000${i.unitName}`, i]));
  const wanted = new Set<string>();
  let created = 0;
  let reactivated = 0;
  const measures = new Map<string, typeof clauses>();
  for (const c of clauses) measures.set(c.measureKey, [...(measures.get(c.measureKey) ?? []), c]);
  for (const [measureKey, units] of measures) {
    const lead = units.find((u) => u.role === 'lead') ?? units[0]!;
    const ordered = [lead, ...units.filter((u) => u !== lead && u.unitName !== lead.unitName)];
    let leadId: string | null = null;
    for (const unit of ordered) {
      const role = unit === lead ? 'lead' : 'co';
      const key = `${measureKey}\u0000${unit.unitName}`;
      if (wanted.has(key)) continue;
      wanted.add(key);
      const found = byKey.get(key);
      if (found) {
        const changed = !found.isActive || found.role !== role || (role === 'co' && found.parentId !== leadId) || found.departmentId !== unit.departmentId || found.taskKey !== unit.taskKey;
        if (changed) {
          await tx
            .update(supervisionItems)
            .set({ isActive: true, role, parentId: role === 'lead' ? null : leadId, departmentId: unit.departmentId, zoneId: unit.zoneId, taskKey: unit.taskKey, updatedAt: now, version: sql`${supervisionItems.version} + 1` })
            .where(eq(supervisionItems.id, found.id));
          if (!found.isActive) reactivated++;
        }
        if (role === 'lead') leadId = found.id;
      } else {
        const inserted: { id: string }[] = await tx
          .insert(supervisionItems)
          .values({ clauseKey: measureKey, taskKey: unit.taskKey, role, parentId: role === 'lead' ? null : leadId, unitName: unit.unitName, departmentId: unit.departmentId, zoneId: unit.zoneId, createdAt: now, updatedAt: now })
          .returning({ id: supervisionItems.id });
        created++;
        if (role === 'lead') leadId = inserted[0]!.id;
      }
    }
  }
  let deactivated = 0;
  for (const item of existing) {
    if (item.isActive && !wanted.has(`${item.clauseKey}\u0000${item.unitName}`)) {
      await tx.update(supervisionItems).set({ isActive: false, updatedAt: now, version: sql`${supervisionItems.version} + 1` }).where(and(eq(supervisionItems.id, item.id)));
      deactivated++;
    }
  }
  return { created, reactivated, deactivated, active: wanted.size };
}
