import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';

/**
 * Default routing rules of enterprise requests: category → the responsible unit named by the policy's task
 * lists. Inserted once; an operator's later edits are kept (ON CONFLICT DO NOTHING).
 */
const DEFAULT_ROUTES: { category: string; nameZh: string; nameEn: string; department: string | null }[] = [
  { category: 'talent', nameZh: '人才与用工', nameEn: 'Talent and staffing', department: 'renshe' },
  { category: 'permits', nameZh: '审批与证照', nameEn: 'Permits and licences', department: 'shichang' },
  { category: 'environment', nameZh: '环保与安全', nameEn: 'Environment and safety', department: 'shengtai' },
  { category: 'finance', nameZh: '融资与财政资金', nameEn: 'Financing and public funds', department: 'caizheng' },
  { category: 'technology', nameZh: '科技项目与成果转化', nameEn: 'Research projects and technology transfer', department: 'kewei' },
  { category: 'land', nameZh: '用地与厂房', nameEn: 'Land and premises', department: 'guihua' },
  { category: 'customs', nameZh: '通关与进出口', nameEn: 'Customs and trade', department: 'haiguan' },
  { category: 'park', nameZh: '园区配套服务', nameEn: 'Park services', department: null },
  { category: 'other', nameZh: '其他', nameEn: 'Other', department: 'jingwei' },
];

export async function seedRequestRoutes(tx: Db): Promise<void> {
  for (const [i, r] of DEFAULT_ROUTES.entries()) {
    await tx.execute(sql`INSERT INTO service_request_routes (category, name_zh, name_en, target_kind, target_id, sort_order)
      SELECT ${r.category}, ${r.nameZh}, ${r.nameEn}, ${r.department ? 'department' : 'enterprise-zone'},
             ${r.department ? sql`(SELECT id FROM departments WHERE code = ${r.department})` : sql`NULL::uuid`}, ${i}
      WHERE ${r.department === null} OR EXISTS (SELECT 1 FROM departments WHERE code = ${r.department})
      ON CONFLICT (category) DO NOTHING`);
  }
}
