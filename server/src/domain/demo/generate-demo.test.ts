import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../../contracts/roles.ts';
import { carrierByCode, chainNodeByCode, departmentByCode, domainByCode, zoneByCode } from '../../seed/reference/index.ts';
import { checkUscc } from '../uscc/uscc.ts';
import { DEMO_PASSWORD, generateDemoDataset, iterateMonthlyReports, lastCompleteMonth } from './generate-demo.ts';

const ASOF = { year: 2026, month: 10 };
const data = generateDemoDataset({ asOf: ASOF });
const TODAY = data.meta.today;
const enterpriseById = new Map(data.enterprises.map((e) => [e.id, e]));

/** GB 11714 check character of the 9-character organisation code inside a USCC (positions 9–17). */
function orgCodeCheckOk(uscc: string): boolean {
  const body = uscc.slice(8, 17);
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body.slice(0, 8)].reduce((s, ch, i) => s + parseInt(ch, 36) * weights[i]!, 0);
  const c = 11 - (sum % 11);
  return body[8] === (c === 10 ? 'X' : c === 11 ? '0' : String(c));
}

describe('generateDemoDataset: determinism', () => {
  it('gives a deep-equal data set for the same options', () => {
    expect(generateDemoDataset({ asOf: ASOF })).toEqual(data);
  });

  it('gives a different data set for a different seed', () => {
    const other = generateDemoDataset({ asOf: ASOF, seed: 7 });
    expect(other.enterprises.map((e) => e.name)).not.toEqual(data.enterprises.map((e) => e.name));
    expect(other.monthlyReports.slice(0, 50)).not.toEqual(data.monthlyReports.slice(0, 50));
  });

  it('streams exactly the same monthly reports as it returns', () => {
    let i = 0;
    for (const row of iterateMonthlyReports({ asOf: ASOF })) {
      expect(row).toEqual(data.monthlyReports[i]);
      i++;
    }
    expect(i).toBe(data.monthlyReports.length);
    expect(generateDemoDataset({ asOf: ASOF, includeMonthlyReports: false }).monthlyReports).toEqual([]);
  });

  it('rejects options no caller should pass', () => {
    expect(() => generateDemoDataset({ asOf: { year: 2026, month: 13 } })).toThrow(RangeError);
    expect(() => generateDemoDataset({ asOf: ASOF, enterprises: 0 })).toThrow(RangeError);
    expect(() => generateDemoDataset({ asOf: ASOF, today: '2026-10-15' })).toThrow(RangeError);
    expect(lastCompleteMonth(new Date(Date.UTC(2026, 0, 15)))).toEqual({ year: 2025, month: 12 });
  });
});

describe('generateDemoDataset: enterprises', () => {
  it('has valid, unique USCCs registered in Jinshan', () => {
    const codes = data.enterprises.map((e) => e.uscc);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      expect(checkUscc(code)).toEqual({ ok: true, code });
      expect(code.slice(0, 8)).toBe('91310116');
      expect(code.slice(8, 11)).toBe('MAY'); // outside the block real Shanghai codes use
      expect(orgCodeCheckOk(code), code).toBe(true);
    }
  });

  it('has unique ids and names, all marked as demo data', () => {
    expect(data.meta).toMatchObject({ isDemo: true, labelZh: '演示数据', enterpriseCount: 150, firstPeriod: '2019-01', lastPeriod: '2026-10' });
    expect(new Set(data.enterprises.map((e) => e.id)).size).toBe(150);
    expect(new Set(data.enterprises.map((e) => e.name)).size).toBe(150);
    expect(data.enterprises.every((e) => e.isDemo && /有限公司$/.test(e.name))).toBe(true);
  });

  it('refers only to existing reference codes', () => {
    for (const e of data.enterprises) {
      const domain = domainByCode.get(e.domainCode);
      expect(domain, e.domainCode).toBeDefined();
      expect(domain!.subfields.map((s) => s.code)).toContain(e.subfieldCode);
      expect(zoneByCode.has(e.zoneCode)).toBe(true);
      if (e.carrierCode) expect(carrierByCode.get(e.carrierCode)?.zoneCode).toBe(e.zoneCode);
      expect(e.chainNodeCodes.length).toBeGreaterThan(0);
      for (const n of e.chainNodeCodes) expect(chainNodeByCode.get(n)?.domainCode).toBe(e.domainCode);
      expect(/^021-57\d{6}$/.test(e.contact.phone)).toBe(true);
    }
  });

  it('tags leaders, one chain leader per domain, and keeps exits consistent', () => {
    const chainLeaders = data.enterprises.filter((e) => e.tags.includes('chain-leader'));
    expect(chainLeaders.map((e) => e.domainCode).sort()).toEqual([...domainByCode.keys()].sort());
    expect(chainLeaders.every((e) => e.tags.includes('leader') && e.isManufacturing)).toBe(true);
    expect(data.enterprises.some((e) => e.tags.includes('specialized'))).toBe(true);
    expect(data.enterprises.some((e) => e.tags.includes('high-tech'))).toBe(true);
    const exited = data.enterprises.filter((e) => e.status !== 'active');
    expect(exited.length).toBeGreaterThanOrEqual(2);
    for (const e of data.enterprises) expect(e.exitOn === null).toBe(e.status === 'active');
    for (const e of exited) {
      const last = data.monthlyReports.filter((r) => r.enterpriseId === e.id).at(-1);
      if (last) expect(last.period < e.exitOn!.slice(0, 7)).toBe(true);
    }
    // Entrants: founded during the reporting window, first report after founding.
    const entrants = data.enterprises.filter((e) => e.foundedOn >= '2019-01-01');
    expect(entrants.length).toBeGreaterThan(10);
    for (const e of entrants) {
      const first = data.monthlyReports.find((r) => r.enterpriseId === e.id);
      if (first) expect(first.period > e.foundedOn.slice(0, 7)).toBe(true);
    }
  });
});

describe('generateDemoDataset: monthly reports', () => {
  it('covers 2019-01 to asOf with well-formed values', () => {
    const periods = new Set(data.monthlyReports.map((r) => r.period));
    expect(periods.has('2019-01') && periods.has('2026-10') && !periods.has('2026-11')).toBe(true);
    const has4Decimals = (v: number) => Math.abs(v * 10_000 - Math.round(v * 10_000)) < 1e-6;
    // Problems are collected rather than asserted row by row: one readable list, and fast on 12 000 rows.
    const problems: string[] = [];
    for (const r of data.monthlyReports) {
      const at = `${r.enterpriseId} ${r.period}`;
      const e = enterpriseById.get(r.enterpriseId);
      if (e?.uscc !== r.uscc) problems.push(`${at}: uscc`);
      if (r.period !== `${r.year}-${String(r.month).padStart(2, '0')}`) problems.push(`${at}: period`);
      for (const k of ['output', 'sales', 'export', 'revenue', 'tax', 'rd', 'energy'] as const) {
        if (!(r[k] >= 0 && has4Decimals(r[k]))) problems.push(`${at}: ${k}=${r[k]}`);
      }
      if (!has4Decimals(r.profit)) problems.push(`${at}: profit=${r.profit}`);
      if (!(Number.isInteger(r.employees) && r.employees > 0)) problems.push(`${at}: employees=${r.employees}`);
      if (r.export > r.sales) problems.push(`${at}: export > sales`);
      if (r.anomaly !== 'sales-over-output' && r.sales > r.output * 1.2 + 1e-4) problems.push(`${at}: sales > 1.2 output`);
      if (!e?.isManufacturing && r.output !== 0) problems.push(`${at}: output of a non-industrial firm`);
      for (const d of [r.submittedOn, r.parkReviewedOn, r.approvedOn]) if (d && d > TODAY) problems.push(`${at}: dated after today`);
    }
    expect(problems).toEqual([]);
  });

  it('is approved before the latest month; the latest month has unfinished and missing reports', () => {
    const latest = data.monthlyReports.filter((r) => r.period === '2026-10');
    expect(data.monthlyReports.filter((r) => r.period < '2026-10').every((r) => r.status === 'approved')).toBe(true);
    const statuses = new Set(latest.map((r) => r.status));
    for (const s of ['approved', 'submitted', 'draft', 'returned'] as const) expect(statuses.has(s), s).toBe(true);
    const active = data.enterprises.filter((e) => e.status === 'active' && e.foundedOn < '2026-09-01');
    expect(latest.length).toBeLessThan(active.length); // some did not report at all
    for (const r of latest) if (r.status === 'draft') expect(r.submittedOn).toBeNull();
  });

  it('has a few late reports (after the 10th of the following month)', () => {
    const late = data.monthlyReports.filter((r) => r.isLate);
    expect(late.length).toBeGreaterThan(10);
    expect(late.length).toBeLessThan(data.monthlyReports.length * 0.03);
    for (const r of late) expect(Number(r.submittedOn!.slice(8, 10))).toBeGreaterThan(10);
    for (const r of data.monthlyReports.filter((x) => !x.isLate && x.submittedOn)) {
      expect(Number(r.submittedOn!.slice(8, 10))).toBeLessThanOrEqual(10);
    }
  });

  it('contains a 10 000× unit slip and explained >50% swings', () => {
    const slip = data.monthlyReports.find((r) => r.anomaly === 'unit-slip')!;
    expect(slip.status).toBe('submitted');
    const history = data.monthlyReports.filter((r) => r.enterpriseId === slip.enterpriseId && r.period < slip.period);
    const median = history.map((r) => r.revenue).sort((a, b) => a - b)[Math.floor(history.length / 2)]!;
    expect(slip.revenue / median).toBeGreaterThan(3_000);
    const swings = data.monthlyReports.filter((r) => r.anomaly === 'swing');
    expect(swings.length).toBeGreaterThanOrEqual(2);
    for (const s of swings) {
      expect(s.explanation).toBeTruthy();
      const lastYear = data.monthlyReports.find((r) => r.enterpriseId === s.enterpriseId && r.year === s.year - 1 && r.month === s.month)!;
      expect(Math.abs(s.revenue / lastYear.revenue - 1)).toBeGreaterThan(0.5);
    }
    const returned = data.monthlyReports.find((r) => r.status === 'returned')!;
    expect(returned.returnReason).toBeTruthy();
    expect(returned.sales).toBeGreaterThan(returned.output * 1.2);
  });
});

describe('generateDemoDataset: other registries', () => {
  it('gives one demo account per role with valid scopes and a strong shared password', () => {
    expect(data.demoAccounts.map((a) => a.role)).toEqual([...ROLES]);
    for (const a of data.demoAccounts) {
      expect(a.username).toBe(`demo_${a.role}`);
      expect(a.password).toBe(DEMO_PASSWORD);
      expect(a.password.toLowerCase()).not.toContain(a.username.toLowerCase());
      expect(a.displayName).toMatch(/^演示-/);
      expect(a.scopeKind === null).toBe(a.scopeId === null);
    }
    const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(DEMO_PASSWORD)).length;
    expect(DEMO_PASSWORD.length >= 8 && classes >= 3).toBe(true);
    const scope = (role: string) => data.demoAccounts.find((a) => a.role === role)!.scopeId!;
    expect(departmentByCode.has(scope('department')) && scope('department') !== 'jingwei').toBe(true);
    expect(zoneByCode.get(scope('park'))?.nameZh).toBe('生物医药港');
    // The enterprise account sits in the park account's zone, so enterprise → park → commission can be walked.
    const own = data.enterprises.find((e) => e.id === scope('enterprise'))!;
    expect(own.zoneCode).toBe(scope('park'));
    expect(own).toBe(data.enterprises.find((e) => e.zoneCode === scope('park')));
    // The provider accounts act for a platform of the registry (in the demo park's zone) and an expert of the pool.
    expect(data.platforms.find((p) => p.code === scope('platform'))?.zoneCode).toBe(scope('park'));
    expect(data.experts.some((e) => e.id === scope('expert'))).toBe(true);
  });

  it('keeps platforms, experts and candidates consistent with the registries', () => {
    const kinds = new Set(data.platforms.map((p) => p.kind));
    for (const k of ['rd', 'testing', 'cro', 'cmo', 'cdmo'] as const) expect(kinds.has(k), k).toBe(true);
    expect(new Set(data.platforms.map((p) => p.code)).size).toBe(data.platforms.length);
    for (const p of data.platforms) {
      if (p.zoneCode) expect(zoneByCode.has(p.zoneCode)).toBe(true);
      if (p.carrierCode) expect(carrierByCode.has(p.carrierCode)).toBe(true);
      if (p.operatorEnterpriseId) expect(enterpriseById.has(p.operatorEnterpriseId)).toBe(true);
      expect(p.instruments.length).toBeGreaterThanOrEqual(2);
    }
    expect(data.experts.length).toBe(30);
    expect(data.experts.some((x) => x.declaredConflicts.length > 0)).toBe(true);
    for (const x of data.experts) {
      for (const d of x.domainCodes) expect(domainByCode.has(d)).toBe(true);
      for (const c of x.declaredConflicts) expect(enterpriseById.has(c.enterpriseId)).toBe(true);
    }
    const covered = new Set(data.candidatePool.map((c) => c.chainNodeCode));
    expect([...chainNodeByCode.keys()].filter((n) => !covered.has(n))).toEqual([]);
    const localNames = new Set(data.enterprises.map((e) => e.name));
    for (const c of data.candidatePool) {
      expect(chainNodeByCode.get(c.chainNodeCode)?.domainCode).toBe(c.domainCode);
      expect(localNames.has(c.name)).toBe(false);
    }
  });
});
