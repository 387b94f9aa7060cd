import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { policyEffect, type EffectEnterprise, type EffectRecipient } from './policy-effect.ts';

const firm = (id: string, domain: string, above: boolean, zone: string, y2024: [number, number] | null, y2026: [number, number] | null): EffectEnterprise => ({
  id,
  domain,
  isAboveScale: above,
  zone,
  years: Object.fromEntries([...(y2024 ? [[2024, { output: y2024[0], rd: y2024[1] }]] : []), ...(y2026 ? [[2026, { output: y2026[0], rd: y2026[1] }]] : [])]) as Record<number, { output: number; rd: number }>,
});

describe('policy effect: exact matching on domain, size and zone', () => {
  // Hand-computed: R1 grows output 50 %; its comparisons C1 (+10 %) and C2 (+30 %) average +20 % → +30 pts.
  // R2 grows 0 %; its only comparison C3 grows −20 % → +20 pts. R3 has no comparable firm; R4 no base figure.
  const firms = [
    firm('R1', 'bio', true, 'port', [100, 10], [150, 12]),
    firm('C1', 'bio', true, 'port', [200, 20], [220, 20]),
    firm('C2', 'bio', true, 'port', [100, 10], [130, 10]),
    firm('X1', 'bio', false, 'port', [100, 10], [900, 90]), // other size: never a comparison for R1
    firm('R2', 'mat', false, 'bay', [50, 5], [50, 6]),
    firm('C3', 'mat', false, 'bay', [50, 5], [40, 5]),
    firm('R3', 'food', true, 'city', [10, 1], [20, 2]),
    firm('R4', 'bio', true, 'port', null, [10, 1]),
  ];
  const recipients: EffectRecipient[] = ['R1', 'R2', 'R3', 'R4'].map((id) => ({ enterpriseId: id, awardYear: 2025 }));

  it('computes the hand-computed figures', () => {
    const e = policyEffect(firms, recipients, 2026, 'output');
    expect(e.measured).toBe(3);
    expect(e.matched).toBe(2);
    expect(e.comparisons).toBe(3);
    expect(e.recipientGrowth).toBeCloseTo(0.25, 12);
    expect(e.comparisonGrowth).toBeCloseTo(0, 12);
    expect(e.difference).toBeCloseTo(0.25, 12);
  });
  it('a recipient is never its own or another recipient’s comparison', () => {
    const e = policyEffect(firms, [...recipients, { enterpriseId: 'C1', awardYear: 2025 }], 2026, 'output');
    // C1 now treated: R1 compares with C2 only (+30 %) → +20 pts; C1 itself (+10 % vs C2) → −20 pts
    expect(e.matched).toBe(3);
    expect(e.difference).toBeCloseTo((0.2 + 0.2 - 0.2) / 3, 12);
  });
  it('no later year after the base year: nothing measured', () => {
    expect(policyEffect(firms, recipients, 2024, 'rd')).toMatchObject({ measured: 0, matched: 0, difference: null });
  });

  /** An independent computation: strata keyed by a string, growth computed inline, no shared helper. */
  function independent(all: EffectEnterprise[], rec: EffectRecipient[], later: number) {
    const treated = new Set(rec.map((r) => r.enterpriseId));
    const diffs: number[] = [];
    for (const r of rec) {
      const me = all.find((f) => f.id === r.enterpriseId)!;
      const b = me.years[r.awardYear - 1]?.output;
      const l = me.years[later]?.output;
      if (later <= r.awardYear - 1 || b === undefined || l === undefined || b <= 0) continue;
      const key = `${me.domain}|${me.isAboveScale}|${me.zone}`;
      const gs = all
        .filter((f) => !treated.has(f.id) && `${f.domain}|${f.isAboveScale}|${f.zone}` === key)
        .map((f) => [f.years[r.awardYear - 1]?.output, f.years[later]?.output] as const)
        .filter(([fb, fl]) => fb !== undefined && fl !== undefined && fb > 0)
        .map(([fb, fl]) => (fl! - fb!) / fb!);
      if (gs.length) diffs.push((l - b) / b - gs.reduce((s, x) => s + x, 0) / gs.length);
    }
    return diffs.length ? diffs.reduce((s, x) => s + x, 0) / diffs.length : null;
  }

  it('property: agrees with an independent computation on random districts', () => {
    const arbFirm = fc.record({
      domain: fc.constantFrom('bio', 'mat'),
      above: fc.boolean(),
      zone: fc.constantFrom('port', 'bay'),
      base: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
      later: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
      treated: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(arbFirm, { maxLength: 25 }), (raw) => {
        const all = raw.map((r, i) => firm(`F${i}`, r.domain, r.above, r.zone, r.base === null ? null : [r.base, 1], r.later === null ? null : [r.later, 1]));
        const rec = raw.flatMap((r, i) => (r.treated ? [{ enterpriseId: `F${i}`, awardYear: 2025 }] : []));
        const got = policyEffect(all, rec, 2026, 'output').difference;
        const want = independent(all, rec, 2026);
        if (want === null) expect(got).toBeNull();
        else expect(got).toBeCloseTo(want, 9);
      }),
    );
  });
});
