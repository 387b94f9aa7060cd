import { describe, expect, it } from 'vitest';
import { carrierByCode, chainNodeByCode, departmentByCode, domainByCode, zoneByCode } from '../../seed/reference/index.ts';
import { generateDemoDataset } from './generate-demo.ts';
import { PROJECT_STAGES } from './types.ts';

const data = generateDemoDataset({ asOf: { year: 2026, month: 10 } });
const TODAY = data.meta.today;
const daysBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;

describe('demo projects', () => {
  it('has ~80 projects in every stage, referring to existing codes', () => {
    expect(data.projects.length).toBe(80);
    const stages = new Set(data.projects.map((p) => p.stage));
    expect([...stages].sort()).toEqual([...PROJECT_STAGES].sort());
    const enterpriseIds = new Set(data.enterprises.map((e) => e.id));
    for (const p of data.projects) {
      expect(domainByCode.has(p.domainCode) && zoneByCode.has(p.zoneCode)).toBe(true);
      expect(chainNodeByCode.get(p.chainNodeCode)?.domainCode).toBe(p.domainCode);
      expect(departmentByCode.has(p.responsibleDepartmentCode)).toBe(true);
      expect(p.totalInvestment).toBeGreaterThan(0);
      expect(p.expectedAnnualOutput).toBeGreaterThan(0);
      if (p.investorEnterpriseId) expect(enterpriseIds.has(p.investorEnterpriseId)).toBe(true);
    }
    expect(data.projects.some((p) => p.investorEnterpriseId)).toBe(true);
    expect(new Set(data.projects.map((p) => p.id)).size).toBe(80);
  });

  it('keeps a consistent stage history: reached stages in order, dated no later than today', () => {
    for (const p of data.projects) {
      const k = PROJECT_STAGES.indexOf(p.stage);
      expect(p.stages.map((s) => s.stage)).toEqual([...PROJECT_STAGES]);
      p.stages.forEach((s, i) => expect(s.actualOn !== null, `${p.id} ${s.stage}`).toBe(i <= k));
      const actual = p.stages.filter((s) => s.actualOn).map((s) => s.actualOn!);
      expect([...actual].sort()).toEqual(actual);
      expect(actual.at(-1)! <= TODAY).toBe(true);
      const planned = p.stages.map((s) => s.plannedOn);
      expect([...planned].sort()).toEqual(planned);
    }
  });

  it('has overdue projects and projects without follow-up for more than 60 days', () => {
    const active = data.projects.filter((p) => p.stage !== 'full');
    const overdue = active.filter((p) => p.stages.find((s) => s.actualOn === null)!.plannedOn < TODAY);
    expect(overdue.length).toBeGreaterThanOrEqual(8);
    expect(overdue.length).toBeLessThan(active.length / 2);
    const stale = active.filter((p) => daysBetween(p.followUps.at(-1)!.date, TODAY) > 60);
    expect(stale.length).toBeGreaterThanOrEqual(3);
    expect(stale.length).toBeLessThan(active.length / 3);
  });

  it('logs follow-ups in order between the lead and today', () => {
    for (const p of data.projects) {
      expect(p.followUps.length).toBeGreaterThan(0);
      const dates = p.followUps.map((f) => f.date);
      expect([...dates].sort()).toEqual(dates);
      expect(dates[0]! >= p.stages[0]!.actualOn!).toBe(true);
      expect(dates.at(-1)! <= TODAY).toBe(true);
      for (const f of p.followUps) {
        expect(['visit', 'call', 'meeting']).toContain(f.kind);
        expect(departmentByCode.has(f.departmentCode)).toBe(true);
        expect(f.note && f.nextStep).toBeTruthy();
      }
    }
  });
});

describe('demo carriers', () => {
  it('covers every reference carrier, with one or two below 60% occupancy', () => {
    expect(data.carriers.map((c) => c.carrierCode).sort()).toEqual([...carrierByCode.keys()].sort());
    const low = data.carriers.filter((c) => c.occupancyRate < 0.6);
    expect(low.length).toBeGreaterThanOrEqual(1);
    expect(low.length).toBeLessThanOrEqual(2);
  });

  it('derives occupancy from the occupants present today', () => {
    const enterprises = new Map(data.enterprises.map((e) => [e.id, e]));
    for (const c of data.carriers) {
      const present = c.occupants.filter((o) => o.moveInOn <= TODAY && (o.moveOutOn === null || o.moveOutOn > TODAY));
      const leased = present.reduce((s, o) => s + o.leasedAreaM2, 0);
      expect(c.occupancyRate).toBeCloseTo(leased / c.leasableAreaM2, 3);
      expect(c.occupancyRate).toBeLessThanOrEqual(1);
      for (const o of c.occupants) {
        expect(enterprises.get(o.enterpriseId)?.carrierCode).toBe(c.carrierCode);
        expect(o.leasedAreaM2).toBeGreaterThan(0);
        if (o.moveOutOn) expect(o.moveOutOn > o.moveInOn).toBe(true);
      }
    }
  });
});
