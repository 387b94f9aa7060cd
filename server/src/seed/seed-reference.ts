import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { seedRequestRoutes } from '../modules/services-requests/request-routes.seed.ts';
import { carriers, departments, domainSubfields, domains, zones } from '../db/schema/index.ts';
import { referenceData } from './reference/index.ts';
import { seedChainTemplates } from './seed-chain-templates.ts';

/**
 * Inserts the policy's reference data (departments, domains with sub-fields, zones, carriers) as rows.
 * Idempotent: existing codes are updated in place, so ids that other rows refer to never change (departments
 * only while nobody has edited them in the registry).
 */
export async function seedReferenceData(tx: Db): Promise<{ departments: number; domains: number; zones: number; carriers: number }> {
  for (const [i, d] of referenceData.departments.entries()) {
    const values = { nameZh: d.nameZh, nameEn: d.nameEn, shortNameZh: d.shortNameZh, sortOrder: (i + 1) * 10 };
    // Departments are an editable registry: a row the commission has edited (version > 1) keeps its edits.
    await tx
      .insert(departments)
      .values({ code: d.code, ...values })
      .onConflictDoUpdate({ target: departments.code, set: values, setWhere: sql`${departments.version} = 1` });
  }
  for (const [i, d] of referenceData.domains.entries()) {
    const [row] = await tx
      .insert(domains)
      .values({ code: d.code, nameZh: d.nameZh, nameEn: d.nameEn, sortOrder: i })
      .onConflictDoUpdate({ target: domains.code, set: { nameZh: d.nameZh, nameEn: d.nameEn, sortOrder: i } })
      .returning({ id: domains.id });
    for (const s of d.subfields) {
      await tx
        .insert(domainSubfields)
        .values({ domainId: row!.id, nameZh: s.nameZh, nameEn: s.nameEn })
        .onConflictDoUpdate({ target: [domainSubfields.domainId, domainSubfields.nameZh], set: { nameEn: s.nameEn } });
    }
  }
  const zoneIds = new Map<string, string>();
  for (const [i, z] of referenceData.zones.entries()) {
    const [row] = await tx
      .insert(zones)
      .values({ code: z.code, nameZh: z.nameZh, nameEn: z.nameEn, baseZh: z.baseZh, lon: String(z.lon), lat: String(z.lat), sortOrder: i })
      .onConflictDoUpdate({ target: zones.code, set: { nameZh: z.nameZh, nameEn: z.nameEn, baseZh: z.baseZh, lon: String(z.lon), lat: String(z.lat), sortOrder: i } })
      .returning({ id: zones.id });
    zoneIds.set(z.code, row!.id);
  }
  for (const c of referenceData.carriers) {
    const values = { zoneId: zoneIds.get(c.zoneCode) ?? null, nameZh: c.nameZh, carrierType: c.type, totalAreaM2: String(c.totalAreaM2) };
    await tx.insert(carriers).values({ code: c.code, ...values }).onConflictDoUpdate({ target: carriers.code, set: values });
  }
  await seedChainTemplates(tx);
  await seedRequestRoutes(tx);
  return {
    departments: referenceData.departments.length,
    domains: referenceData.domains.length,
    zones: referenceData.zones.length,
    carriers: referenceData.carriers.length,
  };
}
