import { z } from 'zod';
import { chainTemplateListSchema, type ChainTemplateView } from '../../../../../contracts/chains.ts';
import { api } from '../../../app/api.ts';

const domainsSchema = z.object({ items: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), subfields: z.array(z.object({ nameZh: z.string(), nameEn: z.string().nullable() })) })) });
const zonesSchema = z.object({ items: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), carriers: z.array(z.object({ code: z.string(), nameZh: z.string(), type: z.string() })) })) });
const departmentsSchema = z.object({ items: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() })) });

export interface ReferenceData {
  domains: z.infer<typeof domainsSchema>['items'];
  zones: z.infer<typeof zonesSchema>['items'];
  departments: z.infer<typeof departmentsSchema>['items'];
  chains: ChainTemplateView[];
}

let cached: Promise<ReferenceData> | null = null;

/** Domains, zones (with carriers), departments and chains for the forms' selects; loaded once per page load. */
export function loadReferenceData(): Promise<ReferenceData> {
  cached ??= Promise.all([
    api.get('/api/reference/domains', domainsSchema),
    api.get('/api/reference/zones', zonesSchema),
    api.get('/api/reference/departments', departmentsSchema),
    api.get('/api/chains', chainTemplateListSchema),
  ])
    .then(([d, z2, dep, chains]) => ({ domains: d.items, zones: z2.items, departments: dep.items, chains: chains.items }))
    .catch((error: unknown) => {
      cached = null;
      throw error;
    });
  return cached;
}

/** Forget the cache (after editing chains). */
export function invalidateReferenceData(): void {
  cached = null;
}

export function localName(item: { nameZh: string; nameEn?: string | null }, english: boolean): string {
  return english && item.nameEn ? item.nameEn : item.nameZh;
}
