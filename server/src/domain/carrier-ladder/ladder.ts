/**
 * The carrier ladder 孵化器 → 加速器 → 产业园 (policy 六(三), issue 13 §4, docs/decisions/0026-carrier-ladder.md).
 * Pure functions over tenancies (one enterprise in one carrier from move-in, inclusive, to move-out,
 * exclusive): where each tenant went when it left, the flows between the rungs, and per carrier the
 * graduation rate, the median stay and the monthly vacancy. No I/O.
 */
import { isPresent, leasedAreaOn } from '../registries/occupancy.ts';

export type CarrierKind = 'incubator' | 'accelerator' | 'industrial-park' | 'public-platform';
/** Where a tenant went, as recorded when its tenancy ended. */
export type ExitKind = 'moved-carrier' | 'in-district' | 'left-district' | 'closed';
/**
 * What a finished tenancy led to: up / lateral / down the ladder (a next tenancy of the same enterprise),
 * own premises in the district, out of the district, closed, or unknown (ended without a recorded
 * destination and no next tenancy).
 */
export type ExitOutcome = 'up' | 'lateral' | 'down' | 'own-premises' | 'left-district' | 'closed' | 'unknown';
export const EXIT_OUTCOMES: readonly ExitOutcome[] = ['up', 'own-premises', 'lateral', 'down', 'left-district', 'closed', 'unknown'];

export interface LadderTenancy {
  id: string;
  enterpriseId: string;
  carrierId: string;
  carrierKind: CarrierKind;
  moveInOn: string;
  moveOutOn: string | null;
  leasedArea: number;
  exitKind: ExitKind | null;
}

/** The rung of each kind: a public platform's shared labs serve start-ups, like an incubator. */
export const RUNG: Readonly<Record<CarrierKind, number>> = { incubator: 1, 'public-platform': 1, accelerator: 2, 'industrial-park': 3 };
/** A next tenancy that starts later than this after the move-out is a new start, not a move. */
export const SUCCESSOR_WINDOW_DAYS = 365;
const DAY_MS = 86_400_000;
const DAYS_PER_MONTH = 365.25 / 12;

export const dayNumber = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
export const daysBetween = (from: string, to: string): number => Math.round(dayNumber(to) - dayNumber(from));
export const isoOfDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** `a` and `b` share at least one day ([in, out) intervals, an open end is forever). */
export function overlaps(a: Pick<LadderTenancy, 'moveInOn' | 'moveOutOn'>, b: Pick<LadderTenancy, 'moveInOn' | 'moveOutOn'>): boolean {
  const aEndsAfterBStarts = a.moveOutOn === null || a.moveOutOn > b.moveInOn;
  const bEndsAfterAStarts = b.moveOutOn === null || b.moveOutOn > a.moveInOn;
  return aEndsAfterBStarts && bEndsAfterAStarts;
}

/**
 * The tenancy an ended tenancy led to: the same enterprise's earliest other tenancy starting after `t`
 * started and at most SUCCESSOR_WINDOW_DAYS after it ended. Only when the exit was recorded as a move to
 * another carrier or not recorded at all: a recorded exit out of the district (or closure) stays one even if
 * the firm returns later.
 */
export function successorOf(t: LadderTenancy, ofEnterprise: readonly LadderTenancy[]): LadderTenancy | null {
  if (t.moveOutOn === null || (t.exitKind !== null && t.exitKind !== 'moved-carrier')) return null;
  const latest = dayNumber(t.moveOutOn) + SUCCESSOR_WINDOW_DAYS;
  let best: LadderTenancy | null = null;
  for (const n of ofEnterprise) {
    if (n.id === t.id || n.enterpriseId !== t.enterpriseId || n.moveInOn <= t.moveInOn || dayNumber(n.moveInOn) > latest) continue;
    if (!best || n.moveInOn < best.moveInOn || (n.moveInOn === best.moveInOn && n.id < best.id)) best = n;
  }
  return best;
}

export function exitOutcome(t: LadderTenancy, ofEnterprise: readonly LadderTenancy[]): ExitOutcome | null {
  if (t.moveOutOn === null) return null;
  const next = successorOf(t, ofEnterprise);
  if (next) {
    const step = RUNG[next.carrierKind] - RUNG[t.carrierKind];
    return step > 0 ? 'up' : step < 0 ? 'down' : 'lateral';
  }
  switch (t.exitKind) {
    case 'in-district':
      return 'own-premises';
    case 'left-district':
      return 'left-district';
    case 'closed':
      return 'closed';
    default:
      return 'unknown';
  }
}

/** Graduation: up the ladder, or on to own premises in the district. */
export const isGraduation = (o: ExitOutcome | null): boolean => o === 'up' || o === 'own-premises';

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface Period {
  /** First day, inclusive. */
  from: string;
  /** Last day, inclusive. */
  to: string;
}
const inPeriod = (day: string, p: Period) => day >= p.from && day <= p.to;

export function byEnterprise(tenancies: readonly LadderTenancy[]): Map<string, LadderTenancy[]> {
  const map = new Map<string, LadderTenancy[]>();
  for (const t of tenancies) {
    const list = map.get(t.enterpriseId);
    if (list) list.push(t);
    else map.set(t.enterpriseId, [t]);
  }
  return map;
}

export interface CarrierFigures {
  carrierId: string;
  /** Tenancies that started in the period. */
  entries: number;
  /** Tenancies that ended in the period, by outcome. */
  exits: number;
  outcomes: Record<ExitOutcome, number>;
  /** (up + own-premises) / exits in the period; null without exits. */
  graduationRate: number | null;
  /** left-district / exits in the period; null without exits. */
  leftDistrictRate: number | null;
  /** Median months from move-in to move-out over the tenancies that ended in the period. */
  medianStayMonths: number | null;
  /** Tenants present on the period's last day. */
  tenantsAtEnd: number;
}

/** The figures of one carrier over a period; `all` holds every tenancy of the enterprises involved. */
export function carrierFigures(carrierId: string, all: readonly LadderTenancy[], period: Period): CarrierFigures {
  const grouped = byEnterprise(all);
  const own = all.filter((t) => t.carrierId === carrierId);
  const outcomes = Object.fromEntries(EXIT_OUTCOMES.map((o) => [o, 0])) as Record<ExitOutcome, number>;
  const stays: number[] = [];
  for (const t of own) {
    if (t.moveOutOn === null || !inPeriod(t.moveOutOn, period)) continue;
    outcomes[exitOutcome(t, grouped.get(t.enterpriseId)!)!] += 1;
    stays.push(daysBetween(t.moveInOn, t.moveOutOn) / DAYS_PER_MONTH);
  }
  const exits = stays.length;
  const stay = median(stays);
  return {
    carrierId,
    entries: own.filter((t) => inPeriod(t.moveInOn, period)).length,
    exits,
    outcomes,
    graduationRate: exits ? (outcomes.up + outcomes['own-premises']) / exits : null,
    leftDistrictRate: exits ? outcomes['left-district'] / exits : null,
    medianStayMonths: stay === null ? null : Math.round(stay * 10) / 10,
    tenantsAtEnd: own.filter((t) => isPresent(t, period.to)).length,
  };
}

export type FlowNode = 'entered' | CarrierKind | 'own-premises' | 'left-district' | 'closed';
export interface LadderFlows {
  links: { source: FlowNode; target: FlowNode; value: number }[];
  /** Moves in the period left out of the chart: lateral or downward moves (they would make cycles) and exits without a known destination. */
  omitted: { lateral: number; down: number; unknown: number };
}

/**
 * The flows between the rungs in a period, for a Sankey chart (acyclic: every link goes from `entered` to a
 * rung, or from a rung to a higher rung or to a way out). A first tenancy (no predecessor) that starts in
 * the period is an entry; an ended tenancy counts at its move-out date. `counts(carrierId)` says which
 * carriers the chart covers (a zone's).
 */
export function ladderFlows(all: readonly LadderTenancy[], period: Period, counts: (carrierId: string) => boolean): LadderFlows {
  const grouped = byEnterprise(all);
  const successors = new Set<string>();
  for (const t of all) {
    const next = successorOf(t, grouped.get(t.enterpriseId)!);
    if (next) successors.add(next.id);
  }
  const totals = new Map<string, number>();
  const add = (source: FlowNode, target: FlowNode) => totals.set(`${source}>${target}`, (totals.get(`${source}>${target}`) ?? 0) + 1);
  const omitted = { lateral: 0, down: 0, unknown: 0 };
  for (const t of all) {
    if (!counts(t.carrierId)) continue;
    if (!successors.has(t.id) && inPeriod(t.moveInOn, period)) add('entered', t.carrierKind);
    if (t.moveOutOn === null || !inPeriod(t.moveOutOn, period)) continue;
    const outcome = exitOutcome(t, grouped.get(t.enterpriseId)!)!;
    if (outcome === 'up') add(t.carrierKind, successorOf(t, grouped.get(t.enterpriseId)!)!.carrierKind);
    else if (outcome === 'lateral' || outcome === 'down' || outcome === 'unknown') omitted[outcome] += 1;
    else add(t.carrierKind, outcome);
  }
  const links = [...totals].map(([key, value]) => {
    const [source, target] = key.split('>') as [FlowNode, FlowNode];
    return { source, target, value };
  });
  return { links: links.sort((a, b) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target)), omitted };
}

export interface CarrierArea {
  leasableArea: number | null;
  totalArea: number | null;
  openedOn: string | null;
}
export interface MonthPoint {
  /** YYYY-MM */
  month: string;
  /** The day measured: the month's last day, or `asOf` in the running month. */
  day: string;
  leasableArea: number | null;
  leasedArea: number;
  /** 1 − leased / leasable, 0…1 (negative when more is let than recorded as leasable); null without an area or before opening. */
  vacancyRate: number | null;
  tenants: number;
}

export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return isoOfDay(Date.UTC(y, m, 0) / DAY_MS);
}

export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > to) return out;
    out.push(month);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}

/**
 * Leasable area, leased area and vacancy at each month's end, from the carrier's tenancies. The leasable area
 * is today's (the registry keeps no area history), counted from the opening date.
 */
export function vacancySeries(carrier: CarrierArea, tenancies: readonly LadderTenancy[], fromMonth: string, toMonth: string, asOf: string): MonthPoint[] {
  const base = carrier.leasableArea && carrier.leasableArea > 0 ? carrier.leasableArea : carrier.totalArea && carrier.totalArea > 0 ? carrier.totalArea : null;
  return monthsBetween(fromMonth, toMonth).map((month) => {
    const end = lastDayOfMonth(month);
    const day = end > asOf ? asOf : end;
    const open = carrier.openedOn === null || carrier.openedOn <= day;
    const leasableArea = open ? base : null;
    const leasedArea = leasedAreaOn(tenancies, day);
    return {
      month,
      day,
      leasableArea,
      leasedArea,
      vacancyRate: leasableArea === null ? null : Math.round((1 - leasedArea / leasableArea) * 10_000) / 10_000,
      tenants: tenancies.filter((t) => isPresent(t, day)).length,
    };
  });
}

/** `day` plus `months` calendar months (the 31st of a shorter month becomes its last day). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return isoOfDay(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d, last)) / DAY_MS);
}
