import { sql } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import type { Db } from '../../db/client.ts';
import { rowsOf } from '../../db/rows.ts';
import { requestScope } from './request.policy.ts';

const DAY_MS = 86_400_000;
/** A theme recurs when at least this many requests from at least two enterprises share a chain node and a category. */
export const THEME_MIN_REQUESTS = 3;
export const THEME_MIN_ENTERPRISES = 2;


/**
 * Recurring themes of the last twelve months (issue 14 §5): requests grouped by the chain node of the
 * submitting enterprise and by category, among the requests the actor may see (requestScope). A group recurs
 * with ≥ 3 requests from ≥ 2 enterprises; each is a proposal to revise the chain's task or the policy.
 */
export async function recurringThemes(db: Db, actor: Actor, now: Date) {
  const since = new Date(now.getTime() - 365 * DAY_MS);
  type Row = { node_id: string; node_zh: string; node_en: string; chain_zh: string; chain_en: string; category: string; cat_zh: string; cat_en: string; requests: number; enterprises: number; open: number; unsatisfied: number; last_at: Date | string };
  const rows = await rowsOf<Row>(
    db,
    sql`SELECT n.id::text AS node_id, n.name_zh AS node_zh, n.name_en AS node_en, t.name_zh AS chain_zh, t.name_en AS chain_en,
               service_requests.category, r.name_zh AS cat_zh, r.name_en AS cat_en,
               count(DISTINCT service_requests.id)::int AS requests, count(DISTINCT service_requests.enterprise_id)::int AS enterprises,
               count(DISTINCT service_requests.id) FILTER (WHERE service_requests.status <> 'closed')::int AS open,
               count(DISTINCT service_requests.id) FILTER (WHERE service_requests.reopen_count > 0 OR service_requests.rating < 3)::int AS unsatisfied,
               max(service_requests.submitted_at) AS last_at
          FROM service_requests
          JOIN service_request_routes r ON r.category = service_requests.category
          JOIN enterprise_chain_nodes ecn ON ecn.enterprise_id = service_requests.enterprise_id
          JOIN chain_nodes n ON n.id = ecn.node_id AND n.deleted_at IS NULL
          JOIN chain_templates t ON t.id = n.template_id
         WHERE service_requests.submitted_at >= ${since}::timestamptz AND ${requestScope(actor)}
         GROUP BY n.id, n.name_zh, n.name_en, t.name_zh, t.name_en, service_requests.category, r.name_zh, r.name_en
        HAVING count(DISTINCT service_requests.id) >= ${THEME_MIN_REQUESTS} AND count(DISTINCT service_requests.enterprise_id) >= ${THEME_MIN_ENTERPRISES}
         ORDER BY requests DESC, n.name_zh, service_requests.category
         LIMIT 200`,
  );
  return {
    since: since.toISOString(),
    items: rows.map((r) => ({
      nodeId: r.node_id,
      nodeNameZh: r.node_zh,
      nodeNameEn: r.node_en,
      chainNameZh: r.chain_zh,
      chainNameEn: r.chain_en,
      category: r.category,
      categoryNameZh: r.cat_zh,
      categoryNameEn: r.cat_en,
      requests: Number(r.requests),
      enterprises: Number(r.enterprises),
      open: Number(r.open),
      unsatisfied: Number(r.unsatisfied),
      lastAt: new Date(r.last_at).toISOString(),
      proposalZh: `「${r.chain_zh}·${r.node_zh}」近 12 个月有 ${r.requests} 件「${r.cat_zh}」类诉求(${r.enterprises} 家企业${Number(r.unsatisfied) ? `,${r.unsatisfied} 件不满意或重办` : ''}),建议链长单位研究共性原因,修订产业链任务或配套政策。`,
      proposalEn: `${r.chain_en} · ${r.node_en}: ${r.requests} "${r.cat_en}" requests in 12 months from ${r.enterprises} enterprises${Number(r.unsatisfied) ? ` (${r.unsatisfied} unsatisfied or reopened)` : ''}; the chain's owner should look for the common cause and revise the chain's task or the policy.`,
    })),
  };
}
