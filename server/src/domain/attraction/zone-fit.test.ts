import { describe, expect, it } from 'vitest';
import { carrierVacancy, checkZoneFit } from './zone-fit.ts';

const port = { code: 'medicine-port', domainCodes: ['biomedicine'] };
const carriers = [
  { code: 'a', name: 'A', vacantAreaM2: 12_000 },
  { code: 'b', name: 'B', vacantAreaM2: 3_000 },
];

describe('zone fit and carrier capacity before signing', () => {
  it('accepts a biomedicine GMP project with room in one carrier', () => {
    const r = checkZoneFit({ domain: 'biomedicine', needs: { areaM2: 10_000, gmp: true, hazardous: false, labExhaust: true }, zone: port, carriers });
    expect(r).toEqual({ ok: true, issues: [], vacantAreaM2: 15_000, largestVacancyM2: 12_000, fittingCarriers: ['a'] });
  });

  it('flags a bio-materials project heading for the 生物医药港 and hazardous chemistry it does not admit', () => {
    const r = checkZoneFit({ domain: 'biomaterials', needs: { areaM2: 1_000, gmp: false, hazardous: true, labExhaust: false }, zone: port, carriers });
    expect(r.ok).toBe(false);
    expect(r.issues).toEqual(['domain-mismatch', 'no-hazardous']);
  });

  it('flags a shortage when no single carrier has the area (the sum does not count: one site per project)', () => {
    const r = checkZoneFit({ domain: 'biomedicine', needs: { areaM2: 14_000, gmp: false, hazardous: false, labExhaust: false }, zone: port, carriers });
    expect(r.issues).toEqual(['area-shortage']);
    expect(r.fittingCarriers).toEqual([]);
  });

  it('reminds when needs are not stated, without calling it a mismatch; no zone is a finding', () => {
    expect(checkZoneFit({ domain: 'biomedicine', needs: null, zone: port, carriers })).toMatchObject({ ok: true, issues: ['no-needs'] });
    expect(checkZoneFit({ domain: 'biomedicine', needs: null, zone: null, carriers: [] })).toMatchObject({ ok: false, issues: ['no-zone'] });
  });

  it('computes vacancy from leasable (else total) area minus leased area, never negative', () => {
    expect(carrierVacancy(10_000, 20_000, 4_000)).toBe(6_000);
    expect(carrierVacancy(null, 20_000, 4_000)).toBe(16_000);
    expect(carrierVacancy(1_000, null, 4_000)).toBe(0);
    expect(carrierVacancy(null, null, 0)).toBe(0);
  });
});
