import { sql } from 'drizzle-orm';
import type { StatDimension } from '../../../../contracts/statistics.ts';
import type { Db } from '../../db/client.ts';
import { rowsOf } from './sql-rows.ts';

/** Display names of group codes: reference tables for domains, zones, nodes, carriers; fixed labels otherwise. */
export interface GroupName {
  zh: string;
  en: string;
}

const FIXED: Partial<Record<StatDimension, Record<string, GroupName>>> = {
  total: { all: { zh: '全区', en: 'District' } },
  stage: {
    incubating: { zh: '孵化', en: 'Incubating' },
    accelerating: { zh: '加速', en: 'Accelerating' },
    industrialized: { zh: '产业化', en: 'Industrialized' },
  },
  scale: { above: { zh: '规上', en: 'Above scale' }, below: { zh: '规下', en: 'Below scale' } },
  manufacturing: { yes: { zh: '制造业', en: 'Manufacturing' }, no: { zh: '非制造业', en: 'Non-manufacturing' } },
  tag: {
    leader: { zh: '龙头', en: 'Leader' },
    'chain-leader': { zh: '链主', en: 'Chain leader' },
    specialized: { zh: '专精特新', en: 'Specialised' },
    'high-tech': { zh: '高新技术企业', en: 'High-tech' },
  },
};
const NONE: GroupName = { zh: '(未分组)', en: '(ungrouped)' };
const NO_TAG: GroupName = { zh: '(无标签)', en: '(no tag)' };

export interface GroupNamer {
  name(dim: StatDimension, code: string): GroupName;
}

/** Loads the names a breakdown needs. `enterpriseIds` only for the enterprise dimension (drill-down). */
export async function loadGroupNamer(db: Db, enterpriseIds: readonly string[] = []): Promise<GroupNamer> {
  const refs = await rowsOf<{ dim: string; code: string; zh: string; en: string }>(
    db,
    sql`SELECT 'domain' AS dim, code, name_zh AS zh, name_en AS en FROM domains
        UNION ALL SELECT 'zone', code, name_zh, name_en FROM zones
        UNION ALL SELECT 'node', code, name_zh, name_en FROM chain_nodes
        UNION ALL SELECT 'carrier', code, name_zh, name_zh FROM carriers`,
  );
  const byDim = new Map<string, Map<string, GroupName>>();
  for (const r of refs) {
    let m = byDim.get(r.dim);
    if (!m) byDim.set(r.dim, (m = new Map()));
    m.set(r.code, { zh: r.zh, en: r.en });
  }
  const enterpriseNames = new Map<string, GroupName>();
  if (enterpriseIds.length) {
    const rows = await rowsOf<{ id: string; name: string }>(
      db,
      sql`SELECT id::text AS id, name FROM enterprises WHERE id IN (SELECT (jsonb_array_elements_text(${JSON.stringify(enterpriseIds)}::jsonb))::uuid)`,
    );
    for (const r of rows) enterpriseNames.set(r.id, { zh: r.name, en: r.name });
  }
  const simple = (dim: StatDimension, code: string): GroupName => {
    if (code === 'none') return dim === 'tag' ? NO_TAG : NONE;
    return FIXED[dim]?.[code] ?? byDim.get(dim)?.get(code) ?? { zh: code, en: code };
  };
  return {
    name(dim, code) {
      if (dim === 'enterprise') return enterpriseNames.get(code) ?? { zh: code, en: code };
      if (dim === 'domain-zone') {
        const [d = 'none', z = 'none'] = code.split('|');
        const dn = simple('domain', d);
        const zn = simple('zone', z);
        return { zh: `${dn.zh} · ${zn.zh}`, en: `${dn.en} · ${zn.en}` };
      }
      return simple(dim, code);
    },
  };
}
