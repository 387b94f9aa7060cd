import { desc, eq, sql } from 'drizzle-orm';
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Db } from '../../db/client.ts';
import { supervisionBulletins } from '../../db/schema/index.ts';
import { periodEnd } from '../../domain/supervision/periods.ts';
import { shanghaiDay } from '../../domain/notifications/report-reminder.ts';
import { loadYearState, unitScores, type ComputedItem } from './supervision-state.ts';

/**
 * 督办通报 (issue 12 §4): the month's bulletin as a Word document — summary counts, the red and yellow items
 * with their units and reasons, the units' ranking and good examples — archived with the figures it shows.
 * The state is computed as of the month's last day (or today, for the running month) from the reports held
 * on the day it is generated: a report that arrived late counts, marked late.
 */
export interface BulletinSummary {
  period: string;
  asOf: string;
  items: number;
  colours: Record<'green' | 'blue' | 'yellow' | 'red', number>;
  onTimeRate: number;
  red: { task: string; measure: string; unit: string; reason: string }[];
  yellow: { task: string; measure: string; unit: string; reason: string }[];
  ranking: { rank: number; name: string; score: number; onTimeRate: number; overdue: number }[];
  goodExamples: { task: string; measure: string; unit: string; text: string }[];
}

export function bulletinSummary(items: readonly ComputedItem[], units: ReturnType<typeof unitScores>, period: string, asOf: string): BulletinSummary {
  const colours = { green: 0, blue: 0, yellow: 0, red: 0 };
  for (const i of items) colours[i.status.status]++;
  const line = (i: ComputedItem) => ({ task: i.clause.task, measure: i.clause.measureTitle, unit: i.row.unitName, reason: i.status.reasons.map((r) => r.zh).join(';') });
  const owed = units.reduce((s, u) => s + u.items, 0);
  const good = items
    .filter((i) => i.status.status === 'green' && i.reports.some((r) => r.status === 'accepted' && r.doneText.trim()))
    .map((i) => ({ i, r: [...i.reports].reverse().find((r) => r.status === 'accepted' && r.doneText.trim())! }))
    .sort((a, b) => Number(b.r.percent) - Number(a.r.percent))
    .slice(0, 3);
  return {
    period,
    asOf,
    items: items.length,
    colours,
    onTimeRate: owed ? Math.round((units.reduce((s, u) => s + u.onTimeRate * u.items, 0) / owed) * 1000) / 1000 : 1,
    red: items.filter((i) => i.status.status === 'red').map(line),
    yellow: items.filter((i) => i.status.status === 'yellow').map(line),
    ranking: units.map((u) => ({ rank: u.rank, name: u.name, score: u.score, onTimeRate: u.onTimeRate, overdue: u.overdue })),
    goodExamples: good.map(({ i, r }) => ({ task: i.clause.task, measure: i.clause.measureTitle, unit: i.row.unitName, text: r.doneText.slice(0, 300) })),
  };
}

const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, font: 'SimSun', size: 21 })] })] });
const table = (head: string[], rows: string[][]) =>
  new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) }))] });
const para = (text: string) => new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text, font: 'SimSun', size: 24 })] });
const heading = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text, font: 'SimHei' })] });
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

export async function renderBulletin(s: BulletinSummary): Promise<Buffer> {
  const [y, m] = s.period.split('-');
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: 'center', children: [new TextRun({ text: `金山区生物制造产业重点任务督办通报(${y}年${Number(m)}月)`, font: 'SimHei', size: 36 })] }),
    para(`截至 ${s.asOf},纳入督办的任务措施事项共 ${s.items} 项:绿色(按序时推进或已完成)${s.colours.green} 项,蓝色(临近节点)${s.colours.blue} 项,黄色(滞后序时进度或报告被退回)${s.colours.yellow} 项,红色(逾期或未按期报送)${s.colours.red} 项;进展报告按时报送率 ${pct(s.onTimeRate)}。`),
    heading('一、红色督办事项'),
    s.red.length ? table(['任务', '措施', '责任单位', '原因'], s.red.map((r) => [r.task, r.measure, r.unit, r.reason])) : para('本期无红色督办事项。'),
    heading('二、黄色督办事项'),
    s.yellow.length ? table(['任务', '措施', '责任单位', '原因'], s.yellow.map((r) => [r.task, r.measure, r.unit, r.reason])) : para('本期无黄色督办事项。'),
    heading('三、责任单位量化评分排名'),
    para('评分 = 40×按时报送率 + 40×节点完成率 + 20×报告一次通过率 − 5×红色事项数(0—100 分)。'),
    table(['排名', '责任单位', '得分', '按时报送率', '红色事项'], s.ranking.map((u) => [String(u.rank), u.name, u.score.toFixed(1), pct(u.onTimeRate), String(u.overdue)])),
    heading('四、典型经验'),
    ...(s.goodExamples.length ? s.goodExamples.map((g) => para(`${g.unit}(${g.task} ${g.measure}):${g.text}`)) : [para('本期暂无。')]),
    para('请红色、黄色事项的责任单位对照节点计划抓紧推进,于下一报送期说明整改情况。'),
  ];
  const doc = new Document({ creator: '金山区经委', title: `督办通报 ${s.period}`, sections: [{ children }] });
  return Packer.toBuffer(doc);
}

/** Generates the bulletin of `period` (YYYY-MM) over every item, and archives it. */
export async function generateBulletin(tx: Db, period: string, now: Date, generatedBy: string) {
  const year = Number(period.slice(0, 4));
  const end = periodEnd(period);
  const today = shanghaiDay(now);
  // As of the month's last day (Shanghai), or now for the running month.
  const asOfInstant = end < today ? new Date(Date.parse(`${end}T23:59:59+08:00`)) : now;
  const state = await loadYearState(tx, year, asOfInstant);
  const summary = bulletinSummary(state.items, unitScores(state, state.items), period, state.asOf);
  const content = await renderBulletin(summary);
  const fileName = `督办通报-${period}.docx`;
  const [row] = await tx.insert(supervisionBulletins).values({ period, fileName, content, summary, generatedBy, createdAt: now }).returning({ id: supervisionBulletins.id });
  return { id: row!.id, fileName, content, summary };
}

export async function listBulletins(db: Db) {
  const rows = await db
    .select({ id: supervisionBulletins.id, period: supervisionBulletins.period, fileName: supervisionBulletins.fileName, summary: supervisionBulletins.summary, generatedBy: supervisionBulletins.generatedBy, createdAt: supervisionBulletins.createdAt, size: sql<number>`octet_length(${supervisionBulletins.content})::int` })
    .from(supervisionBulletins)
    .orderBy(desc(supervisionBulletins.createdAt))
    .limit(100);
  return rows.map((r) => ({ id: r.id, period: r.period, fileName: r.fileName, size: Number(r.size), generatedBy: r.generatedBy, createdAt: r.createdAt.toISOString(), summary: r.summary as Record<string, unknown> }));
}

export async function findBulletin(db: Db, id: string) {
  const [row] = await db.select().from(supervisionBulletins).where(eq(supervisionBulletins.id, id));
  return row;
}
