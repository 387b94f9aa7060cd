import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { chainNodesTable, chainTemplatesTable, domains } from '../db/schema/index.ts';
import { referenceData } from './reference/index.ts';

/**
 * Inserts the chain templates and nodes of the reference data (SPEC §7) that are not in the database yet.
 * Existing rows are left alone: operators edit chains in the UI, and a re-seed must not undo their edits.
 */
export async function seedChainTemplates(tx: Db): Promise<void> {
  const domainIds = new Map((await tx.select({ id: domains.id, code: domains.code }).from(domains)).map((d) => [d.code, d.id]));
  for (const template of referenceData.chainTemplates) {
    await tx
      .insert(chainTemplatesTable)
      .values({ code: template.code, domainId: domainIds.get(template.domainCode) ?? null, nameZh: template.nameZh, nameEn: template.nameEn })
      .onConflictDoNothing({ target: chainTemplatesTable.code });
    const [row] = await tx.select({ id: chainTemplatesTable.id }).from(chainTemplatesTable).where(eq(chainTemplatesTable.code, template.code));
    await tx
      .insert(chainNodesTable)
      .values(template.nodes.map((n, i) => ({ templateId: row!.id, code: n.code, nameZh: n.nameZh, nameEn: n.nameEn, stage: n.stage, kind: n.kind, sortOrder: i })))
      .onConflictDoNothing({ target: chainNodesTable.code });
  }
}
