import { z } from 'zod';
import { chainTemplateListSchema, type ChainTemplateView } from '../../../../../contracts/chains.ts';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.ts';
import { useAsync } from '../../../app/use-async.ts';

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

/**
 * A domain or zone embedded in a record, in the page's language. Records carry the reference's code and Chinese
 * name; the reference data has both names, so the English one is looked up by code (the Chinese name is the
 * fallback while the reference data loads).
 */
export function referenceName(list: readonly { code: string; nameZh: string; nameEn?: string | null }[] | undefined, item: { code: string; name: string } | null | undefined, english: boolean): string {
  if (!item) return '—';
  const found = list?.find((r) => r.code === item.code);
  return found ? localName(found, english) : item.name;
}

type EmbeddedReference = { code: string; name: string } | null | undefined;

/** `referenceName` for a page that shows a record's zone or domain and has not loaded the reference data itself. */
export function useReferenceNames(): Record<'zone' | 'domain' | 'department', (item: EmbeddedReference) => string> {
  const { i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  const { data: ref } = useAsync(() => loadReferenceData(), []);
  return {
    zone: (item) => referenceName(ref?.zones, item, english),
    domain: (item) => referenceName(ref?.domains, item, english),
    department: (item) => referenceName(ref?.departments, item, english),
  };
}
