/**
 * Fictional enterprises and the model parameters behind their figures. Sizes are drawn per tier (log-uniform
 * inside each tier: a heavy tail with a few 8–20 亿元 leaders, a broad middle and many small firms), then
 * `calibrate` rescales the non-leader tiers so the district totals hit the story of SPEC §10.
 */
import { buildUscc, USCC_ALPHABET } from '../uscc/uscc.ts';
import { chainNodes, domains, type ChainNodeRef } from '../../seed/reference/index.ts';
import { dayNumber, firstDayOfMonth, isoDate, monthIndex, monthIndexOfDay } from './calendar.ts';
import { assignCarrier } from './carriers.ts';
import { calibrate } from './calibrate.ts';
import { FIRST_REPORT_MONTH, type EnterpriseModel, type ResolvedOptions } from './model.ts';
import { CONTACT_TITLES, jinshanPhone, NameRegistry, personName } from './names.ts';
import { createRng, type Rng } from './prng.ts';
import type { DemoEnterprise, EnterpriseStage, SizeTier } from './types.ts';

/** Share of firms per tier (of 150: 16 leaders, 34 large, 40 medium, 60 small). */
const TIER_SHARES: readonly [SizeTier, number][] = [['leader', 16 / 150], ['large', 34 / 150], ['medium', 40 / 150]];
/** Mature 2025 annual revenue range per tier, 万元. */
const TIER_REVENUE: Record<SizeTier, [number, number]> = {
  leader: [80_000, 200_000],
  large: [30_000, 100_000],
  medium: [300, 10_000],
  small: [80, 2_000],
};
const MANUFACTURING_SHARE: Record<SizeTier, number> = { leader: 0.8, large: 0.62, medium: 0.5, small: 0.45 };
const NOISE_SD: Record<SizeTier, number> = { leader: 0.04, large: 0.06, medium: 0.09, small: 0.14 };
/** Probability that a firm was founded (entered) during the reporting window rather than before 2019; leaders are established firms. */
const ENTRANT_SHARE: Record<SizeTier, number> = { leader: 0, large: 0.15, medium: 0.3, small: 0.45 };
const EXIT_SHARE: Record<SizeTier, number> = { leader: 0, large: 0.02, medium: 0.05, small: 0.08 };
const FOUNDED_YEARS: Record<SizeTier, [number, number]> = { leader: [1994, 2014], large: [2000, 2017], medium: [2006, 2018], small: [2012, 2018] };
const PRODUCTIVITY: Record<SizeTier, [number, number]> = { leader: [150, 350], large: [100, 250], medium: [60, 150], small: [30, 90] };

export const DOMAIN_SHARES: Record<string, number> = { biomedicine: 0.45, biomaterials: 0.22, 'bioagri-food': 0.18, 'bioenergy-env': 0.15 };
export const ZONE_SHARES: Record<string, Record<string, number>> = {
  biomedicine: { 'medicine-port': 0.6, 'innovation-city': 0.3, 'materials-bay': 0.1 },
  biomaterials: { 'materials-bay': 0.6, 'energy-valley': 0.25, 'innovation-city': 0.15 },
  'bioagri-food': { 'agri-park': 0.75, 'innovation-city': 0.25 },
  'bioenergy-env': { 'energy-valley': 0.7, 'materials-bay': 0.2, 'agri-park': 0.1 },
};
const DOMAIN_RATIOS: Record<string, { margin: number; rd: [number, number]; energy: [number, number] }> = {
  biomedicine: { margin: 0.12, rd: [0.05, 0.15], energy: [0.01, 0.04] },
  biomaterials: { margin: 0.07, rd: [0.02, 0.06], energy: [0.08, 0.3] },
  'bioagri-food': { margin: 0.06, rd: [0.02, 0.05], energy: [0.03, 0.1] },
  'bioenergy-env': { margin: 0.05, rd: [0.02, 0.05], energy: [0.15, 0.5] },
};
const STAGE_WEIGHT = { upstream: 0.8, midstream: 1.4, downstream: 1 } as const;
const SWINGS = [
  { up: true, explanation: '本月新产品获批上市，集中交付前期大额订单，产值环比、同比大幅增长。' },
  { up: false, explanation: '本月生产线停产检修并实施GMP改造，产量阶段性大幅下降，预计下月恢复。' },
] as const;

const logQuantile = (q: number, lo: number, hi: number) => Math.exp(Math.log(lo) + q * (Math.log(hi) - Math.log(lo)));
const weightedKey = (rng: Rng, shares: Record<string, number>): string => rng.weighted(Object.keys(shares), Object.values(shares));

interface Slot {
  tier: SizeTier;
  manufacturing: boolean;
  /** Position of the firm's size within its tier's range, 0–1. */
  quantile: number;
}

/**
 * Tier, industrial flag and size quantile of every index. Counts per tier and the industrial share within each
 * tier are exact, and sizes are stratified (one per quantile band), so the calibration factors and the number
 * of 规上 firms barely move between seeds; only which firm gets what is random.
 */
function slotsFor(n: number, rng: Rng): Slot[] {
  const counts = TIER_SHARES.map(([tier, share]) => [tier, Math.round(n * share)] as const);
  const smallCount = Math.max(0, n - counts.reduce((s, [, c]) => s + c, 0));
  const slots: Slot[] = [];
  for (const [tier, count] of [...counts, ['small', smallCount] as const]) {
    const industrial = Math.round(count * MANUFACTURING_SHARE[tier]);
    const quantiles = rng.shuffle(Array.from({ length: count }, (_, k) => (k + rng.next()) / count));
    for (let k = 0; k < count; k++) slots.push({ tier, manufacturing: k < industrial, quantile: quantiles[k]! });
  }
  slots.length = Math.min(slots.length, n);
  rng.shuffle(slots);
  // The first enterprise is the demo enterprise account's own firm: an industrial firm with a readable history.
  const showcase = slots.findIndex((s) => s.tier === 'large' && s.manufacturing);
  if (showcase > 0) [slots[0], slots[showcase]] = [slots[showcase]!, slots[0]!];
  // The first leaders (one per domain, see below) are industrial, so every chain has a 链主 candidate.
  const leaders = slots.filter((s) => s.tier === 'leader');
  for (let i = 0; i < Math.min(domains.length, leaders.length); i++) {
    const donor = leaders.slice(domains.length).find((s) => s.manufacturing);
    if (!leaders[i]!.manufacturing && donor) [leaders[i]!.manufacturing, donor.manufacturing] = [true, false];
  }
  return slots;
}

/**
 * Unique 9-character organisation body "MAY" + 5 characters + GB 11714 check character. Real Shanghai bodies
 * issued since 2015 mostly start "MA1"; the demo keeps clear of that block so a fictional firm is unlikely to
 * carry a real firm's code (no registry is consulted, so this is avoidance, not a guarantee).
 */
function usccFor(index: number, seed: number): string {
  const space = 31 ** 5;
  // Multiplying by a number coprime to 31 permutes 0..31^5−1, so distinct indexes give distinct codes.
  let v = (index * 7_368_787 + (Math.abs(seed) % space)) % space;
  let chars = '';
  for (let i = 0; i < 5; i++, v = Math.floor(v / 31)) chars = USCC_ALPHABET[v % 31]! + chars;
  const org8 = `MAY${chars}`;
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...org8].reduce((s, ch, i) => s + parseInt(ch, 36) * weights[i]!, 0);
  const c = 11 - (sum % 11);
  return buildUscc('91', '310116', org8 + (c === 10 ? 'X' : c === 11 ? '0' : String(c)));
}

/** Industrial leaders sit at purely industrial nodes: a 龙头 at "底盘细胞与工业酶" would read oddly. */
function pickNode(rng: Rng, domainCode: string, manufacturing: boolean, leader = false): ChainNodeRef {
  const fits = (kind: string) => (manufacturing ? kind === 'manufacturing' || (!leader && kind === 'mixed') : kind !== 'manufacturing');
  const nodes = chainNodes.filter((n) => n.domainCode === domainCode && fits(n.kind));
  return rng.weighted(nodes, nodes.map((n) => STAGE_WEIGHT[n.stage]));
}

function stageFor(rng: Rng, tier: SizeTier, ageYears: number): EnterpriseStage {
  if (tier === 'leader' || tier === 'large') return 'industrialized';
  if (tier === 'medium') return ageYears >= 6 && rng.chance(0.5) ? 'industrialized' : 'accelerating';
  return ageYears < 3 && rng.chance(0.7) ? 'incubating' : rng.chance(0.5) ? 'accelerating' : 'incubating';
}

export function buildEnterpriseModels(opts: ResolvedOptions): EnterpriseModel[] {
  const { enterprises: n, seed, asOfIndex, todayDay } = opts;
  const slots = slotsFor(n, createRng(seed, 'tiers'));
  const names = new NameRegistry();
  const domainOrder = domains.map((d) => d.code);
  let leadersSeen = 0;
  const models: EnterpriseModel[] = [];

  for (let i = 0; i < n; i++) {
    const rng = createRng(seed, 'enterprise', i);
    const { tier, manufacturing: isManufacturing, quantile } = slots[i]!;
    const showcase = i === 0;
    // The first leaders cover the four domains, so every chain has a leader to name as 链主.
    const domainCode =
      tier === 'leader' && leadersSeen < domainOrder.length ? domainOrder[leadersSeen]! : weightedKey(rng, DOMAIN_SHARES);
    if (tier === 'leader') leadersSeen++;
    const node = pickNode(rng, domainCode, isManufacturing, tier === 'leader');
    const domain = domains.find((d) => d.code === domainCode)!;
    const subfieldCode = node.subfieldCodes.length > 0 ? rng.pick(node.subfieldCodes) : rng.pick(domain.subfields).code;
    const chainNodeCodes = [node.code];
    if (rng.chance(0.25)) {
      const second = pickNode(rng, domainCode, isManufacturing);
      if (second.code !== node.code) chainNodeCodes.push(second.code);
    }
    const zoneCode = weightedKey(rng, ZONE_SHARES[domainCode]!);

    // Founding: established firms before 2019, entrants during the reporting window (up to 3 months before asOf).
    const entrant = !showcase && rng.chance(ENTRANT_SHARE[tier]) && asOfIndex - 3 > FIRST_REPORT_MONTH;
    const foundedDay = entrant
      ? firstDayOfMonth(rng.int(FIRST_REPORT_MONTH, asOfIndex - 3)) + rng.int(0, 27)
      : dayNumber(rng.int(...FOUNDED_YEARS[tier]), rng.int(1, 12), rng.int(1, 28));
    const foundedMonth = monthIndexOfDay(foundedDay);
    const startMonth = Math.max(FIRST_REPORT_MONTH, foundedMonth + 1);

    // Exits: a few firms close or move away; their reports stop the month before.
    let status: DemoEnterprise['status'] = 'active';
    let exitDay: number | null = null;
    const earliestExit = Math.max(startMonth + 12, FIRST_REPORT_MONTH + 12);
    if (!showcase && rng.chance(EXIT_SHARE[tier]) && earliestExit < asOfIndex) {
      exitDay = firstDayOfMonth(rng.int(earliestExit, asOfIndex)) + rng.int(0, 27);
      if (exitDay > todayDay) exitDay = todayDay;
      status = rng.chance(0.6) ? 'closed' : 'moved-away';
    }
    const endMonth = exitDay === null ? Infinity : monthIndexOfDay(exitDay) - 1;

    const growth =
      tier === 'leader' ? Math.max(0.02, rng.normal(0.09, 0.04)) : Math.min(0.3, Math.max(-0.02, rng.normal(0.095, 0.06)));
    const ratios = DOMAIN_RATIOS[domainCode]!;
    const young = foundedMonth >= FIRST_REPORT_MONTH - 24;
    const ageYears = (todayDay - foundedDay) / 365.25;
    const { name } = names.company(rng, domainCode, '上海', node.code);
    const stage = stageFor(rng, tier, ageYears);

    const enterprise: DemoEnterprise = {
      id: `demo-ent-${String(i + 1).padStart(5, '0')}`,
      uscc: usccFor(i, seed),
      name,
      domainCode,
      subfieldCode,
      chainNodeCodes,
      zoneCode,
      carrierCode: null,
      stage,
      isAboveScale: false, // set by calibrate: depends on the rescaled size
      isManufacturing,
      tags: [],
      sizeTier: tier,
      foundedOn: isoDate(foundedDay),
      contact: { name: personName(rng), titleZh: rng.pick(CONTACT_TITLES), phone: jinshanPhone(rng) },
      status,
      exitOn: exitDay === null ? null : isoDate(exitDay),
      isDemo: true,
    };
    enterprise.carrierCode = assignCarrier(rng, enterprise);
    const highTechShare = { leader: 0.8, large: 0.6, medium: 0.4, small: 0.2 }[tier];
    if (rng.chance(highTechShare)) enterprise.tags.push('high-tech');
    if ((tier === 'large' || tier === 'medium') && rng.chance(0.22)) enterprise.tags.push('specialized');

    models.push({
      index: i,
      enterprise,
      tier,
      annualRevenue: logQuantile(quantile, ...TIER_REVENUE[tier]),
      growth: young ? growth + rng.float(0, 0.08) : growth,
      decline: null,
      revenuePerOutput: isManufacturing ? rng.float(1.12, 1.45) : null,
      foundedMonth,
      startMonth,
      endMonth,
      rampMonths: rng.int(18, 36),
      fadesOut: status === 'closed',
      exportShare: isManufacturing && rng.chance(0.35) ? rng.float(0.05, 0.5) : 0,
      margin: tier === 'small' && young ? rng.float(-0.35, 0.05) : rng.normal(ratios.margin, 0.04),
      taxRate: rng.float(0.025, 0.06),
      rdRate: domainCode === 'biomedicine' && tier === 'small' ? rng.float(0.1, 0.4) : rng.float(...ratios.rd),
      energyIntensity: rng.float(...ratios.energy),
      productivity: rng.float(...PRODUCTIVITY[tier]),
      noiseSd: NOISE_SD[tier],
      sloppy: rng.chance(0.08),
      shock: null,
      latestAnomaly: null,
    });
  }
  placeDecliners(models, createRng(seed, 'decliners'), asOfIndex);
  placeDataQualityCases(models, createRng(seed, 'quality'), asOfIndex);
  calibrate(models, opts);
  return models;
}

/**
 * A few firms turn down recently (from mid-2023 on), one leader among them: the YoY-decline warnings (−20%, key
 * enterprises −10%) and "three consecutive declines" need subjects, and a recent turn keeps 2019 levels sane.
 */
function placeDecliners(models: EnterpriseModel[], rng: Rng, asOfIndex: number): void {
  const eligible = (m: EnterpriseModel) => m.index !== 0 && m.endMonth >= asOfIndex && m.startMonth <= asOfIndex - 30;
  const leaders = rng.shuffle(models.filter((m) => m.tier === 'leader' && eligible(m)));
  const others = rng.shuffle(models.filter((m) => m.tier !== 'leader' && eligible(m)));
  const count = Math.max(1, Math.round((models.length * 8) / 150));
  const from = Math.min(monthIndex({ year: 2023, month: 7 }), asOfIndex - 20);
  for (const m of [...leaders.slice(0, 1), ...others.slice(0, count - Math.min(1, leaders.length))]) {
    m.decline = { fromMonth: rng.int(from, asOfIndex - 8), rate: m.tier === 'leader' ? rng.float(-0.2, -0.12) : rng.float(-0.3, -0.1) };
  }
}

/**
 * Chooses the few firms with a >50% swing (explained) and the two deliberate latest-month errors. Leaders are
 * left alone: their figures dominate the totals and must stay believable.
 */
function placeDataQualityCases(models: EnterpriseModel[], rng: Rng, asOfIndex: number): void {
  const eligible = models.filter(
    (m) => m.tier !== 'leader' && m.index !== 0 && m.endMonth >= asOfIndex && m.startMonth <= asOfIndex - 26,
  );
  rng.shuffle(eligible);
  const swings = Math.max(2, Math.round((models.length * 3) / 150));
  for (const m of eligible.slice(0, swings)) {
    const swing = rng.pick(SWINGS);
    m.shock = {
      month: rng.int(asOfIndex - 24, asOfIndex - 1),
      factor: swing.up ? rng.float(2.0, 2.5) : rng.float(0.3, 0.42),
      explanation: swing.explanation,
    };
  }
  const industrial = eligible.slice(swings).filter((m) => m.enterprise.isManufacturing);
  const errors = Math.max(1, Math.round(models.length / 150));
  for (const m of industrial.slice(0, errors)) m.latestAnomaly = 'unit-slip';
  for (const m of industrial.slice(errors, 2 * errors)) m.latestAnomaly = 'sales-over-output';
}
