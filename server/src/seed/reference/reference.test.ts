import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import departmentsJson from './departments.json' with { type: 'json' };
import domainsJson from './domains.json' with { type: 'json' };
import zonesJson from './zones.json' with { type: 'json' };
import carriersJson from './carriers.json' with { type: 'json' };
import chainTemplatesJson from './chain-templates.json' with { type: 'json' };
import {
  carrierSchema,
  carriers,
  chainNodes,
  chainTemplateSchema,
  chainTemplates,
  departmentSchema,
  departments,
  domainSchema,
  domains,
  findDepartmentByPolicyName,
  zoneSchema,
  zones,
} from './index.ts';

/**
 * The "(责任单位:…)" lists of the 2023 policy, copied verbatim (ten tasks, then four safeguards), so that the
 * test needs no file outside the repository. Note 区财政局(金融办) with nested parentheses.
 */
const POLICY_RESPONSIBLE_UNITS = [
  '区经委、区科委、区投资促进办',
  '区科委、区经委、区农业农村委、区投资促进办',
  '区经委、区科委、区投资促进办',
  '区经委、区科委',
  '区发改委、区经委、区科委、区市场监管局、金山海关',
  '区经委、区科委、区卫健委、区市场监管局',
  '区经委、区科委、区投资促进办',
  '区经委、区科委、区市场监管局',
  '区农业农村委、区科委、区投资促进办',
  '区发改委、区生态环境局、区农业农村委',
  '区经委、区人社局、区统计局',
  '区发改委、区经委、区科委、区财政局、区农业农村委、区投资促进办',
  '区财政局(金融办)、区国资委、区投资促进办',
  '区规划资源局、区生态环境局、区应急管理局',
];

function expectUnique(values: readonly string[], what: string) {
  const seen = new Set<string>();
  const dupes = values.filter((v) => (seen.has(v) ? true : (seen.add(v), false)));
  expect(dupes, `duplicate ${what}`).toEqual([]);
}

describe('reference data files', () => {
  it('validate against their schemas', () => {
    expect(() => z.array(departmentSchema).parse(departmentsJson)).not.toThrow();
    expect(() => z.array(domainSchema).parse(domainsJson)).not.toThrow();
    expect(() => z.array(zoneSchema).parse(zonesJson)).not.toThrow();
    expect(() => z.array(carrierSchema).parse(carriersJson)).not.toThrow();
    expect(() => z.array(chainTemplateSchema).parse(chainTemplatesJson)).not.toThrow();
  });

  it('have unique codes within each file and unique node/sub-field codes across domains', () => {
    expectUnique(departments.map((d) => d.code), 'department code');
    expectUnique(departments.map((d) => d.shortNameZh), 'department short name');
    expectUnique(domains.map((d) => d.code), 'domain code');
    expectUnique(domains.flatMap((d) => d.subfields.map((s) => s.code)), 'sub-field code');
    for (const d of domains) expectUnique(d.subfields.map((s) => s.nameZh), `sub-field name in ${d.code}`);
    expectUnique(zones.map((z) => z.code), 'zone code');
    expectUnique(carriers.map((c) => c.code), 'carrier code');
    expectUnique(chainTemplates.map((t) => t.code), 'chain template code');
    expectUnique(chainNodes.map((n) => n.code), 'chain node code');
  });

  it('contain every responsible unit the policy names', () => {
    const names = new Set(POLICY_RESPONSIBLE_UNITS.flatMap((line) => line.split('、')));
    expect(names.size).toBeGreaterThanOrEqual(15);
    const missing = [...names].filter((n) => findDepartmentByPolicyName(n) === undefined);
    expect(missing).toEqual([]);
    expect(findDepartmentByPolicyName('区财政局（金融办）')?.code).toBe('caizheng');
    expect(departments.filter((d) => d.isLeadUnit).map((d) => d.code)).toEqual(['jingwei']);
  });

  it('has the four key domains and the five zones of the layout', () => {
    expect(domains.map((d) => d.code)).toEqual(['biomedicine', 'biomaterials', 'bioagri-food', 'bioenergy-env']);
    expect(zones.map((z) => z.nameZh)).toEqual(['生物创新城', '生物医药港', '生物材料湾', '生物农业园', '生物能源谷']);
    expect(zones.filter((z) => z.isCore).map((z) => z.baseZh)).toEqual(['湾区科创城']);
    const subfieldNames = domains.flatMap((d) => d.subfields.map((s) => s.nameZh));
    for (const named of ['抗体药物', '新型疫苗', '细胞与基因治疗', '可降解塑料', '生物农药', '生物航煤']) {
      expect(subfieldNames).toContain(named);
    }
  });

  it('is referentially consistent', () => {
    const domainCodes = new Set(domains.map((d) => d.code));
    const zoneCodes = new Set(zones.map((z) => z.code));
    for (const z of zones) for (const d of z.domainCodes) expect(domainCodes.has(d), `${z.code} → ${d}`).toBe(true);
    for (const c of carriers) expect(zoneCodes.has(c.zoneCode), `${c.code} → ${c.zoneCode}`).toBe(true);
    expect(chainTemplates.map((t) => t.domainCode).sort()).toEqual([...domainCodes].sort());
    for (const t of chainTemplates) {
      const domain = domains.find((d) => d.code === t.domainCode)!;
      const subs = new Set(domain.subfields.map((s) => s.code));
      for (const n of t.nodes) for (const s of n.subfieldCodes) expect(subs.has(s), `${n.code} → ${s}`).toBe(true);
      // Every sub-field maps to at least one node, so an enterprise of any sub-field can be placed on the chain.
      const covered = new Set(t.nodes.flatMap((n) => n.subfieldCodes));
      expect([...subs].filter((s) => !covered.has(s)), `uncovered sub-fields of ${t.domainCode}`).toEqual([]);
      for (const stage of ['upstream', 'midstream', 'downstream']) {
        expect(t.nodes.some((n) => n.stage === stage), `${t.code} has ${stage}`).toBe(true);
      }
      // The generator needs somewhere to put both industrial and service firms of every domain.
      expect(t.nodes.some((n) => n.kind !== 'service')).toBe(true);
      expect(t.nodes.some((n) => n.kind !== 'manufacturing')).toBe(true);
    }
  });

  it('names the carriers of the policy and gives every zone one', () => {
    const names = carriers.map((c) => c.nameZh);
    for (const named of ['市公卫中心', '中科生态数字港', '东湖国际创新中心', '张江金山生物医药园', '湾区生物医药港']) {
      expect(names).toContain(named);
    }
    for (const z of zones) expect(carriers.some((c) => c.zoneCode === z.code), z.code).toBe(true);
  });

  it('keeps the biomedicine chain of SPEC §7 in order', () => {
    const bm = chainTemplates.find((t) => t.domainCode === 'biomedicine')!;
    const byStage = (s: string) => bm.nodes.filter((n) => n.stage === s).map((n) => n.nameZh);
    expect(byStage('upstream')).toEqual(['菌种与细胞株构建', '培养基', '生物反应器与装备', '一次性耗材']);
    expect(byStage('midstream')).toEqual(['CRO/CDMO', '抗体', '疫苗', '细胞与基因治疗', '重组蛋白', '原料药']);
    expect(byStage('downstream')).toEqual(['制剂', '医美', '诊断试剂', '医疗器械']);
  });
});
