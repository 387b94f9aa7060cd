import ExcelJS from 'exceljs';
import type { ChainMapNode, ChainMapQuery } from '../../../../contracts/chain-map.ts';
import type { Actor } from '../../app/actor.ts';
import type { Db } from '../../db/client.ts';
import { escapeSpreadsheetText } from '../../lib/spreadsheet.ts';
import { computeChainMap, computeNodeLists } from './chain-map.service.ts';

/**
 * 一图N清单 as one workbook: the gap list (缺链补链清单) with the formula's inputs, then 龙头企业, 配套企业,
 * 在谈/在建项目, 平台与专家, 平台缺口 (issue 14 §1) and 招商目标 — one row per node × entry, each list computed through the same scoped reads as
 * the pages. Text cells go through escapeSpreadsheetText (formula injection), numbers stay numeric.
 */

type Cell = string | number | boolean | null;

const STAGE_ZH: Record<string, string> = { upstream: '上游', midstream: '中游', downstream: '下游' };
const PROJECT_STAGE_ZH: Record<string, string> = { lead: '线索', negotiating: '在谈', signed: '签约', started: '开工', completed: '竣工' };
const pct = (v: number | null) => (v === null ? null : Math.round(v * 1e6) / 1e4);

function addSheet(wb: ExcelJS.Workbook, name: string, headers: { header: string; width?: number }[], rows: Cell[][]): void {
  const sheet = wb.addWorksheet(name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = headers.map((h) => ({ header: h.header, width: h.width ?? 14 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map((v) => (typeof v === 'string' ? escapeSpreadsheetText(v) : v)));
}

export async function buildChainMapWorkbook(db: Db, actor: Actor, query: ChainMapQuery & { node?: string }, now: Date): Promise<{ buffer: Buffer; rows: number }> {
  const map = await computeChainMap(db, actor, query, now);
  const nodes: ChainMapNode[] = query.node ? map.gaps.filter((n) => n.id === query.node) : map.gaps;
  const wb = new ExcelJS.Workbook();
  wb.created = now;
  const comp = (n: ChainMapNode, key: string) => n.components.find((c) => c.key === key)?.score ?? null;
  addSheet(
    wb,
    '缺链补链清单',
    [
      { header: '排名', width: 6 }, { header: '领域', width: 12 }, { header: '节点代码', width: 20 }, { header: '节点', width: 28 }, { header: '环节', width: 8 },
      { header: '强度', width: 8 }, { header: '重要性权重', width: 10 }, { header: '缺口 = 权重×(1−强度)', width: 20 }, { header: '本地企业数', width: 10 },
      { header: '规上企业数', width: 10 }, { header: '龙头企业数', width: 10 }, { header: '在谈/在建项目数', width: 14 }, { header: '已签约项目数', width: 12 },
      { header: '产值累计（万元）', width: 16 }, { header: '占领域产值（%）', width: 14 }, { header: '同口径增速（%）', width: 14 },
      { header: '企业数得分' }, { header: '产值占比得分' }, { header: '增速得分' }, { header: '规上得分' }, { header: '本地配套得分' }, { header: '项目得分' },
    ],
    nodes.map((n, i) => [
      i + 1, n.domain, n.code, n.nameZh, STAGE_ZH[n.stage] ?? n.stage, n.strength, n.importance, n.gap, n.enterprises, n.aboveScale, n.leaders, n.projects, n.signedProjects,
      n.outputYtd, pct(n.share), pct(n.growth), comp(n, 'enterprises'), comp(n, 'share'), comp(n, 'growth'), comp(n, 'aboveScale'), comp(n, 'localSupply'), comp(n, 'pipeline'),
    ]),
  );
  const leading: Cell[][] = [];
  const suppliers: Cell[][] = [];
  const pipeline: Cell[][] = [];
  const targets: Cell[][] = [];
  const platformsAndExperts: Cell[][] = [];
  for (const n of nodes) {
    const lists = await computeNodeLists(db, actor, n.id, { zone: query.zone, period: query.period }, now);
    for (const m of lists.leading) leading.push([n.domain, n.nameZh, m.name, m.zone, m.aboveScale ? '是' : '否', m.outputYtd]);
    for (const m of lists.suppliers) suppliers.push([n.domain, n.nameZh, m.name, m.zone, m.aboveScale ? '是' : '否', m.outputYtd]);
    for (const p of lists.pipeline) pipeline.push([n.domain, n.nameZh, p.code, p.name, PROJECT_STAGE_ZH[p.stage] ?? p.stage, p.zone, p.expectedAnnualOutput]);
    for (const c of lists.candidates) targets.push([n.domain, n.nameZh, n.gap, c.name, c.city, c.sizeTier]);
    for (const p of lists.platforms) platformsAndExperts.push([n.domain, n.nameZh, '平台', p.name, p.kind, p.zone]);
    for (const e of lists.experts) platformsAndExperts.push([n.domain, n.nameZh, '专家', e.name, null, e.affiliation]);
  }
  const memberHeaders = [{ header: '领域' }, { header: '节点', width: 28 }, { header: '企业名称', width: 36 }, { header: '园区', width: 16 }, { header: '规上' }, { header: '产值累计（万元）', width: 16 }];
  addSheet(wb, '龙头企业', memberHeaders, leading);
  addSheet(wb, '配套企业', memberHeaders, suppliers);
  addSheet(wb, '在谈在建项目', [{ header: '领域' }, { header: '节点', width: 28 }, { header: '项目编号' }, { header: '项目名称', width: 36 }, { header: '阶段' }, { header: '园区', width: 16 }, { header: '达产产值（万元）', width: 16 }], pipeline);
  addSheet(wb, '平台与专家', [{ header: '领域' }, { header: '节点', width: 28 }, { header: '类别' }, { header: '名称', width: 36 }, { header: '平台类型', width: 14 }, { header: '园区/单位', width: 24 }], platformsAndExperts);
  const shown = new Set(nodes.map((n) => n.id));
  addSheet(
    wb,
    '平台缺口清单',
    [{ header: '缺口类型', width: 12 }, { header: '仪器/能力', width: 30 }, { header: '现有平台', width: 28 }, { header: '需求次数（被拒+候补+新增）', width: 22 }, { header: '月需求机时', width: 12 }, { header: '需求企业数', width: 12 }, { header: '产业链节点', width: 40 }],
    map.platformGaps
      .filter((g) => g.nodes.some((n) => shown.has(n.id)))
      .map((g) => [g.gapKind === 'missing' ? '区内缺少' : '能力不足', g.label, g.platformName, g.demand, g.hoursPerMonth, g.enterprises, g.nodes.map((n) => n.nameZh).join('、')]),
  );
  addSheet(wb, '招商目标清单', [{ header: '领域' }, { header: '节点', width: 28 }, { header: '节点缺口' }, { header: '目标企业', width: 36 }, { header: '城市' }, { header: '规模' }], targets);
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), rows: nodes.length };
}
