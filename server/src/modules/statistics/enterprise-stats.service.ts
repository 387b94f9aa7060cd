import { sql } from 'drizzle-orm';
import { formatPeriod, type IndicatorCode } from '../../../../contracts/indicators.ts';
import type { EnterpriseStatsView } from '../../../../contracts/statistics.ts';
import type { Actor } from '../../app/actor.ts';
import type { Db } from '../../db/client.ts';
import { fromYuan, growthRate } from '../../domain/statistics/index.ts';
import { reportScope, notFoundReport } from '../monthly-reports/index.ts';
import { latestApprovedPeriod } from './stats-query.repository.ts';
import { enterpriseSeries, enterpriseSums } from './stats-query.repository.ts';
import { syncChangedEnterprises } from './rollup.repository.ts';
import { rowsOf } from './sql-rows.ts';

/** Fewest enterprises in a domain for a rank to be shown to anyone but the district-wide readers. */
export const MIN_PEER_GROUP = 5;
const PEER_BANDS = ['top-quarter', 'second-quarter', 'third-quarter', 'bottom-quarter'] as const;

/**
 * An enterprise's statistics tab: its own monthly series (last three years), YTD and YoY, and its rank by YTD
 * among the enterprises of its domain, with its quarter (band). The leader and the commission also see the peers'
 * YTD figures in rank order (never a name or an id); everyone else sees only the rank and the band.
 * Visibility is the monthly-report scope: the enterprise itself, its park, the leader and the commission.
 */
export async function computeEnterpriseStats(db: Db, actor: Actor, enterpriseId: string, indicator: IndicatorCode, period?: { year: number; month: number }): Promise<EnterpriseStatsView> {
  const [visible] = await rowsOf<{ id: string; name: string }>(
    db,
    sql`SELECT e.id, e.name FROM enterprises e LEFT JOIN LATERAL (SELECT ${enterpriseId}::uuid AS enterprise_id) r ON true WHERE e.id = ${enterpriseId} AND ${reportScope(actor)}`,
  );
  if (!visible) throw notFoundReport();
  await syncChangedEnterprises(db);
  // Without a period asked for, the enterprise's own latest approved month: the district's latest month may be
  // one whose report of this enterprise is still under review, which would show 0 and no rank.
  const at = period ?? (await ownLatestApproved(db, enterpriseId)) ?? (await latestApprovedPeriod(db)) ?? { year: new Date().getUTCFullYear(), month: 1 };
  const pending = await newerPendingPeriod(db, enterpriseId, at);
  const series = await enterpriseSeries(db, enterpriseId, indicator, at.year - 2, at.year);
  const byIndex = new Map(series.map((s) => [s.year * 12 + s.month - 1, s]));
  const points = series
    .filter((s) => s.year * 12 + s.month <= at.year * 12 + at.month)
    .map((s) => {
      const previous = byIndex.get((s.year - 1) * 12 + s.month - 1);
      return {
        period: formatPeriod(s.year, s.month),
        value: s.hasReport ? fromYuan(s.monthYuan) : null,
        ytd: fromYuan(s.ytdYuan),
        yoy: previous ? growthRate(s.ytdYuan, previous.ytdYuan) : null,
      };
    });
  const [domain] = await rowsOf<{ key: string }>(db, sql`SELECT key FROM stat_enterprise_groups WHERE enterprise_id = ${enterpriseId} AND dim = 'domain'`);
  const peers = domain
    ? await enterpriseSums(db, { dim: 'enterprise', indicator, year: at.year, month: at.month, population: [{ dim: 'domain', keys: [domain.key] }] })
    : [];
  const ranked = peers.filter((p) => p.enterprises > 0).sort((a, b) => b.ytdYuan - a.ytdYuan || (a.code < b.code ? -1 : 1));
  const own = ranked.findIndex((p) => p.code === enterpriseId);
  const mine = ranked[own];
  // Peers' exact YTD figures only for the district-wide readers. An enterprise (or a park, whose domain peers
  // may be in other zones) gets its rank and quarter instead: with the figures in rank order, a few known
  // neighbours would be enough to name the others' revenue. Below MIN_PEER_GROUP even the rank says too much.
  const showsPeerFigures = actor.role === 'leader' || actor.role === 'commission';
  const groupLargeEnough = ranked.length >= MIN_PEER_GROUP;
  const rank = own >= 0 && (showsPeerFigures || groupLargeEnough) ? own + 1 : null;
  return {
    enterpriseId,
    name: visible.name,
    indicator,
    period: formatPeriod(at.year, at.month),
    pendingPeriod: pending,
    series: points,
    ytd: mine ? fromYuan(mine.ytdYuan) : 0,
    yoy: mine ? growthRate(mine.ytdYuan, mine.baseYuan) : null,
    rank,
    peers: ranked.length,
    band: rank === null ? null : PEER_BANDS[Math.min(3, Math.floor(((rank - 1) * 4) / ranked.length))]!,
    peerValues: showsPeerFigures ? ranked.map((p, i) => ({ rank: i + 1, ytd: fromYuan(p.ytdYuan), isSelf: p.code === enterpriseId })) : [],
  };
}

async function ownLatestApproved(db: Db, enterpriseId: string): Promise<{ year: number; month: number } | undefined> {
  const [row] = await rowsOf<{ year: number; month: number }>(
    db,
    sql`SELECT year, month FROM monthly_reports WHERE enterprise_id = ${enterpriseId} AND status = 'approved' ORDER BY year DESC, month DESC LIMIT 1`,
  );
  return row ? { year: Number(row.year), month: Number(row.month) } : undefined;
}

/** The latest month after `at` whose report is submitted and awaiting review or approval (null when none). */
async function newerPendingPeriod(db: Db, enterpriseId: string, at: { year: number; month: number }): Promise<string | null> {
  const [row] = await rowsOf<{ year: number; month: number }>(
    db,
    sql`SELECT year, month FROM monthly_reports
         WHERE enterprise_id = ${enterpriseId} AND status IN ('submitted', 'park-reviewed') AND year * 12 + month > ${at.year * 12 + at.month}
         ORDER BY year DESC, month DESC LIMIT 1`,
  );
  return row ? formatPeriod(Number(row.year), Number(row.month)) : null;
}
