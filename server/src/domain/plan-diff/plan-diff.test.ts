import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffPlans, sameValue, type PlanSnapshot, type SnapshotTask } from './plan-diff.ts';

function task(n: number, title: string, units: SnapshotTask['units'] = [{ name: '区经委', role: 'lead' }]): SnapshotTask {
  const key = `task-${String(n).padStart(2, '0')}`;
  return {
    key,
    kind: 'task',
    number: n,
    label: `(${n})`,
    title,
    measures: [
      { key: `${key}-m1`, title: '第一项', text: '内容一' },
      { key: `${key}-m2`, title: '第二项', text: '内容二' },
    ],
    units,
  };
}

type Editable = { -readonly [K in keyof PlanSnapshot]: PlanSnapshot[K] extends readonly (infer U)[] ? U[] : PlanSnapshot[K] };

function base(): Editable {
  return {
    title: '实施意见',
    issuer: '区经委',
    issuedOn: '2023-09-12',
    docNumber: null,
    goals: [
      { key: 'goal-2025-产业规模', metric: '产业规模', year: 2025, yearFrom: null, value: 500, valueMax: null, unit: '亿元', comparator: '突破', formula: { indicator: 'revenue', filter: { scope: 'plan-domains' } } },
      { key: 'goal-2030-产业规模', metric: '产业规模', year: 2030, yearFrom: null, value: 1000, valueMax: null, unit: '亿元', comparator: '突破', formula: null },
    ],
    domains: [{ key: 'domain-生物医药', name: '生物医药', subfields: ['抗体药物', '新型疫苗'] }],
    zones: [{ key: 'zone-生物创新城', name: '生物创新城', alias: '一城', base: '湾区科创城', carriers: ['市公卫中心'] }],
    tasks: [task(1, '坚持引育并举'), task(2, '突出科技赋能')],
  };
}

describe('diffPlans', () => {
  it('finds nothing between a version and itself', () => {
    const diff = diffPlans(base(), base());
    expect(diff.total).toBe(0);
    expect(diff.goals).toEqual({ added: [], removed: [], changed: [] });
    expect(diff.tasks.changed).toEqual([]);
  });

  it('reports a changed goal value field by field, with the label', () => {
    const next = base();
    next.goals = next.goals.map((g) => (g.year === 2025 ? { ...g, value: 550, comparator: '达到' } : g));
    const diff = diffPlans(base(), next);
    expect(diff.goals.changed).toEqual([
      {
        key: 'goal-2025-产业规模',
        label: '2025 产业规模',
        changes: [
          { field: 'value', before: 500, after: 550 },
          { field: 'comparator', before: '突破', after: '达到' },
        ],
      },
    ]);
    expect(diff.total).toBe(1);
  });

  it('reports added and removed goals by key', () => {
    const next = base();
    next.goals = [next.goals[0]!, { key: 'goal-2027-制造业产值', metric: '制造业产值', year: 2027, yearFrom: null, value: 400, valueMax: null, unit: '亿元', comparator: '达到', formula: null }];
    const diff = diffPlans(base(), next);
    expect(diff.goals.added).toEqual([{ key: 'goal-2027-制造业产值', label: '2027 制造业产值' }]);
    expect(diff.goals.removed).toEqual([{ key: 'goal-2030-产业规模', label: '2030 产业规模' }]);
    expect(diff.total).toBe(2);
  });

  it('compares formulas structurally (key order does not matter)', () => {
    const next = base();
    next.goals[0] = { ...next.goals[0]!, formula: { filter: { scope: 'plan-domains' }, indicator: 'revenue' } as never };
    expect(diffPlans(base(), next).total).toBe(0);
    next.goals[0] = { ...next.goals[0]!, formula: { indicator: 'output', filter: { isManufacturing: true } } };
    const change = diffPlans(base(), next).goals.changed[0]!.changes[0]!;
    expect(change.field).toBe('formula');
    expect(change.after).toEqual({ indicator: 'output', filter: { isManufacturing: true } });
  });

  it('treats sub-fields and carriers as sets', () => {
    const next = base();
    next.domains = [{ ...next.domains[0]!, subfields: ['新型疫苗', '抗体药物'] }];
    expect(diffPlans(base(), next).total).toBe(0);
    next.domains = [{ ...next.domains[0]!, subfields: ['新型疫苗', '抗体药物', '细胞与基因治疗'] }];
    expect(diffPlans(base(), next).domains.changed[0]!.changes).toEqual([
      { field: 'subfields', before: ['抗体药物', '新型疫苗'], after: ['新型疫苗', '抗体药物', '细胞与基因治疗'] },
    ]);
  });

  it('reports a task whose measures and units changed, but not one that only moved in the text', () => {
    const next = base();
    const t1 = next.tasks[0]!;
    next.tasks[0] = {
      ...t1,
      measures: [{ ...t1.measures[0]!, text: '内容一(修订)' }, t1.measures[1]!, { key: 'task-01-m3', title: '第三项', text: '新增' }],
      units: [
        { name: '区经委', role: 'co' },
        { name: '区科委', role: 'lead' },
      ],
    };
    const diff = diffPlans(base(), next);
    expect(diff.tasks.changed).toHaveLength(1);
    const changed = diff.tasks.changed[0]!;
    expect(changed.key).toBe('task-01');
    expect(changed.label).toBe('(1) 坚持引育并举');
    expect(changed.changes).toEqual([]);
    expect(changed.measures.added).toEqual([{ key: 'task-01-m3', label: '第三项' }]);
    expect(changed.measures.changed).toEqual([{ key: 'task-01-m1', label: '第一项', changes: [{ field: 'text', before: '内容一', after: '内容一(修订)' }] }]);
    expect(changed.units).toEqual([
      { name: '区经委', before: 'lead', after: 'co' },
      { name: '区科委', before: null, after: 'lead' },
    ]);
    expect(diff.total).toBe(1);
  });

  it('reports a removed unit and a retitled task', () => {
    const next = base();
    next.tasks[1] = { ...next.tasks[1]!, title: '突出科技赋能,激发活力', units: [] };
    const changed = diffPlans(base(), next).tasks.changed[0]!;
    expect(changed.changes).toEqual([{ field: 'title', before: '突出科技赋能', after: '突出科技赋能,激发活力' }]);
    expect(changed.units).toEqual([{ name: '区经委', before: 'lead', after: null }]);
  });

  it('reports header changes', () => {
    const next = { ...base(), docNumber: '金府办发〔2023〕18号' };
    expect(diffPlans(base(), next).header).toEqual([{ field: 'docNumber', before: null, after: '金府办发〔2023〕18号' }]);
  });

  it('is symmetric: what one direction adds the other removes, and the totals agree', () => {
    const goalArb = fc.record({
      year: fc.integer({ min: 2024, max: 2035 }),
      metric: fc.constantFrom('产业规模', '制造业产值', '企业数量'),
      value: fc.integer({ min: 1, max: 2000 }),
    });
    const snapshot = fc.uniqueArray(goalArb, { selector: (g) => `${g.year}-${g.metric}`, maxLength: 8 }).map((goals) => ({
      ...base(),
      goals: goals.map((g) => ({ key: `goal-${g.year}-${g.metric}`, metric: g.metric, year: g.year, yearFrom: null, value: g.value, valueMax: null, unit: '亿元', comparator: '达到', formula: null })),
    }));
    fc.assert(
      fc.property(snapshot, snapshot, (a, b) => {
        const ab = diffPlans(a, b);
        const ba = diffPlans(b, a);
        expect(ab.goals.added.map((i) => i.key).sort()).toEqual(ba.goals.removed.map((i) => i.key).sort());
        expect(ab.goals.changed.map((i) => i.key).sort()).toEqual(ba.goals.changed.map((i) => i.key).sort());
        expect(ab.total).toBe(ba.total);
        // Independent count: keys in exactly one side, plus shared keys whose value differs.
        const va = new Map(a.goals.map((g) => [g.key, g.value]));
        const vb = new Map(b.goals.map((g) => [g.key, g.value]));
        const onlyOne = [...va.keys()].filter((k) => !vb.has(k)).length + [...vb.keys()].filter((k) => !va.has(k)).length;
        const differ = [...va.keys()].filter((k) => vb.has(k) && vb.get(k) !== va.get(k)).length;
        expect(ab.total).toBe(onlyOne + differ);
      }),
    );
  });
});

describe('sameValue', () => {
  it('ignores object key order and undefined members', () => {
    expect(sameValue({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1, c: undefined })).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue(null, undefined)).toBe(true);
  });
});
