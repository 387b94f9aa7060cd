import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rowsOf } from '../modules/statistics/sql-rows.ts';

/**
 * Demo importance weights of the chain nodes, as a commission would set them after the policy's 链式招商 (六(一)):
 * the upstream core technologies the district lacks (strains and cell lines, chassis cells and enzymes, germplasm)
 * weigh most, manufacturing next, downstream applications least. Existing weights are left alone.
 */
const STAGE_WEIGHT: Record<string, number> = { upstream: 0.85, midstream: 0.7, downstream: 0.55 };
const OVERRIDES: Record<string, number> = { 'bm-strain': 0.95, 'bm-media': 0.9, 'mat-chassis': 0.95, 'agf-strains': 0.9, 'en-microbes': 0.9, 'bm-cgt': 0.8 };

export async function seedDemoChainWeights(tx: Db): Promise<void> {
  const rows = await rowsOf<{ id: string; code: string; stage: string }>(tx, sql`SELECT id, code, stage FROM chain_nodes WHERE deleted_at IS NULL`);
  const values = rows.map((n) => ({ node_id: n.id, importance: OVERRIDES[n.code] ?? STAGE_WEIGHT[n.stage] ?? 0.5 }));
  if (values.length === 0) return;
  await tx.execute(sql`
    INSERT INTO chain_node_weights (node_id, importance, reason)
    SELECT node_id, importance, '演示数据：按链式招商重点设定' FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb) AS x(node_id uuid, importance numeric)
    ON CONFLICT (node_id) DO NOTHING`);
}
