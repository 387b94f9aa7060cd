import { isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { carriers, chainNodesTable, departments, domains, zones } from '../../db/schema/index.ts';
import { errors, type ErrorDetail } from '../../app/errors.ts';

export interface RefRow {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface ReferenceIndex {
  domains: Map<string, RefRow>;
  zones: Map<string, RefRow>;
  departments: Map<string, RefRow & { shortNameZh: string | null }>;
  carriers: Map<string, RefRow & { zoneId: string | null; carrierType: string }>;
  nodes: Map<string, RefRow & { stage: string; templateId: string }>;
  byId: Map<string, RefRow>;
}

/**
 * Codes ↔ ids of the small reference tables, loaded once per operation (a few hundred rows). Contracts refer
 * to reference rows by code (stable, readable in Excel); tables store ids.
 */
export async function loadReferenceIndex(db: Db): Promise<ReferenceIndex> {
  const [d, z, dep, c, n] = await Promise.all([
    db.select({ id: domains.id, code: domains.code, nameZh: domains.nameZh, nameEn: domains.nameEn }).from(domains),
    db.select({ id: zones.id, code: zones.code, nameZh: zones.nameZh, nameEn: zones.nameEn }).from(zones),
    db.select({ id: departments.id, code: departments.code, nameZh: departments.nameZh, nameEn: departments.nameEn, shortNameZh: departments.shortNameZh, deletedAt: departments.deletedAt }).from(departments),
    db
      .select({ id: carriers.id, code: carriers.code, nameZh: carriers.nameZh, nameEn: carriers.nameZh, zoneId: carriers.zoneId, carrierType: carriers.carrierType })
      .from(carriers)
      .where(isNull(carriers.deletedAt)),
    db
      .select({ id: chainNodesTable.id, code: chainNodesTable.code, nameZh: chainNodesTable.nameZh, nameEn: chainNodesTable.nameEn, stage: chainNodesTable.stage, templateId: chainNodesTable.templateId })
      .from(chainNodesTable)
      .where(isNull(chainNodesTable.deletedAt)),
  ]);
  const byCode = <T extends RefRow>(rows: T[]) => new Map(rows.map((r) => [r.code, r]));
  const byId = new Map<string, RefRow>([...d, ...z, ...dep, ...c, ...n].map((r) => [r.id, r]));
  // A deleted department cannot be chosen any more, but records that still name it show its name (byId).
  return { domains: byCode(d), zones: byCode(z), departments: byCode(dep.filter((r) => r.deletedAt === null)), carriers: byCode(c), nodes: byCode(n), byId };
}

/** Collects unknown-code problems so that one request reports all of them at once. */
export class ReferenceResolver {
  readonly problems: ErrorDetail[] = [];
  constructor(readonly index: ReferenceIndex) {}

  private resolve<T extends RefRow>(map: Map<string, T>, code: string | null | undefined, path: string, whatZh: string, whatEn: string): T | null {
    if (code === null || code === undefined || code === '') return null;
    const row = map.get(code);
    if (!row) this.problems.push({ path, rule: 'reference', message: `未知的${whatZh}“${code}”`, messageEn: `Unknown ${whatEn} "${code}"` });
    return row ?? null;
  }
  domain(code: string | null | undefined, path = 'body.domain') {
    return this.resolve(this.index.domains, code, path, '重点领域', 'domain');
  }
  zone(code: string | null | undefined, path = 'body.zone') {
    return this.resolve(this.index.zones, code, path, '功能区', 'zone');
  }
  department(code: string | null | undefined, path = 'body.responsibleDepartment') {
    return this.resolve(this.index.departments, code, path, '责任单位', 'department');
  }
  carrier(code: string | null | undefined, path = 'body.carrier') {
    return this.resolve(this.index.carriers, code, path, '载体', 'carrier');
  }
  nodes(codes: readonly string[], path = 'body.chainNodes') {
    return codes.map((c, i) => this.resolve(this.index.nodes, c, `${path}.${i}`, '产业链节点', 'chain node')).filter((n): n is NonNullable<typeof n> => n !== null);
  }
  /** Throws the collected problems as one 400. */
  throwIfProblems(): void {
    if (this.problems.length) throw errors.validation(this.problems);
  }
}

export function refView(index: ReferenceIndex, id: string | null | undefined): { code: string; name: string } | null {
  if (!id) return null;
  const row = index.byId.get(id);
  return row ? { code: row.code, name: row.nameZh } : null;
}
