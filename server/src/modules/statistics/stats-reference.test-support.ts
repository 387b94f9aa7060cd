import { INDICATOR_BY_CODE, type IndicatorCode } from '../../../../contracts/indicators.ts';
import type { StatDimension } from '../../../../contracts/statistics.ts';
import type { FixtureEnterprise, FixtureReport } from './stats-fixture.test-support.ts';

/**
 * The straightforward reference the engine is checked against: SPEC §4 read literally, over the raw report
 * rows, with BigInt 元 and no shared code with the engine or the statistics domain.
 */

const yuan = (text: string): bigint => {
  const negative = text.startsWith('-');
  const [i = '0', f = ''] = text.replace('-', '').split('.');
  const v = BigInt(i) * 10_000n + BigInt((f + '0000').slice(0, 4));
  return negative ? -v : v;
};

export function keysOf(e: FixtureEnterprise, dim: StatDimension): string[] {
  switch (dim) {
    case 'total':
      return ['all'];
    case 'domain':
      return [e.domain ?? 'none'];
    case 'zone':
      return [e.zone ?? 'none'];
    case 'domain-zone':
      return [`${e.domain ?? 'none'}|${e.zone ?? 'none'}`];
    case 'node':
      return [e.node ?? 'none'];
    case 'stage':
      return [e.stage];
    case 'scale':
      return [e.aboveScale ? 'above' : 'below'];
    case 'manufacturing':
      return [e.manufacturing ? 'yes' : 'no'];
    case 'carrier':
      return [e.carrier ?? 'none'];
    case 'tag':
      return e.tags.length ? [...new Set(e.tags)] : ['none'];
    case 'enterprise':
      return [e.id];
  }
}

export interface ReferenceRow {
  code: string;
  month: number;
  ytd: number;
  base: number;
  yoy: number | null;
  nominalYoy: number | null;
  contribution: number | null;
  pull: number | null;
  enterprises: number;
}

export function referenceBreakdown(
  enterprises: readonly FixtureEnterprise[],
  reports: readonly FixtureReport[],
  options: { dim: StatDimension; indicator: IndicatorCode; year: number; month: number; include?: (e: FixtureEnterprise) => boolean },
): { rows: ReferenceRow[]; total: ReferenceRow } {
  const { dim, indicator: ind, year: y, month: M } = options;
  const stock = INDICATOR_BY_CODE[ind].kind === 'stock';
  // approved: the indicator's values of approved reports (an empty cell is absent); reported: any approved report.
  const approved = new Map<string, bigint>();
  const reported = new Set<string>();
  for (const r of reports) {
    if (r.status !== 'approved') continue;
    reported.add(`${r.enterpriseId}|${r.year}|${r.month}`);
    const value = r.values[ind];
    if (value !== null) approved.set(`${r.enterpriseId}|${r.year}|${r.month}`, yuan(value));
  }
  /** In the indicator's comparable set: the approved report has a value for it (0 counts, empty does not). */
  const has = (e: string, yy: number, m: number) => approved.has(`${e}|${yy}|${m}`);
  const ytd = (e: string, yy: number): bigint => {
    if (stock) return approved.get(`${e}|${yy}|${M}`) ?? 0n;
    let s = 0n;
    for (let m = 1; m <= M; m++) s += approved.get(`${e}|${yy}|${m}`) ?? 0n;
    return s;
  };
  const anyUpTo = (e: string, yy: number) => {
    for (let m = 1; m <= M; m++) if (reported.has(`${e}|${yy}|${m}`)) return true;
    return false;
  };
  type Acc = { month: bigint; ytd: bigint; base: bigint; nYtd: bigint; nBase: bigint; n: number };
  const empty = (): Acc => ({ month: 0n, ytd: 0n, base: 0n, nYtd: 0n, nBase: 0n, n: 0 });
  const groups = new Map<string, Acc>();
  const total = empty();
  const add = (a: Acc, e: string) => {
    const cur = ytd(e, y);
    const prev = ytd(e, y - 1);
    a.nYtd += cur;
    a.nBase += prev;
    if (has(e, y, M)) {
      a.month += approved.get(`${e}|${y}|${M}`)!;
      a.ytd += cur;
      a.base += prev;
      a.n += 1;
    }
  };
  for (const e of enterprises) {
    if (e.deleted || (options.include && !options.include(e))) continue;
    if (!anyUpTo(e.id, y) && !anyUpTo(e.id, y - 1)) continue;
    add(total, e.id);
    for (const key of keysOf(e, dim)) {
      let a = groups.get(key);
      if (!a) groups.set(key, (a = empty()));
      add(a, e.id);
    }
  }
  const rate = (a: bigint, b: bigint) => (b === 0n ? null : Number(a) / Number(b) - 1);
  const totalDelta = total.ytd - total.base;
  const row = (code: string, a: Acc): ReferenceRow => ({
    code,
    month: Number(a.month) / 10_000,
    ytd: Number(a.ytd) / 10_000,
    base: Number(a.base) / 10_000,
    yoy: rate(a.ytd, a.base),
    nominalYoy: rate(a.nYtd, a.nBase),
    contribution: totalDelta === 0n ? null : Number(a.ytd - a.base) / Number(totalDelta),
    pull: total.base === 0n ? null : (Number(a.ytd - a.base) / Number(total.base)) * 100,
    enterprises: a.n,
  });
  return { rows: [...groups].map(([k, a]) => row(k, a)).sort((p, q) => (p.code < q.code ? -1 : 1)), total: row('all', total) };
}
