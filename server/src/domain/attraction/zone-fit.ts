/**
 * Zone fit and carrier capacity of a project before signing (issue 13 §3, docs/decisions/0025). Pure. A
 * project's space needs are checked against its designated zone: is the zone designated for the project's
 * domain (一城一港一湾一园一谷), does it offer a GMP plant, admission of hazardous chemistry, lab exhaust, and do
 * its carriers have the floor area vacant. Findings are warnings shown on the project and at signing; they never
 * block the signing (the commission may still decide to sign, e.g. with a new building planned).
 */

export interface SpaceNeeds {
  areaM2: number | null;
  gmp: boolean;
  hazardous: boolean;
  labExhaust: boolean;
}

export interface ZoneFacilities {
  gmp: boolean;
  hazardous: boolean;
  labExhaust: boolean;
}

/**
 * What each zone offers, from the policy text and the zones' published profiles: the 生物医药港 has GMP plants
 * and no hazardous-chemistry admission; the 生物能源谷 (上海石化, 上海化工区) and the 碳谷绿湾 admit hazardous
 * chemistry; research carriers of the 生物创新城 have lab exhaust; the 农业园 has none of the three.
 */
export const ZONE_FACILITIES: Record<string, ZoneFacilities> = {
  'innovation-city': { gmp: false, hazardous: false, labExhaust: true },
  'medicine-port': { gmp: true, hazardous: false, labExhaust: true },
  'materials-bay': { gmp: false, hazardous: true, labExhaust: true },
  'agri-park': { gmp: false, hazardous: false, labExhaust: false },
  'energy-valley': { gmp: false, hazardous: true, labExhaust: true },
};
const NO_FACILITIES: ZoneFacilities = { gmp: false, hazardous: false, labExhaust: false };

export interface CarrierVacancy {
  code: string;
  name: string;
  /** Leasable (else total) area minus the area leased to current occupants, never below 0. */
  vacantAreaM2: number;
}

export type ZoneFitIssue = 'no-zone' | 'domain-mismatch' | 'no-gmp' | 'no-hazardous' | 'no-lab-exhaust' | 'area-shortage' | 'no-needs';

export interface ZoneFitResult {
  ok: boolean;
  issues: ZoneFitIssue[];
  vacantAreaM2: number;
  largestVacancyM2: number;
  /** Carriers whose vacancy alone covers the area needed. */
  fittingCarriers: string[];
}

/** Vacancy of one carrier: leasable (or total) area minus the leased area of occupants still in. */
export function carrierVacancy(leasableAreaM2: number | null, totalAreaM2: number | null, leasedAreaM2: number): number {
  const capacity = leasableAreaM2 ?? totalAreaM2 ?? 0;
  return Math.max(0, capacity - leasedAreaM2);
}

export function checkZoneFit(args: { domain: string | null; needs: SpaceNeeds | null; zone: { code: string; domainCodes: readonly string[] } | null; carriers: readonly CarrierVacancy[] }): ZoneFitResult {
  const issues: ZoneFitIssue[] = [];
  const vacant = args.carriers.reduce((s, c) => s + c.vacantAreaM2, 0);
  const largest = args.carriers.reduce((m, c) => Math.max(m, c.vacantAreaM2), 0);
  if (!args.zone) return { ok: false, issues: ['no-zone'], vacantAreaM2: 0, largestVacancyM2: 0, fittingCarriers: [] };
  if (args.domain !== null && !args.zone.domainCodes.includes(args.domain)) issues.push('domain-mismatch');
  const offers = ZONE_FACILITIES[args.zone.code] ?? NO_FACILITIES;
  const needs = args.needs;
  if (!needs) issues.push('no-needs');
  else {
    if (needs.gmp && !offers.gmp) issues.push('no-gmp');
    if (needs.hazardous && !offers.hazardous) issues.push('no-hazardous');
    if (needs.labExhaust && !offers.labExhaust) issues.push('no-lab-exhaust');
    if (needs.areaM2 !== null && needs.areaM2 > largest) issues.push('area-shortage');
  }
  const area = needs?.areaM2 ?? 0;
  const fitting = args.carriers.filter((c) => c.vacantAreaM2 >= area && c.vacantAreaM2 > 0).map((c) => c.code);
  // "No needs stated" is a reminder, not a mismatch.
  return { ok: issues.every((i) => i === 'no-needs'), issues, vacantAreaM2: vacant, largestVacancyM2: largest, fittingCarriers: fitting };
}
