/**
 * Calibration (SPEC §10): rescales the sizes of non-leader firms so that the expected 2025 totals hit the
 * targets in `CALIBRATION`, then derives what depends on size (规上 flag, 龙头 / 链主 tags).
 *
 * Two factors, one for industrial and one for non-industrial firms, because the goals use two different sums:
 * 制造业产值 = Σ output of manufacturing firms fixes the first, 产业规模 = Σ revenue of all firms then fixes the
 * second. Leaders keep their drawn 8–20 亿元 so the "few big firms" of the story stay recognisable.
 */
import { CALIBRATION, expectedRevenue, type EnterpriseModel, type ResolvedOptions } from './model.ts';
import { monthIndex } from './calendar.ts';

/** 规上 (above designated size) threshold for industrial firms: 2 000 万元 annual main-business revenue. */
export const ABOVE_SCALE_REVENUE = 2_000;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

function expectedYear(m: EnterpriseModel, year: number): { revenue: number; output: number } {
  const first = monthIndex({ year, month: 1 });
  let revenue = 0;
  for (let t = first; t < first + 12; t++) revenue += expectedRevenue(m, t);
  return { revenue, output: m.revenuePerOutput ? revenue / m.revenuePerOutput : 0 };
}

export function calibrate(models: EnterpriseModel[], opts: ResolvedOptions): void {
  const scale = opts.enterprises / CALIBRATION.perEnterprises;
  let leaderRevenue = 0;
  let leaderOutput = 0;
  let industrialRevenue = 0;
  let industrialOutput = 0;
  let serviceRevenue = 0;
  for (const m of models) {
    const { revenue, output } = expectedYear(m, CALIBRATION.year);
    if (m.tier === 'leader') {
      leaderRevenue += revenue;
      leaderOutput += output;
    } else if (m.revenuePerOutput) {
      industrialRevenue += revenue;
      industrialOutput += output;
    } else {
      serviceRevenue += revenue;
    }
  }
  // Clamped: with a handful of enterprises the targets may be out of reach; better skewed totals than absurd firms.
  const industrialFactor =
    industrialOutput > 0 ? clamp((CALIBRATION.manufacturingOutput * scale - leaderOutput) / industrialOutput, 0.2, 5) : 1;
  const remaining = CALIBRATION.industryScale * scale - leaderRevenue - industrialFactor * industrialRevenue;
  const serviceFactor = serviceRevenue > 0 ? clamp(remaining / serviceRevenue, 0.2, 5) : 1;
  for (const m of models) {
    if (m.tier !== 'leader') m.annualRevenue *= m.revenuePerOutput ? industrialFactor : serviceFactor;
  }

  for (const m of models) {
    const last = Math.min(opts.asOfIndex, m.endMonth);
    let recent = 0;
    for (let t = last - 11; t <= last; t++) recent += expectedRevenue(m, t);
    m.enterprise.isAboveScale = m.enterprise.isManufacturing && recent >= ABOVE_SCALE_REVENUE;
  }

  // 龙头: the leader tier. 链主: the biggest industrial leader of each domain, the one a chain is organised around.
  const chainLeader = new Map<string, EnterpriseModel>();
  for (const m of models) {
    if (m.tier !== 'leader') continue;
    m.enterprise.tags.unshift('leader');
    const domain = m.enterprise.domainCode;
    const best = chainLeader.get(domain);
    if (m.enterprise.isManufacturing && (!best || m.annualRevenue > best.annualRevenue)) chainLeader.set(domain, m);
  }
  for (const m of chainLeader.values()) m.enterprise.tags.unshift('chain-leader');
}
