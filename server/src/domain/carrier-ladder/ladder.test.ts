import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  carrierFigures,
  exitOutcome,
  ladderFlows,
  lastDayOfMonth,
  monthsBetween,
  overlaps,
  RUNG,
  vacancySeries,
  type CarrierKind,
  type ExitKind,
  type ExitOutcome,
  type LadderTenancy,
} from './ladder.ts';

const KINDS: Record<string, CarrierKind> = { inc: 'incubator', acc: 'accelerator', park: 'industrial-park', lab: 'public-platform' };
let n = 0;
const tenancy = (enterpriseId: string, carrierId: keyof typeof KINDS, moveInOn: string, moveOutOn: string | null, exitKind: ExitKind | null = null, leasedArea = 100): LadderTenancy => ({
  id: `t${String(++n).padStart(3, '0')}`,
  enterpriseId,
  carrierId,
  carrierKind: KINDS[carrierId]!,
  moveInOn,
  moveOutOn,
  leasedArea,
  exitKind,
});

describe('a worked example', () => {
  // A: incubator → accelerator → park; B: incubator → out of the district; C: incubator → own plant in the
  // district; D: incubator, still there; E: accelerator → incubator (down); F: incubator, closed.
  const all = [
    tenancy('A', 'inc', '2022-01-10', '2023-07-01'),
    tenancy('A', 'acc', '2023-07-01', '2025-03-01', 'moved-carrier'),
    tenancy('A', 'park', '2025-03-01', null),
    tenancy('B', 'inc', '2022-05-01', '2024-05-01', 'left-district'),
    tenancy('C', 'inc', '2023-01-01', '2024-01-01', 'in-district'),
    tenancy('D', 'inc', '2024-02-01', null),
    tenancy('E', 'acc', '2022-03-01', '2024-09-01'),
    tenancy('E', 'inc', '2024-09-15', null),
    tenancy('F', 'inc', '2022-06-01', '2023-12-01', 'closed'),
  ];
  const period = { from: '2023-01-01', to: '2025-12-31' };

  it('counts the incubator’s exits by outcome: 2 of 4 graduated, 1 left the district', () => {
    const f = carrierFigures('inc', all, period);
    expect(f.exits).toBe(4);
    expect(f.outcomes).toMatchObject({ up: 1, 'own-premises': 1, 'left-district': 1, closed: 1, lateral: 0, down: 0, unknown: 0 });
    expect(f.graduationRate).toBe(0.5);
    expect(f.leftDistrictRate).toBe(0.25);
    // Stays: A 537 d = 17.64, B 24.0, C 12.0, F 548 d = 18.00 months → median (17.64 + 18.00) / 2 = 17.82.
    expect(f.medianStayMonths).toBe(17.8);
    expect(f.entries).toBe(3); // C, D and E's return
    expect(f.tenantsAtEnd).toBe(2); // D and E
  });

  it('sees the accelerator send one firm up and one down', () => {
    const f = carrierFigures('acc', all, period);
    expect(f.outcomes).toMatchObject({ up: 1, down: 1 });
    expect(f.graduationRate).toBe(0.5);
  });

  it('draws the flows without cycles and names what it leaves out', () => {
    const flows = ladderFlows(all, period, () => true);
    expect(flows.links).toEqual([
      { source: 'accelerator', target: 'industrial-park', value: 1 },
      { source: 'entered', target: 'incubator', value: 2 },
      { source: 'incubator', target: 'accelerator', value: 1 },
      { source: 'incubator', target: 'closed', value: 1 },
      { source: 'incubator', target: 'left-district', value: 1 },
      { source: 'incubator', target: 'own-premises', value: 1 },
    ]);
    expect(flows.omitted).toEqual({ lateral: 0, down: 1, unknown: 0 });
    for (const l of flows.links) if (l.source !== 'entered' && l.source in RUNG && l.target in RUNG) expect(RUNG[l.target as CarrierKind]).toBeGreaterThan(RUNG[l.source as CarrierKind]);
  });

  it('a recorded exit out of the district stays one when the firm comes back', () => {
    const back = [tenancy('G', 'inc', '2022-01-01', '2023-01-01', 'left-district'), tenancy('G', 'acc', '2023-06-01', null)];
    expect(exitOutcome(back[0]!, back)).toBe('left-district');
    const late = [tenancy('H', 'inc', '2022-01-01', '2023-01-01'), tenancy('H', 'acc', '2024-01-02', null)];
    expect(exitOutcome(late[0]!, late)).toBe('unknown');
  });

  it('measures vacancy at each month end from the opening on', () => {
    const inc = all.filter((t) => t.carrierId === 'inc');
    const series = vacancySeries({ leasableArea: 400, totalArea: 500, openedOn: '2022-02-15' }, inc, '2022-01', '2022-06', '2022-06-20');
    expect(series.map((p) => [p.month, p.day, p.leasableArea, p.leasedArea, p.vacancyRate])).toEqual([
      ['2022-01', '2022-01-31', null, 100, null],
      ['2022-02', '2022-02-28', 400, 100, 0.75],
      ['2022-03', '2022-03-31', 400, 100, 0.75],
      ['2022-04', '2022-04-30', 400, 100, 0.75],
      ['2022-05', '2022-05-31', 400, 200, 0.5],
      ['2022-06', '2022-06-20', 400, 300, 0.25], // F moved in on 1 June
    ]);
  });
});

describe('dates', () => {
  it('adds calendar months and clamps to the month end', () => {
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-12-05', 3)).toBe('2026-03-05');
    expect(lastDayOfMonth('2024-02')).toBe('2024-02-29');
    expect(monthsBetween('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
  });
  it('treats a move on the same day as no overlap', () => {
    expect(overlaps({ moveInOn: '2024-01-01', moveOutOn: '2024-06-01' }, { moveInOn: '2024-06-01', moveOutOn: null })).toBe(false);
    expect(overlaps({ moveInOn: '2024-01-01', moveOutOn: '2024-06-02' }, { moveInOn: '2024-06-01', moveOutOn: null })).toBe(true);
    expect(overlaps({ moveInOn: '2024-01-01', moveOutOn: null }, { moveInOn: '2020-06-01', moveOutOn: '2020-07-01' })).toBe(false);
  });
});

// ——— An independent computation, compared on random histories ———

const DAY = 86_400_000;
const dayIso = (d: number) => new Date(Date.UTC(2021, 0, 1) + d * DAY).toISOString().slice(0, 10);
const arbHistory = fc
  .array(
    fc.record({
      enterprise: fc.constantFrom('A', 'B', 'C', 'D'),
      carrier: fc.constantFrom('inc', 'acc', 'park', 'lab'),
      start: fc.integer({ min: 0, max: 1500 }),
      length: fc.option(fc.integer({ min: 1, max: 900 }), { nil: null }),
      exit: fc.constantFrom<ExitKind | null>(null, 'moved-carrier', 'in-district', 'left-district', 'closed'),
      area: fc.integer({ min: 1, max: 900 }),
    }),
    { maxLength: 14 },
  )
  .map((rows) =>
    rows.map((r, i): LadderTenancy => ({
      id: `r${String(i).padStart(2, '0')}`,
      enterpriseId: r.enterprise,
      carrierId: r.carrier,
      carrierKind: KINDS[r.carrier]!,
      moveInOn: dayIso(r.start),
      moveOutOn: r.length === null ? null : dayIso(r.start + r.length),
      leasedArea: r.area,
      exitKind: r.length === null ? null : r.exit,
    })),
  );

/** Outcomes by walking each enterprise's tenancies in start order (a different formulation from successorOf's search). */
function outcomesBySortedWalk(all: LadderTenancy[]): Map<string, ExitOutcome> {
  const out = new Map<string, ExitOutcome>();
  for (const e of new Set(all.map((t) => t.enterpriseId))) {
    const list = all.filter((t) => t.enterpriseId === e).sort((a, b) => (a.moveInOn === b.moveInOn ? (a.id < b.id ? -1 : 1) : a.moveInOn < b.moveInOn ? -1 : 1));
    list.forEach((t, i) => {
      if (!t.moveOutOn) return;
      const fallback: ExitOutcome = t.exitKind === 'in-district' ? 'own-premises' : t.exitKind === 'left-district' ? 'left-district' : t.exitKind === 'closed' ? 'closed' : 'unknown';
      if (t.exitKind !== null && t.exitKind !== 'moved-carrier') return void out.set(t.id, fallback);
      const next = list.slice(i + 1).find((c) => c.moveInOn > t.moveInOn);
      const gapDays = next ? (Date.parse(next.moveInOn) - Date.parse(t.moveOutOn)) / DAY : Infinity;
      if (!next || gapDays > 365) return void out.set(t.id, fallback);
      const step = RUNG[next.carrierKind] - RUNG[t.carrierKind];
      out.set(t.id, step > 0 ? 'up' : step < 0 ? 'down' : 'lateral');
    });
  }
  return out;
}

/** Leased area at each day by a running sum of move-in (+) and move-out (−) events. */
function leasedBySweep(tenancies: LadderTenancy[], days: string[]): number[] {
  const events = tenancies.flatMap((t) => [{ day: t.moveInOn, delta: t.leasedArea }, ...(t.moveOutOn ? [{ day: t.moveOutOn, delta: -t.leasedArea }] : [])]);
  return days.map((d) => events.filter((e) => e.day <= d).reduce((s, e) => s + e.delta, 0));
}

describe('the domain functions agree with an independent computation', () => {
  const period = { from: '2022-01-01', to: '2024-12-31' };
  it('per carrier: exits by outcome, graduation rate, median stay', () => {
    fc.assert(
      fc.property(arbHistory, (all) => {
        const outcomes = outcomesBySortedWalk(all);
        for (const carrier of ['inc', 'acc', 'park', 'lab']) {
          const exits = all.filter((t) => t.carrierId === carrier && t.moveOutOn && t.moveOutOn >= period.from && t.moveOutOn <= period.to);
          const f = carrierFigures(carrier, all, period);
          expect(f.exits).toBe(exits.length);
          for (const t of exits) expect(exitOutcome(t, all.filter((x) => x.enterpriseId === t.enterpriseId))).toBe(outcomes.get(t.id));
          const graduated = exits.filter((t) => ['up', 'own-premises'].includes(outcomes.get(t.id)!)).length;
          expect(f.graduationRate).toBe(exits.length ? graduated / exits.length : null);
          const months = exits.map((t) => (Date.parse(t.moveOutOn!) - Date.parse(t.moveInOn)) / DAY / (365.25 / 12)).sort((a, b) => a - b);
          const k = months.length;
          const expected = k === 0 ? null : k % 2 ? months[(k - 1) / 2]! : (months[k / 2 - 1]! + months[k / 2]!) / 2;
          if (expected === null) expect(f.medianStayMonths).toBeNull();
          else expect(f.medianStayMonths).toBeCloseTo(expected, 1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the flows: every exit in the period is one link unit or one omitted move', () => {
    fc.assert(
      fc.property(arbHistory, (all) => {
        const flows = ladderFlows(all, period, () => true);
        const exits = all.filter((t) => t.moveOutOn && t.moveOutOn >= period.from && t.moveOutOn <= period.to).length;
        const outOfRungs = flows.links.filter((l) => l.source !== 'entered').reduce((s, l) => s + l.value, 0);
        expect(outOfRungs + flows.omitted.lateral + flows.omitted.down + flows.omitted.unknown).toBe(exits);
        for (const l of flows.links) if (l.source !== 'entered' && l.target in RUNG) expect(RUNG[l.target as CarrierKind]).toBeGreaterThan(RUNG[l.source as CarrierKind]);
      }),
      { numRuns: 300 },
    );
  });

  it('the monthly leased area and vacancy', () => {
    fc.assert(
      fc.property(arbHistory, fc.integer({ min: 100, max: 5000 }), (all, leasable) => {
        const own = all.filter((t) => t.carrierId === 'acc');
        const series = vacancySeries({ leasableArea: leasable, totalArea: null, openedOn: null }, own, '2021-01', '2025-06', '2025-06-30');
        const swept = leasedBySweep(own, series.map((p) => p.day));
        series.forEach((p, i) => {
          expect(p.leasedArea).toBe(swept[i]);
          expect(p.vacancyRate).toBeCloseTo(1 - swept[i]! / leasable, 4);
        });
      }),
      { numRuns: 200 },
    );
  });
});
