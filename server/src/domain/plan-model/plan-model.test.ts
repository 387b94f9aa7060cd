import { describe, expect, it } from 'vitest';
import { defaultGoalFormula } from './goal-formula.ts';
import { assignPlanKeys, goalKey } from './stable-keys.ts';
import { orderTasksForDepartment, roleOfDepartment } from './task-order.ts';

describe('stable keys', () => {
  const structure = {
    goals: [
      { metric: '产业规模', year: 2025 },
      { metric: '制造业产值', year: 2025 },
      { metric: '产业规模', year: 2025 },
      { metric: '新增企业', year: 2029, yearFrom: 2027 },
    ],
    domains: [{ name: '生物医药' }, { name: '生物 材料' }],
    zones: [{ name: '生物创新城' }],
    tasks: [
      { kind: 'task' as const, number: 1, measures: [1, 2, 3] },
      { kind: 'task' as const, number: 2, measures: [] },
      { kind: 'safeguard' as const, number: 1, measures: [1] },
    ],
  };

  it('derives keys from kind, year, metric, name and number', () => {
    const keys = assignPlanKeys(structure);
    expect(keys.goals).toEqual(['goal-2025-产业规模', 'goal-2025-制造业产值', 'goal-2025-产业规模-2', 'goal-2027-2029-新增企业']);
    expect(keys.domains).toEqual(['domain-生物医药', 'domain-生物材料']);
    expect(keys.zones).toEqual(['zone-生物创新城']);
    expect(keys.tasks).toEqual([
      { key: 'task-01', measures: ['task-01-m1', 'task-01-m2', 'task-01-m3'] },
      { key: 'task-02', measures: [] },
      { key: 'safeguard-01', measures: ['safeguard-01-m1'] },
    ]);
  });

  it('gives the same keys to the same structure, whatever its wording elsewhere', () => {
    expect(assignPlanKeys(structure)).toEqual(assignPlanKeys(structure));
    expect(goalKey({ metric: ' 产业规模 ', year: 2030 })).toBe('goal-2030-产业规模');
  });

  it('never yields two equal keys in one version', () => {
    const many = { ...structure, goals: Array.from({ length: 5 }, () => ({ metric: '产值', year: 2025 })).concat([{ metric: '产值', year: 2025 }]) };
    const keys = assignPlanKeys({ ...many, domains: [{ name: 'a' }, { name: 'a' }, { name: 'a-2' }] });
    expect(new Set(keys.goals).size).toBe(keys.goals.length);
    expect(new Set(keys.domains).size).toBe(3);
  });
});

describe('default goal formulas (SPEC §4)', () => {
  it('产业规模 sums revenue over the plan domains; 制造业产值 sums output of manufacturing enterprises', () => {
    expect(defaultGoalFormula('产业规模', '亿元')).toEqual({ indicator: 'revenue', filter: { scope: 'plan-domains' } });
    expect(defaultGoalFormula('制造业产值', '亿元')).toEqual({ indicator: 'output', filter: { isManufacturing: true } });
  });
  it('gives counts and shares no formula', () => {
    expect(defaultGoalFormula('龙头企业', '家')).toBeNull();
    expect(defaultGoalFormula('产业规模', '%')).toBeNull();
  });
  it('returns a fresh object each time (callers may edit it)', () => {
    const a = defaultGoalFormula('产业规模', '亿元')!;
    a.filter.scope = 'all';
    expect(defaultGoalFormula('产业规模', '亿元')!.filter.scope).toBe('plan-domains');
  });
});

describe('a department sees its own tasks first', () => {
  const t = (name: string, units: { role: 'lead' | 'co'; departmentId: string | null }[]) => ({ name, units });
  const tasks = [
    t('一', [{ role: 'lead', departmentId: 'jw' }, { role: 'co', departmentId: 'kw' }]),
    t('二', [{ role: 'lead', departmentId: 'kw' }]),
    t('三', [{ role: 'lead', departmentId: 'jw' }]),
    t('四', [{ role: 'co', departmentId: 'kw' }, { role: 'co', departmentId: null }]),
    t('五', [{ role: 'lead', departmentId: 'kw' }]),
  ];

  it('orders lead, then co-operating, then others, keeping the plan order within each group', () => {
    const ordered = orderTasksForDepartment(tasks, 'kw');
    expect(ordered.map((o) => `${o.task.name}:${o.myRole ?? '-'}`)).toEqual(['二:lead', '五:lead', '一:co', '四:co', '三:-']);
  });

  it('keeps the plan order for users without a department', () => {
    expect(orderTasksForDepartment(tasks, null).map((o) => o.task.name)).toEqual(['一', '二', '三', '四', '五']);
  });

  it('lets lead win when a unit is named twice', () => {
    expect(roleOfDepartment({ units: [{ role: 'co', departmentId: 'x' }, { role: 'lead', departmentId: 'x' }] }, 'x')).toBe('lead');
  });
});
