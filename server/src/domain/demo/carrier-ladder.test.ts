import { describe, expect, it } from 'vitest';
import { leasedAreaOn } from '../registries/occupancy.ts';
import { addMonths, overlaps } from '../carrier-ladder/ladder.ts';
import { currentLeaseEnd, planDemoLadder, type DemoCarrierIn, type DemoTenancyIn } from './carrier-ladder.ts';
import { createRng } from './prng.ts';

const carriers: DemoCarrierIn[] = [
  { id: 'inc', type: 'incubator', zoneId: 'z1', openedOn: '2020-01-01' },
  { id: 'acc', type: 'accelerator', zoneId: 'z1', openedOn: '2018-01-01' },
  { id: 'park', type: 'industrial-park', zoneId: 'z2', openedOn: '2016-01-01' },
];
const today = '2026-12-05';
const tenancies: DemoTenancyIn[] = Array.from({ length: 60 }, (_, i) => ({
  id: `t${i}`,
  enterpriseId: `e${i}`,
  carrierId: ['inc', 'acc', 'park'][i % 3]!,
  carrierType: ['incubator', 'accelerator', 'industrial-park'][i % 3]!,
  zoneId: i % 3 === 2 ? 'z2' : 'z1',
  moveInOn: `${2020 + (i % 5)}-0${1 + (i % 9)}-15`,
  moveOutOn: i % 7 === 0 ? '2025-06-30' : null,
  leasedArea: 100 + i * 10,
  foundedOn: `${2020 + (i % 5)}-0${1 + (i % 9)}-15`,
  status: i % 7 === 0 ? 'moved-away' : 'active',
}));

describe('the demo ladder plan', () => {
  const plan = planDemoLadder(tenancies, carriers, [], today, createRng(7, 'test'));
  const after = [
    ...tenancies.map((t) => {
      const u = plan.updates.find((x) => x.id === t.id);
      return { ...t, moveInOn: u?.moveInOn ?? t.moveInOn };
    }),
    ...plan.inserts.map((i, n) => ({ ...i, id: `new${n}` })),
  ];

  it('keeps today’s occupancy of every carrier', () => {
    for (const c of carriers) {
      const of = (list: { carrierId: string; moveInOn: string; moveOutOn: string | null; leasedArea: number }[]) => leasedAreaOn(list.filter((t) => t.carrierId === c.id), today);
      expect(of(after)).toBe(of(tenancies));
    }
  });

  it('adds graduations without overlapping tenancies, with dates in order', () => {
    expect(plan.inserts.length).toBeGreaterThan(5);
    for (const e of new Set(after.map((t) => t.enterpriseId))) {
      const own = after.filter((t) => t.enterpriseId === e);
      for (const t of own) if (t.moveOutOn) expect(t.moveOutOn > t.moveInOn).toBe(true);
      for (let i = 0; i < own.length; i++) for (let j = i + 1; j < own.length; j++) expect(overlaps(own[i]!, own[j]!)).toBe(false);
    }
  });

  it('has firms climbing within the carriers page’s default window (the last 36 months), also when they were founded long ago', () => {
    // Firms founded 2010–2016: anchored only at their founding, every climb would lie years before the window.
    const old = tenancies.map((t, i) => ({ ...t, moveInOn: `${2010 + (i % 7)}-0${1 + (i % 9)}-15`, foundedOn: `${2010 + (i % 7)}-0${1 + (i % 9)}-15`, moveOutOn: null, status: 'active' }));
    const oldPlan = planDemoLadder(old, [...carriers.map((c) => ({ ...c, openedOn: '2008-01-01' }))], [], today, createRng(7, 'test'));
    const windowStart = addMonths(today, -36);
    const moves = oldPlan.inserts.filter((i) => i.exitKind === 'moved-carrier');
    const recent = moves.filter((i) => i.moveOutOn >= windowStart);
    expect(moves.length).toBeGreaterThan(10);
    expect(recent.length).toBeGreaterThanOrEqual(Math.ceil(moves.length / 4));
    expect(moves.every((i) => i.moveOutOn <= addMonths(today, -2) && i.moveOutOn > i.moveInOn)).toBe(true);
  });

  it('gives every present tenancy a lease ending after today, and ended ones a destination', () => {
    for (const t of tenancies) {
      const u = plan.updates.find((x) => x.id === t.id)!;
      if (t.moveOutOn) expect(u.exitKind).toBe('left-district');
      else expect(u.leaseEndOn! > today).toBe(true);
    }
    expect(currentLeaseEnd('2018-03-01', today, 36)).toBe('2027-03-01');
  });
});
