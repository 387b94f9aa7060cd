import { describe, expect, it } from 'vitest';
import { parsedPolicySchema, type ParsedGoal, type ParsedPolicy } from '../../../../contracts/plan-parse.ts';
import { parsePolicy } from './parse-policy.ts';
import { readFixture } from './test-support.ts';

// Small policy texts written for one form each (fixtures/). Expected values come from the fixture text.

function parseFixture(name: string): { text: string; plan: ParsedPolicy } {
  const text = readFixture(name);
  const plan = parsePolicy(text);
  expect(parsedPolicySchema.safeParse(plan).success).toBe(true);
  return { text, plan };
}
const goalRow = ({ source: _s, ...g }: ParsedGoal) => g;
const lead = (name: string) => ({ name, role: 'lead' });
const co = (name: string) => ({ name, role: 'co' });

describe('行动方案 with 总体要求 › 主要目标, numbered measures and a 印发 notice', () => {
  const { text, plan } = parseFixture('action-plan-synbio-2024.txt');

  it('reads the notice, the [ ] document number (canonical 〔〕) and the inner title', () => {
    expect(plan.title).toBe('金山区合成生物产业创新发展三年行动方案(2024—2026年)');
    expect(plan.docNumber).toBe('金府办发〔2024〕7号');
    expect(plan.issuer).toBe('上海市金山区人民政府办公室');
    expect(plan.issuedOn).toBe('2024-03-05');
    expect(plan.forwarding?.issuedOn).toBe('2024-03-05');
  });

  it('resolves 通过三年努力 from the document date, reads ranges and skips the qualifier', () => {
    expect(plan.goals.map(goalRow)).toEqual([
      { metric: '合成生物产业规模', year: 2026, value: 200, unit: '亿元', comparator: '达到' },
      { metric: '新增规上企业', year: 2026, value: 10, unit: '家', comparator: '以上' },
      { metric: '培育产值超十亿元的龙头企业', year: 2026, value: 2, valueMax: 3, unit: '家', comparator: '达到' },
      { metric: '建设公共服务平台', year: 2026, value: 6, valueMax: 8, unit: '个', comparator: '达到' },
      { metric: '突破关键核心技术', year: 2026, value: 1, valueMax: 3, unit: '项', comparator: '达到' },
      { metric: '产业规模', year: 2030, value: 500, unit: '亿元', comparator: '突破' },
    ]);
    expect(plan.goals.some((g) => g.value === 80)).toBe(false); // 2023 figure in 指导思想 is background
  });

  it('reads domains and zones written as numbered items', () => {
    expect(plan.domains.map((d) => [d.name, d.subfields])).toEqual([
      ['合成生物医药', ['抗体药物', '重组蛋白', '核酸药物']],
      ['合成生物材料', ['聚乳酸', '聚羟基脂肪酸酯']],
    ]);
    expect(plan.zones.map(({ source: _s, ...z }) => z)).toEqual([
      { name: '合成生物创新港', base: '湾区科创城', carriers: ['东湖国际创新中心', '中科生态数字港'] },
      { name: '合成生物产业园', base: '碳谷绿湾', carriers: [] },
    ]);
  });

  it('takes 1. / 1、 / —— items as measures and merges their units', () => {
    const tasks = plan.tasks.filter((t) => t.kind === 'task');
    expect(tasks.map((t) => [t.label, t.title, t.measures.map((m) => m.title)])).toEqual([
      ['(一)', '实施创新策源行动', ['加快集聚创新主体', '建设共性技术平台']],
      ['(二)', '实施企业培育行动', ['培育龙头企业', '扶持初创企业']],
      ['(三)', '实施场景开放行动', ['开放应用场景', '举办对接活动']],
    ]);
    expect(tasks[0]!.measures[0]!.text).toBe('支持高校院所建设合成生物实验室,引进高水平研发团队。');
    // A unit that leads any measure leads the task.
    expect(tasks[0]!.units).toEqual([lead('区科委'), lead('区经委'), co('区财政局(金融办)')]);
    // 责任领导 names a person and is skipped; 责任单位 beside 配合单位 leads.
    expect(tasks[1]!.units).toEqual([lead('区经委'), co('区国资委'), lead('区投资促进办')]);
    expect(tasks[1]!.measures[1]!.text).toBe('完善孵化服务体系,降低初创企业研发成本。');
    expect(tasks[2]!.units).toEqual([lead('区科委'), co('区经委'), co('区商务委')]);
  });

  it('takes unnumbered 保障措施 paragraphs as safeguards titled by their lead sentence', () => {
    const safeguards = plan.tasks.filter((t) => t.kind === 'safeguard');
    expect(safeguards.map((t) => [t.number, t.label, t.title, t.units])).toEqual([
      [1, '', '加强组织领导', [lead('区经委'), co('区发改委')]],
      [2, '', '强化资金保障', [lead('区财政局')]],
    ]);
    expect(text.slice(safeguards[0]!.source.start, safeguards[0]!.source.end).startsWith('加强组织领导。')).toBe(true);
  });

  it('has nothing to report', () => {
    expect(plan.warnings).toEqual([]);
  });
});

describe('goal forms: traditional characters, Chinese numerals, ranges, plan periods, qualifiers', () => {
  const { plan } = parseFixture('goals-forms.txt');

  it('reads the header written in traditional characters', () => {
    expect(plan.title).toBe('金山區人民政府關於加快生物製造產業發展的實施意見');
    expect(plan.issuer).toBe('金山區人民政府');
    expect(plan.docNumber).toBe('金府发〔2023〕21号');
    expect(plan.issuedOn).toBeNull();
    expect(plan.warnings.map((w) => w.message)).toEqual([expect.stringContaining('未识别出成文日期')]);
  });

  it('finds every dated target and nothing else', () => {
    expect(plan.goals.map(goalRow)).toEqual([
      { metric: '产业规模', year: 2025, value: 500, unit: '亿元', comparator: '达到' },
      { metric: '制造业产值', year: 2025, value: 300, unit: '亿元', comparator: '突破' },
      { metric: '产业规模', year: 2030, value: 1000, unit: '亿元', comparator: '达到' },
      { metric: '每年新增规上企业', year: 2029, yearFrom: 2027, value: 3, valueMax: 5, unit: '家', comparator: '达到' },
      { metric: '培育产值超百亿元的龙头企业', year: 2028, value: 5, unit: '家', comparator: '以上' },
      { metric: '研发投入强度', year: 2028, value: 3.5, unit: '%', comparator: '左右', approximate: true },
      // 今后五年 from the year in the document number (2023): 2023..2027.
      { metric: '新增专精特新企业', year: 2027, value: 20, unit: '家', comparator: '达到' },
      { metric: '生物医药产值', year: 2026, value: 200, unit: '亿元', comparator: '突破' },
      // "到2030年,突破400亿元": the metric is carried from the same sentence.
      { metric: '生物医药产值', year: 2030, value: 400, unit: '亿元', comparator: '突破' },
    ]);
  });
});

describe('compound goal sentences (traditional characters)', () => {
  const { text, plan } = parseFixture('goals-compound.txt');

  it('separates counts from the size classes that describe their nouns', () => {
    expect(plan.goals.map(goalRow)).toEqual([
      { metric: '生物医药产业链年产值', year: 2027, value: 1500, unit: '亿元', comparator: '达到' },
      { metric: '占全区工业总产值', year: 2027, value: 30, unit: '%', comparator: '以上' },
      { metric: '培育单项冠军企业和专精特新企业', year: 2027, value: 50, unit: '家', comparator: '左右', approximate: true },
      { metric: '打造千亿级产业集群', year: 2027, value: 2, unit: '个', comparator: '达到' },
      { metric: '五百亿级产业集群', year: 2027, value: 3, unit: '个', comparator: '达到' },
      { metric: '百亿级产业园区', year: 2027, value: 5, unit: '个', comparator: '达到' },
      // "生物医药、生物材料等4个…": the list before the count is not its metric.
      { metric: '产值规模百亿元级的特色产业', year: 2027, value: 4, unit: '个', comparator: '达到' },
    ]);
    expect(plan.goals.map((g) => text.slice(g.source.start, g.source.end)).slice(4)).toEqual([
      '3個五百億級產業集群',
      '5個百億級產業園區',
      '4個產值規模百億元級的特色產業',
    ]);
  });

  it('reads a task and its units in traditional characters, names in simplified form', () => {
    expect(plan.tasks.map((t) => [t.title, t.units])).toEqual([['培育產業集群', [lead('区经委')]]]);
  });
});

describe('horizons', () => {
  it('counts 通过五年努力 and 两年内 from the year in the document number', () => {
    const { plan } = parseFixture('horizons-doc-number.txt');
    expect(plan.issuedOn).toBeNull();
    expect(plan.goals.map(goalRow)).toEqual([
      { metric: '生物制造企业', year: 2026, value: 1000, unit: '家', comparator: '以上' },
      { metric: '产业规模', year: 2026, value: 100, unit: '亿元', comparator: '达到' },
      // 百亿级 qualifies 产业集群; the target is the count.
      { metric: '打造百亿级产业集群', year: 2026, value: 3, unit: '个', comparator: '达到' },
      { metric: '新增高新技术企业', year: 2023, value: 50, unit: '家', comparator: '达到' },
    ]);
  });

  it('counts from the next year for a plan dated in the fourth quarter; 全年 is the planned year', () => {
    const { plan } = parseFixture('horizons-doc-date.txt');
    expect(plan.issuer).toBe('上海市金山区经济委员会');
    expect(plan.issuedOn).toBe('2022-12-20');
    expect(plan.goals.map(goalRow)).toEqual([
      { metric: '新增规上企业', year: 2023, value: 8, unit: '家', comparator: '达到' },
      { metric: '生物制造产业规模', year: 2025, value: 300, unit: '亿元', comparator: '超过' },
      // A figure in the goals section without its own year takes the year in force.
      { metric: '建成孵化器', year: 2025, value: 3, unit: '个', comparator: '达到' },
    ]);
  });

  it('reports figures in a goals section that have no year at all', () => {
    const { text, plan } = parseFixture('undated-goals.txt');
    expect(plan.goals).toEqual([]);
    const undated = plan.warnings.filter((w) => w.message.includes('未注明年份'));
    expect(undated.map((w) => text.slice(w.start, w.end))).toEqual(['3个', '20家']);
  });
});

describe('若干措施 without a 主要任务 section', () => {
  const { plan } = parseFixture('horizons-doc-number.txt');

  it('takes each unclassified chapter as a task and ignores reward amounts', () => {
    expect(plan.tasks.map((t) => [t.kind, t.number, t.label, t.title, t.units])).toEqual([
      ['task', 1, '二、', '支持创新投入', [lead('区科委')]],
      ['task', 2, '三、', '支持企业做大', [lead('区经委'), co('区财政局')]],
    ]);
    expect(plan.goals.some((g) => g.unit === '万元')).toBe(false);
  });
});

describe('若干措施 written as articles (第一条 …)', () => {
  const { plan } = parseFixture('measures-articles.txt');

  it('takes each article as a task, except the closing one, with its units in every form', () => {
    expect(plan.issuer).toBe('上海市金山区人民政府');
    expect(plan.issuedOn).toBe('2024-02-20');
    expect(plan.docNumber).toBe('金府规〔2024〕3号');
    expect(plan.tasks.map((t) => [t.number, t.label, t.title, t.units])).toEqual([
      [1, '第一条', '支持研发投入', [lead('区科委'), co('区财政局')]],
      [2, '第二条', '支持人才集聚', [lead('区人社局'), co('区科委'), co('区经委')]],
      [3, '第三条', '支持企业上市', [lead('区财政局(金融办)')]],
    ]);
    expect(plan.tasks[2]!.measures[0]!.text).toBe('对完成股份制改造的企业给予一次性奖励。');
    expect(plan.goals).toEqual([]); // reward thresholds and validity dates are not targets
    expect(plan.warnings).toEqual([]);
  });
});

describe('numbering', () => {
  const { text, plan } = parseFixture('numbering-run-on.txt');

  it('numbers tasks 1..n across sections whose labels run on, and restarts safeguards', () => {
    expect(plan.tasks.map((t) => [t.kind, t.number, t.label])).toEqual([
      ['task', 1, '(一)'],
      ['task', 2, '(二)'],
      ['task', 3, '(三)'],
      ['task', 4, '(四)'],
      ['safeguard', 1, '(一)'],
      ['safeguard', 2, '(三)'],
    ]);
  });

  it('reports a gap in the labels, and the header date from the line under the title', () => {
    const gaps = plan.warnings.filter((w) => w.message.includes('编号不连续'));
    expect(gaps).toHaveLength(1);
    expect(text.slice(gaps[0]!.start, gaps[0]!.end)).toBe('(三)');
    expect(gaps[0]!.start).toBeGreaterThan(text.indexOf('三、保障措施'));
    expect(plan.issuedOn).toBe('2024-05-10');
  });
});

describe('responsible-unit forms', () => {
  const { plan } = parseFixture('unit-forms.txt');

  it('reads every form', () => {
    expect(plan.issuedOn).toBe('2023-06-01'); // 二〇二三年六月一日
    expect(plan.tasks.map((t) => t.units)).toEqual([
      [lead('区经委'), co('区科委')], // (责任单位:A、B)
      [lead('区发改委'), co('区财政局(金融办)')], // full-width colon, comma and nested brackets
      [lead('区科委'), co('区经委'), co('区市场监管局')], // (牵头单位:A,配合单位:B、C)
      [lead('区农业农村委'), co('区科委'), co('区投资促进办')], // 责任领导:…;责任单位:…;配合单位:… on its own line
      [lead('区生态环境局'), co('区应急管理局')], // 责任单位A、B without a colon
      [lead('区卫健委'), co('区市场监管局')], // (A、B按职责分工负责)
      [lead('区经委'), co('区科委'), co('区投资促进办')], // (A牵头,B、C配合)
      [co('区科委'), lead('区经委')], // A、B(牵头)
    ]);
  });

  it('never takes a leader’s name for a unit, and keeps unit clauses out of measure text', () => {
    const names = plan.tasks.flatMap((t) => t.units.map((u) => u.name));
    expect(names).not.toContain('王伟');
    for (const m of plan.tasks.flatMap((t) => t.measures)) expect(m.text).not.toMatch(/责任|牵头|配合|按职责/);
  });
});

describe('forms written inline', () => {
  it('reads CRLF text, full-width brackets in headings and a hard-wrapped paragraph', () => {
    const text = [
      '金山区生物制造产业提升方案',
      '金府办发（2023）9号',
      '',
      '一、主要任务',
      '（一）加快项目建设。推进重点项目开工建设,加快形成有效投资,确保项目按期',
      '竣工投产。（责任单位：区经委）',
      '（二）优化营商环境。深化审批制度改革。（责任单位：区发改委）',
      '',
      '上海市金山区人民政府办公室',
      '2023年5月8日',
    ].join('\r\n');
    const plan = parsePolicy(text);
    expect(plan.docNumber).toBe('金府办发〔2023〕9号');
    expect(plan.issuer).toBe('上海市金山区人民政府办公室');
    expect(plan.issuedOn).toBe('2023-05-08');
    expect(plan.tasks.map((t) => [t.label, t.title, t.units])).toEqual([
      ['（一）', '加快项目建设', [lead('区经委')]],
      ['（二）', '优化营商环境', [lead('区发改委')]],
    ]);
    expect(plan.tasks[0]!.measures[0]!.text).toBe('推进重点项目开工建设,加快形成有效投资,确保项目按期竣工投产。');
    expect(plan.warnings).toEqual([]);
  });

  it('splits a paragraph counted with 一是…二是… into measures', () => {
    const text = '一、主要任务\n(一)加强创新策源。一是支持企业建设研发中心,对新认定的给予支持;二是推动产学研合作,共建联合实验室;三是完善成果转化服务。(责任单位:区科委)';
    const plan = parsePolicy(text);
    expect(plan.tasks[0]!.measures.map((m) => [m.title, m.text])).toEqual([
      ['支持企业建设研发中心', '支持企业建设研发中心,对新认定的给予支持;'],
      ['推动产学研合作', '推动产学研合作,共建联合实验室;'],
      ['完善成果转化服务', '完善成果转化服务。'],
    ]);
    expect(text.slice(plan.tasks[0]!.measures[1]!.source.start, plan.tasks[0]!.measures[1]!.source.end)).toBe('二是推动产学研合作,共建联合实验室;');
  });

  it('keeps a unit clause written on the heading line out of the task title', () => {
    const plan = parsePolicy('一、主要任务\n(一)加快项目建设(责任单位:区经委、区科委)\n推进重点项目开工建设。');
    expect(plan.tasks.map((t) => [t.title, t.units])).toEqual([['加快项目建设', [lead('区经委'), co('区科委')]]]);
  });

  it('reads items numbered 1、 directly under a chapter and —— items as tasks of a safeguard section', () => {
    const text = [
      '金山区关于推进生物制造产业发展的工作方案',
      '',
      '一、重点任务',
      '1、加强招商引资。聚焦产业链招商。(责任单位:区投资促进办)',
      '2、强化要素保障。保障项目用地。(责任单位:区规划资源局)',
      '二、保障措施',
      '——加强组织领导。建立工作专班。(责任单位:区经委)',
      '——强化督查考核。定期通报进展。(责任单位:区经委)',
    ].join('\n');
    const plan = parsePolicy(text);
    expect(plan.issuer).toBeNull(); // 金山区 is a place, not an issuing body
    expect(plan.tasks.map((t) => [t.kind, t.number, t.label, t.title])).toEqual([
      ['task', 1, '1、', '加强招商引资'],
      ['task', 2, '2、', '强化要素保障'],
      ['safeguard', 1, '——', '加强组织领导'],
      ['safeguard', 2, '——', '强化督查考核'],
    ]);
  });
});
