import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, PageBreak, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { closedGapParagraph } from '../../domain/attraction/gap-closure.ts';
import { fanChart, trendChart, type RenderedChart } from './report-charts.ts';
import { periodLabel, pct, pp, summaryParagraph, yi, type ReportModel } from './report-content.ts';

/**
 * The 月度运行分析报告 as a Word document (issue 11 §4): cover, summary, goal progress, trend chart, domain ×
 * zone table, top movers, warnings, forecast with fan charts, and an appendix on how each figure is computed.
 */

const FONT = 'SimSun';
const text = (t: string, bold = false) => new TextRun({ text: t, bold, font: FONT, size: 24 });
const para = (t: string) => new Paragraph({ children: [text(t)], spacing: { after: 120 } });
const heading = (t: string) => new Paragraph({ text: t, heading: HeadingLevel.HEADING_1, spacing: { before: 240, after: 120 } });

function table(header: string[], rows: string[][]): Table {
  const cell = (t: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: t, bold, font: FONT, size: 20 })] })] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) }))],
  });
}

function image(chart: RenderedChart): Paragraph {
  // 16 cm wide on the page; the PNG is twice that in pixels.
  const width = 600;
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new ImageRun({ type: 'png', data: chart.png, transformation: { width, height: Math.round((width * chart.height) / chart.width) } })],
  });
}

const LEVEL_ZH = { blue: '蓝色', yellow: '黄色', orange: '橙色', red: '红色' } as const;

export async function renderReportDocx(m: ReportModel): Promise<Buffer> {
  const c = m.cockpit;
  const period = periodLabel(m.period);
  const where = m.zoneName ?? '金山区';
  const children: (Paragraph | Table)[] = [];

  // Cover.
  children.push(
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 2400, after: 600 }, children: [new TextRun({ text: `${where}生物制造产业`, font: FONT, size: 44, bold: true })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 600 }, children: [new TextRun({ text: `月度运行分析报告（${m.period.year}年${m.period.month}月）`, font: FONT, size: 40, bold: true })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [text(`统计期：${period}　数据截至：${c.latestPeriod ?? period}　生成时间：${m.generatedAt.toISOString().slice(0, 10)}`)] }),
    new Paragraph({ children: [new PageBreak()] }),
  );

  children.push(heading('一、总体情况'), para(summaryParagraph(m)));

  children.push(heading('二、目标进度'));
  children.push(
    table(
      ['目标指标', '本年累计(亿元)', '本年里程碑(亿元)', '完成率', '时序进度', '落后时序进度(百分点)', '年末预计(亿元)', '目标'],
      m.goals.goals.map((g) => [
        g.metric,
        yi(g.current.ytd),
        g.current.milestone === null ? '—' : yi(g.current.milestone),
        pct(g.current.completion),
        pct(g.current.timeProgress),
        g.current.gapPp === null ? '—' : g.current.gapPp.toFixed(1),
        g.current.yearEndEstimate === null ? '—' : yi(g.current.yearEndEstimate),
        g.targets.map((t) => `${t.year}年${yi(t.value)}亿元`).join('；'),
      ]),
    ),
  );
  if (m.scope.kind !== 'district') children.push(para('注：发展目标为全区目标，本报告列示本功能区的数值，不单独评价完成情况。'));

  children.push(heading('三、月度走势'));
  children.push(
    image(
      trendChart({
        title: `工业总产值月度走势（${m.period.year}年）`,
        labels: { thisYear: `${m.period.year}年`, lastYear: `${m.period.year - 1}年`, milestone: '里程碑累计进度' },
        months: c.trend.map((t) => t.month),
        thisYear: c.trend.map((t) => (t.month <= m.period.month && t.value !== null ? Number(yi(t.value)) : null)),
        lastYear: c.trend.map((t) => (t.lastYear === null ? null : Number(yi(t.lastYear)))),
        thisYearYtd: c.trend.map((t) => (t.month <= m.period.month && t.ytd !== null ? Number(yi(t.ytd)) : null)),
        milestoneYtd: c.trend.some((t) => t.milestoneYtd !== null) ? c.trend.map((t) => (t.milestoneYtd === null ? null : Number(yi(t.milestoneYtd)))) : null,
      }),
    ),
  );

  children.push(heading('四、分领域、分功能区情况'));
  children.push(
    table(
      ['领域', '累计(亿元)', '同比', '贡献率', '拉动(百分点)'],
      c.domains.map((r) => [r.key, yi(r.nominalYtd), pct(r.yoy), pct(r.contribution), pp(r.pull)]),
    ),
    para(''),
    table(
      ['功能区', '累计(亿元)', '同比', '贡献率', '拉动(百分点)'],
      c.zones.map((r) => [r.key, yi(r.nominalYtd), pct(r.yoy), pct(r.contribution), pp(r.pull)]),
    ),
    para(''),
    table(
      ['领域 × 功能区', '累计(亿元)', '同比', '拉动(百分点)'],
      c.domainZone.map((r) => [r.key, yi(r.nominalYtd), pct(r.yoy), pp(r.pull)]),
    ),
  );

  if (m.gaps.length) {
    children.push(heading('五、目标差距分解（事后分析）'));
    for (const g of m.gaps) {
      const signed = (v: number) => v.toFixed(2);
      children.push(
        para(
          `${g.metric}：${m.period.year}年1—${m.period.month}月应完成${g.against === 'goal' ? '目标' : '里程碑'}进度${g.target.toFixed(2)}${g.unit}，实际${g.actual.toFixed(2)}${g.unit}，差距${g.gap.toFixed(2)}${g.unit}（上年同期${g.previous.toFixed(2)}，应增${g.requiredChange.toFixed(2)}，实增${g.actualChange.toFixed(2)}）。各部分差距之和等于总差距；正数为未完成应承担的份额，负数为超额。`,
        ),
        table(['按企业类别', `差距(${g.unit})`], g.byGroup.map((p) => [p.name.zh, signed(p.gap)])),
        para(''),
        table(['按功能区', `差距(${g.unit})`], g.byZone.map((p) => [p.name.zh, signed(p.gap)])),
      );
      if (g.slippedProjects.length) children.push(para(`计划本期投产但延期的项目：${g.slippedProjects.map((p) => `${p.name}(计划${p.plannedOn}，计划产出${p.plannedOutput.toFixed(2)}${g.unit})`).join('、')}。`));
    }
  }

  children.push(heading('六、重点企业增减'));
  const moverRows = (rows: typeof c.topContributors) => rows.map((r) => [r.key, yi(r.ytd), yi(r.base), yi(r.ytd - r.base), pp(r.pull)]);
  children.push(
    para('增量贡献居前的企业：'),
    table(['企业', '本年累计(亿元)', '上年同期(亿元)', '增减(亿元)', '拉动(百分点)'], moverRows(c.topContributors)),
    para('降幅较大的企业：'),
    table(['企业', '本年累计(亿元)', '上年同期(亿元)', '增减(亿元)', '拉动(百分点)'], moverRows(c.topDecliners)),
  );

  children.push(heading('七、预警情况'));
  if (m.warnings === null) children.push(para('本期无预警数据（预警功能未启用）。'));
  else {
    const levels = ['red', 'orange', 'yellow', 'blue'] as const;
    children.push(
      table(
        ['预警等级', '本月新增', '期末未关闭'],
        levels.map((l) => [LEVEL_ZH[l], String(m.warnings!.filter((w) => w.level === l && w.isNew).length), String(m.warnings!.filter((w) => w.level === l).length)]),
      ),
    );
    if (m.warnings.length) children.push(para(''), table(['等级', '预警', '对象', '状态', '发出日期'], m.warnings.map((w) => [LEVEL_ZH[w.level], w.title, w.subject, w.status, w.openedOn])));
  }

  children.push(heading('八、目标实现概率预测'));
  if (!m.forecast) children.push(para('发展目标为全区目标，目标实现概率预测见全区报告。'));
  else {
    const f = m.forecast;
    children.push(
      para(`基于截至${f.asOf}的数据，以蒙特卡洛方法模拟${f.runs}次（随机种子${f.seed}）：`),
      table(
        ['目标', '年份', '目标值', '实现概率', 'P10', 'P50', 'P90'],
        f.goals.map((g) => [g.metric, String(g.year), `${g.target}${g.unit}`, g.decided ? (g.p >= 1 ? '已实现' : '未实现') : pct(g.p), g.p10.toFixed(2), g.p50.toFixed(2), g.p90.toFixed(2)]),
      ),
    );
    for (const metric of f.metrics) {
      children.push(
        image(
          fanChart({
            title: `${metric.metric}预测（${metric.unit}）`,
            unit: metric.unit,
            years: metric.years,
            milestones: metric.milestones,
            labels: { actual: '实际值', median: '预测中位数', band: '10%–90%区间', milestone: '目标里程碑' },
          }),
        ),
      );
    }
    children.push(para(`回测：以上年末数据预测${f.backtest.rows.map((r) => r.year).filter((y, i, a) => a.indexOf(y) === i).join('、')}年，中位数误差绝对值的中位数${pct(f.backtest.medianAbsError)}，80%区间覆盖率${pct(f.backtest.coverage)}（${f.backtest.cells}项）。`));
  }

  if (m.signings) {
    children.push(heading('九、链式招商与补链'), para(closedGapParagraph(m.signings)));
    if (m.signings.length) {
      children.push(table(['项目', '投资方', '领域·节点', '签约日期', '缺口(签约前→后)'], m.signings.map((s) => [s.project, s.investor, `${s.domain}·${s.node}`, s.signedOn, `${s.gapBefore.toFixed(2)} → ${s.gapAfter.toFixed(2)}`])));
    }
  }

  children.push(heading('附录：指标口径与数据说明'));
  children.push(
    para(`统计期：${period}（本年1—${m.period.month}月累计）；数据截至：${c.latestPeriod ?? period}；范围：${m.scope.kind === 'zone' ? where : '全区'}。`),
    para('累计：本年1月至本月的月度值之和，仅计入已审核的月报和统计局导入数据。'),
    para('同比（同口径）：本月有已审核月报的企业集合，本年累计与其上年同期累计之比减一；退出企业不计入基数。'),
    para('贡献率：各部分同口径增量占总增量的比重；拉动：各部分同口径增量占总基数的百分点，各部分拉动之和等于总增速。'),
    para('产业规模：规划领域内全部企业营业收入之和；制造业产值：制造业企业工业总产值之和；目标年份的值为该自然年合计。'),
    para('里程碑：基期至目标年按几何插值；完成率＝本年累计/本年里程碑；时序进度＝月份/12。'),
    para('预测：各企业增速以其历年同比为基础自助抽样（历史短的向所在领域收缩），全区共同冲击为整年抽取的历史年份；在建项目按阶段历史估计投产概率与时滞，投产后三年按30%/70%/100%达产。'),
    para('金额单位：亿元（保留两位小数）。本报告由平台根据已审核数据自动生成。'),
  );

  const doc = new Document({
    creator: '金山区生物制造产业运行与服务平台',
    title: `月度运行分析报告 ${period}`,
    styles: { default: { document: { run: { font: FONT } } } },
    sections: [{ children }],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
