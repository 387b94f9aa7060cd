import { sql } from 'drizzle-orm';
import { formatPeriod } from '../../../../contracts/indicators.ts';
import type { Db } from '../../db/client.ts';
import { rowsOf } from '../../db/rows.ts';
import type { ClosedGapSigning } from '../../domain/attraction/gap-closure.ts';

export type { ClosedGapSigning };
import { computeChainMap } from '../chain-map/index.ts';
import { consoleOperatorCaller } from '../registry-common/index.ts';

/**
 * The monthly analysis report's paragraph on chain-based attraction (issue 13 §3): the projects signed in the
 * month on a chain node, with the node's gap before and after — "signings that closed gaps". District reports
 * only: the gaps are the district's chain map at the report's period.
 */

export async function signingsThatClosedGaps(db: Db, period: { year: number; month: number }, now: Date): Promise<ClosedGapSigning[]> {
  const from = `${formatPeriod(period.year, period.month)}-01`;
  const to = period.month === 12 ? `${period.year + 1}-01-01` : `${formatPeriod(period.year, period.month + 1)}-01`;
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`SELECT p.id, p.name, p.investor_name, pn.node_id, e.occurred_on::text AS signed_on, p.stage,
               EXISTS (SELECT 1 FROM attraction_targets t WHERE t.project_id = p.id) AS from_target
          FROM project_stage_events e
          JOIN projects p ON p.id = e.project_id AND p.deleted_at IS NULL
          JOIN project_chain_nodes pn ON pn.project_id = p.id
         WHERE e.to_stage = 'signed' AND e.occurred_on >= ${from} AND e.occurred_on < ${to}
         ORDER BY e.occurred_on, p.name`,
  );
  if (rows.length === 0) return [];
  const query = { period: formatPeriod(period.year, period.month) };
  const operator = consoleOperatorCaller().actor;
  const map = await computeChainMap(db, operator, query, now);
  // the map as it stood without the month's signings: every input they moved (pipeline, committed enterprise, output) recomputed
  const before = await computeChainMap(db, operator, query, now, { excludeProjects: [...new Set(rows.map((r) => String(r.id)))] });
  const result: ClosedGapSigning[] = [];
  for (const r of rows) {
    const node = map.gaps.find((n) => n.id === String(r.node_id));
    if (!node) continue;
    const domain = map.domains.find((d) => d.code === node.domain);
    result.push({
      project: String(r.name),
      investor: String(r.investor_name),
      node: node.nameZh,
      domain: domain?.nameZh ?? node.domain,
      signedOn: String(r.signed_on),
      fromTarget: r.from_target === true || r.from_target === 't',
      gapBefore: before.gaps.find((n) => n.id === node.id)?.gap ?? node.gap,
      gapAfter: node.gap,
    });
  }
  return result;
}
