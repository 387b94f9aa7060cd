import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { instrumentDemandInputSchema } from '../../../../contracts/services-operations.ts';
import type { Actor } from '../../app/actor.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { errors } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { buildXlsx } from '../../lib/spreadsheet.ts';
import type { Caller } from '../registry-common/index.ts';
import { bookingScope, instrumentDemandScope, waitlistScope } from './instrument.policy.ts';
import { gapRows, insertDemand, listDemands, nodesOfEnterprises, type GapRow } from './platform-gap.repository.ts';

const DAY_MS = 86_400_000;
/** Demand older than a year no longer says much about what the district lacks. */
const GAP_WINDOW_DAYS = 365;

async function withNodes(db: Db, rows: GapRow[]) {
  const nodes = await nodesOfEnterprises(db, [...new Set(rows.flatMap((r) => r.enterprise_ids))]);
  return rows
    .map((r) => {
      const mine = new Map(nodes.filter((n) => r.enterprise_ids.includes(n.enterprise_id)).map((n) => [n.id, { id: n.id, nameZh: n.name_zh, nameEn: n.name_en }]));
      return {
        gapKind: r.gap_kind,
        label: r.label,
        platformName: r.platform_name,
        refused: r.refused,
        waitlisted: r.waitlisted,
        requested: r.requested,
        hoursPerMonth: r.hours_per_month,
        enterprises: r.enterprise_ids.length,
        enterpriseNames: r.enterprise_names,
        nodes: [...mine.values()],
      };
    })
    .sort((a, b) => b.refused + b.waitlisted + b.requested - (a.refused + a.waitlisted + a.requested) || a.label.localeCompare(b.label));
}

/** Platform-gap items in the actor's scope (the route is the commission's and the leader's). */
export async function platformGapItems(db: Db, actor: Actor, now: Date) {
  const since = new Date(now.getTime() - GAP_WINDOW_DAYS * DAY_MS);
  const items = await withNodes(db, await gapRows(db, bookingScope(actor), waitlistScope(actor), instrumentDemandScope(actor), since));
  return { since: since.toISOString(), items: items.map(({ enterpriseNames: _n, ...rest }) => rest) };
}

/**
 * The chain-map hook: every platform-gap item of the district with its chain nodes. Unscoped (named `unsafe…`
 * in the entry point) because the chain map is district-wide; only counts, labels and node ids leave it — no
 * enterprise's name.
 */
export async function unsafeDistrictPlatformGaps(db: Db, now: Date) {
  const since = new Date(now.getTime() - GAP_WINDOW_DAYS * DAY_MS);
  const items = await withNodes(db, await gapRows(db, sql`true`, sql`true`, sql`true`, since));
  return items.map((i) => ({ gapKind: i.gapKind, label: i.label, platformName: i.platformName, demand: i.refused + i.waitlisted + i.requested, hoursPerMonth: i.hoursPerMonth, enterprises: i.enterprises, nodeIds: i.nodes.map((n) => n.id) }));
}

/** A provider type that could close a gap: a name-based guess the commission reviews, never a decision. */
export function suggestedProvider(label: string): string {
  if (/反应器|发酵|细胞|中试|纯化|灌装|CDMO|bioreactor|ferment/i.test(label)) return 'CDMO 工艺开发与生产';
  if (/质谱|色谱|电镜|核磁|测序|检测|分析|NMR|MS|HPLC|EM/i.test(label)) return 'CRO / 第三方检测';
  return 'CRO 研发服务';
}

/** The lead list for CRO/CDMO attraction: one row per gap, the demand behind it and who asked. */
export async function exportGapLeads(deps: Pick<AppDeps, 'database' | 'audit' | 'clock'>, caller: Caller) {
  const since = new Date(deps.clock().getTime() - GAP_WINDOW_DAYS * DAY_MS);
  const items = await withNodes(deps.database.db, await gapRows(deps.database.db, bookingScope(caller.actor), waitlistScope(caller.actor), instrumentDemandScope(caller.actor), since));
  await deps.audit.standalone(caller.audit, caller.origin, { action: 'platform-gaps.export', details: { rows: items.length } });
  type Item = (typeof items)[number];
  return buildXlsx('CRO-CDMO 招商线索', [
    { header: '缺口类型', width: 12, value: (i: Item) => (i.gapKind === 'missing' ? '区内缺少' : '能力不足') },
    { header: '仪器/能力', width: 30, value: (i) => i.label },
    { header: '现有平台', width: 28, value: (i) => i.platformName ?? '' },
    { header: '建议引进', width: 22, value: (i) => suggestedProvider(i.label) },
    { header: '被拒预约', width: 10, value: (i) => i.refused },
    { header: '候补未满足', width: 10, value: (i) => i.waitlisted },
    { header: '新增需求', width: 10, value: (i) => i.requested },
    { header: '月需求机时', width: 10, value: (i) => i.hoursPerMonth },
    { header: '需求企业数', width: 10, value: (i) => i.enterprises },
    { header: '需求企业', width: 50, value: (i) => i.enterpriseNames.join('、') },
    { header: '产业链节点', width: 40, value: (i) => i.nodes.map((n) => n.nameZh).join('、') },
  ], items);
}

export function createDemandService(deps: AppDeps) {
  return {
    async list(actor: Actor) {
      const rows = await listDemands(deps.database.db, instrumentDemandScope(actor));
      return { items: rows.map((r) => ({ id: r.row.id, enterpriseName: r.enterpriseName, kind: r.row.kind, description: r.row.description, hoursPerMonth: r.row.hoursPerMonth, status: r.row.status, createdAt: r.row.createdAt.toISOString() })) };
    },
    /** An enterprise asks for an instrument type the district does not offer. */
    async submit(caller: Caller, input: z.infer<typeof instrumentDemandInputSchema>) {
      const { actor } = caller;
      if (actor.role !== 'enterprise' || actor.scope?.kind !== 'enterprise') throw errors.forbidden();
      const enterpriseId = actor.scope.id;
      const id = await inTransaction(deps, async (tx) => {
        const id = await insertDemand(tx, { enterpriseId, submittedBy: actor.userId, kind: input.kind.trim(), description: input.description, hoursPerMonth: input.hoursPerMonth ?? null, createdAt: deps.clock() });
        await deps.audit.inTransaction(tx, caller.audit, caller.origin, { action: 'instrument-demand.submit', objectType: 'instrument-demand', objectId: id, after: input });
        return id;
      });
      return (await this.list(actor)).items.find((d) => d.id === id)!;
    },
  };
}
