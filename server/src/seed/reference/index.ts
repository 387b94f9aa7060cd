/**
 * Reference data of the policy (departments, domains, zones, carriers, chain templates), kept as JSON so that
 * the seeder inserts it as rows and an operator can later edit it in the UI. Every record has a stable `code`
 * that other tables and the demo generator refer to; never renumber a code, add new ones instead.
 *
 * The files are validated here at import time: a malformed edit fails loudly at start-up, not halfway through
 * a seed.
 */
import { z } from 'zod';
import departmentsJson from './departments.json' with { type: 'json' };
import domainsJson from './domains.json' with { type: 'json' };
import zonesJson from './zones.json' with { type: 'json' };
import carriersJson from './carriers.json' with { type: 'json' };
import chainTemplatesJson from './chain-templates.json' with { type: 'json' };

/** Lower-case ASCII words joined by hyphens: safe in URLs, file names and as database keys. */
export const referenceCodeSchema = z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'code must be kebab-case ASCII');
const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const departmentSchema = z.object({
  code: referenceCodeSchema,
  nameZh: z.string().min(2),
  nameEn: z.string().min(2),
  /** The form the policy's "(责任单位:…)" lists use, e.g. 区经委. */
  shortNameZh: z.string().min(2),
  /** Other spellings found in policy texts, e.g. 区财政局(金融办) with ASCII or full-width parentheses. */
  aliasesZh: z.array(z.string().min(2)),
  /** 区经委 drafted the policy and leads the work (the `commission` role). */
  isLeadUnit: z.boolean(),
});
export type Department = z.infer<typeof departmentSchema>;

export const subfieldSchema = z.object({ code: referenceCodeSchema, nameZh: z.string().min(2), nameEn: z.string().min(2) });
export type Subfield = z.infer<typeof subfieldSchema>;

export const domainSchema = z.object({
  code: referenceCodeSchema,
  nameZh: z.string().min(2),
  nameEn: z.string().min(2),
  policyClause: z.string(),
  subfields: z.array(subfieldSchema).min(1),
});
export type Domain = z.infer<typeof domainSchema>;

// Bounds of Jinshan District, generous by a few kilometres: a marker outside them is a typo.
const lonSchema = z.number().min(120.95).max(121.5);
const latSchema = z.number().min(30.65).max(31.0);

export const zoneSchema = z.object({
  code: referenceCodeSchema,
  nameZh: z.string().min(2),
  nameEn: z.string().min(2),
  baseZh: z.string().min(2),
  baseEn: z.string().min(2),
  /** 一核: the core of the 一核多点 layout. */
  isCore: z.boolean(),
  /** Approximate WGS84 position of the base, for the offline map marker. */
  lon: lonSchema,
  lat: latSchema,
  markers: z.array(z.object({ nameZh: z.string(), lon: lonSchema, lat: latSchema })).min(1),
  domainCodes: z.array(referenceCodeSchema).min(1),
  focusZh: z.string(),
});
export type Zone = z.infer<typeof zoneSchema>;

export const CARRIER_TYPES = ['incubator', 'accelerator', 'industrial-park', 'public-platform'] as const;
export const carrierTypeSchema = z.enum(CARRIER_TYPES);
export type CarrierType = z.infer<typeof carrierTypeSchema>;

export const carrierSchema = z.object({
  code: referenceCodeSchema,
  nameZh: z.string().min(2),
  nameEn: z.string().min(2),
  zoneCode: referenceCodeSchema,
  type: carrierTypeSchema,
  totalAreaM2: z.number().int().positive(),
  openedOn: isoDateSchema,
  /** False for carriers added to give every zone an incubator/accelerator in the demo; the policy does not name them. */
  namedInPolicy: z.boolean(),
});
export type Carrier = z.infer<typeof carrierSchema>;

export const CHAIN_STAGES = ['upstream', 'midstream', 'downstream'] as const;
export const chainStageSchema = z.enum(CHAIN_STAGES);
export type ChainStage = z.infer<typeof chainStageSchema>;

/** Whether firms at a node are industrial producers (report 工业总产值), service firms, or either. */
export const chainNodeKindSchema = z.enum(['manufacturing', 'service', 'mixed']);
export type ChainNodeKind = z.infer<typeof chainNodeKindSchema>;

export const chainNodeSchema = z.object({
  code: referenceCodeSchema,
  nameZh: z.string().min(2),
  nameEn: z.string().min(2),
  stage: chainStageSchema,
  kind: chainNodeKindSchema,
  /** Sub-fields of the node's domain that firms at this node usually belong to (may be empty). */
  subfieldCodes: z.array(referenceCodeSchema),
});
export type ChainNode = z.infer<typeof chainNodeSchema>;

export const chainTemplateSchema = z.object({
  code: referenceCodeSchema,
  domainCode: referenceCodeSchema,
  nameZh: z.string().min(2),
  nameEn: z.string().min(2),
  nodes: z.array(chainNodeSchema).min(3),
});
export type ChainTemplate = z.infer<typeof chainTemplateSchema>;

export const departments: readonly Department[] = z.array(departmentSchema).parse(departmentsJson);
export const domains: readonly Domain[] = z.array(domainSchema).parse(domainsJson);
export const zones: readonly Zone[] = z.array(zoneSchema).parse(zonesJson);
export const carriers: readonly Carrier[] = z.array(carrierSchema).parse(carriersJson);
export const chainTemplates: readonly ChainTemplate[] = z.array(chainTemplateSchema).parse(chainTemplatesJson);

/** A chain node together with the template (domain) it belongs to: what most callers want. */
export interface ChainNodeRef extends ChainNode {
  domainCode: string;
  templateCode: string;
}

export const chainNodes: readonly ChainNodeRef[] = chainTemplates.flatMap((t) =>
  t.nodes.map((n) => ({ ...n, domainCode: t.domainCode, templateCode: t.code })),
);

function indexBy<T extends { code: string }>(rows: readonly T[]): ReadonlyMap<string, T> {
  return new Map(rows.map((r) => [r.code, r]));
}

export const departmentByCode = indexBy(departments);
export const domainByCode = indexBy(domains);
export const zoneByCode = indexBy(zones);
export const carrierByCode = indexBy(carriers);
export const chainNodeByCode = indexBy(chainNodes);

/**
 * Finds the department a policy text names, e.g. "区财政局(金融办)" or "区经委"; parenthesis width and
 * surrounding spaces do not matter. Returns undefined for a unit the reference data does not know.
 */
export function findDepartmentByPolicyName(name: string): Department | undefined {
  const norm = (s: string) => s.replace(/（/g, '(').replace(/）/g, ')').replace(/\s+/g, '');
  const wanted = norm(name);
  return departments.find(
    (d) => norm(d.shortNameZh) === wanted || norm(d.nameZh) === wanted || d.aliasesZh.some((a) => norm(a) === wanted),
  );
}

export const referenceData = { departments, domains, zones, carriers, chainTemplates, chainNodes } as const;
export type ReferenceData = typeof referenceData;
