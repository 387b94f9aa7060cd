import { beforeAll, describe, expect, it } from 'vitest';
import { parsedPolicySchema, type ParsedPolicy } from '../../../../contracts/plan-parse.ts';
import { parsePolicy } from './parse-policy.ts';
import { allRanges, readSharedPolicy } from './test-support.ts';

// Golden test on the real policy. Every expected value below was written by reading the policy text
// (shared/policy/jinshan-biomanufacturing-2023.txt), not copied from the parser's output.

let text: string;
let plan: ParsedPolicy;
beforeAll(() => {
  text = readSharedPolicy('jinshan-biomanufacturing-2023.txt');
  plan = parsePolicy(text);
});
const slice = (r: { start: number; end: number }) => text.slice(r.start, r.end);

describe('Jinshan bio-manufacturing policy (2023) — header', () => {
  it('takes the inner document as the policy and keeps the forwarding notice', () => {
    expect(plan.title).toBe('金山区加快推进生物制造产业高质量发展的实施意见');
    expect(plan.issuer).toBe('上海市金山区经济委员会');
    expect(plan.issuedOn).toBe('2023-09-12');
    expect(plan.docNumber).toBeUndefined(); // "字号:" is left blank in the published text
    expect(plan.forwarding).toEqual({
      title: '金山区人民政府办公室关于转发区经委制订的《金山区加快推进生物制造产业高质量发展的实施意见》的通知',
      issuer: '上海市金山区人民政府办公室',
      issuedOn: '2023-10-11',
    });
  });

  it('validates against the shared contract and keeps every range inside the text', () => {
    expect(parsedPolicySchema.safeParse(plan).success).toBe(true);
    for (const r of allRanges(plan)) {
      expect(r.start, r.what).toBeGreaterThanOrEqual(0);
      expect(r.end, r.what).toBeLessThanOrEqual(text.length);
      expect(r.end, r.what).toBeGreaterThanOrEqual(r.start);
    }
  });

  it('reports only the web-page residue after the closing date', () => {
    expect(plan.warnings).toHaveLength(1);
    expect(slice(plan.warnings[0]!)).toMatch(/^相关附件[\s\S]*map$/);
  });
});

describe('goals (三、发展目标)', () => {
  it('finds the four dated targets', () => {
    expect(plan.goals.map(({ source: _s, ...g }) => g)).toEqual([
      { metric: '产业规模', year: 2025, value: 500, unit: '亿元', comparator: '突破' },
      { metric: '制造业产值', year: 2025, value: 300, unit: '亿元', comparator: '达到' },
      { metric: '产业规模', year: 2030, value: 1000, unit: '亿元', comparator: '突破' },
      { metric: '制造业产值', year: 2030, value: 800, unit: '亿元', comparator: '达到' },
    ]);
  });

  it('points each goal at its clause', () => {
    expect(plan.goals.map((g) => slice(g.source))).toEqual([
      '产业规模突破500亿元',
      '制造业产值达到300亿元',
      '产业规模突破1000亿元',
      '制造业产值达到800亿元',
    ]);
  });
});

describe('domains (四、重点领域)', () => {
  it('lists the four domains with the products each paragraph names', () => {
    expect(plan.domains.map((d) => ({ name: d.name, subfields: d.subfields }))).toEqual([
      {
        name: '生物医药',
        subfields: ['抗体药物', '新型疫苗', '细胞与基因治疗', '生物创新药', '生物类似药', '生物基原料药', '医美产品', '医疗器械', '医药装备'],
      },
      { name: '生物材料', subfields: ['可降解塑料', '电子材料', '功能材料', '日用化学品', '助剂', '表面活性剂', '烃类', '醇类'] },
      {
        name: '生物农业及健康食品',
        subfields: ['生物育种', '生物农药', '生物饲料', '新型饮品', '功能食品', '特殊膳食', '生物植保', '动物免疫', '生物肥料'],
      },
      { name: '生物能源及低碳环保', subfields: ['生物质发电', '生物燃气', '生物航煤'] },
    ]);
  });

  it('leaves out lists of methods (…等新技术研究, …等生物技术)', () => {
    const all = plan.domains.flatMap((d) => d.subfields);
    for (const method of ['基因', '药物新靶点', '生物催化', '遗传工程技术', '微生物发酵']) expect(all).not.toContain(method);
  });

  it('points each domain at its paragraph', () => {
    for (const d of plan.domains) {
      expect(slice(d.source).startsWith(`${d.name}领域:`), d.name).toBe(true);
      expect(slice(d.source).endsWith('。'), d.name).toBe(true);
    }
  });
});

describe('zones (五、产业布局)', () => {
  it('lists the five zones of “一城一港一湾一园一谷” with base and carriers', () => {
    expect(plan.zones.map(({ source: _s, ...z }) => z)).toEqual([
      { name: '生物创新城', alias: '一城', base: '湾区科创城', carriers: ['市公卫中心', '中科生态数字港', '东湖国际创新中心'] },
      { name: '生物医药港', alias: '一港', base: '高新区', carriers: ['张江金山生物医药园', '湾区生物医药港'] },
      { name: '生物材料湾', alias: '一湾', base: '碳谷绿湾', carriers: [] },
      { name: '生物农业园', alias: '一园', base: '国家现代农业产业园', carriers: [] },
      { name: '生物能源谷', alias: '一谷', base: '上海石化、上海化工区', carriers: [] },
    ]);
    expect(slice(plan.zones[0]!.source)).toMatch(/^依托湾区科创城打造“生物创新城”.*创新赋能中心。$/);
  });
});

const lead = (name: string) => ({ name, role: 'lead' });
const co = (name: string) => ({ name, role: 'co' });

describe('tasks (六、主要任务)', () => {
  const expected = [
    ['(一)', '坚持引育并举,加速产业转型蝶变', ['链式招商引领产业集群发展', '拥抱创新培育企业内生动力', '协同融合赋能产业品牌建设'], ['区经委', '区科委', '区投资促进办']],
    ['(二)', '突出科技赋能,激发市场主体活力', ['外引内聚加速技术创新迭代', '跨界融合引导产品创新升级', '共建共享激活产业创新跃变'], ['区科委', '区经委', '区农业农村委', '区投资促进办']],
    ['(三)', '聚焦载体建设,增强产业竞争优势', ['靶向建设科技创新孵化器', '集成建设成果转化加速器', '全力打造绿色智造产业园'], ['区经委', '区科委', '区投资促进办']],
    ['(四)', '健全专业服务,优化产业发展生态', ['数字化赋能生物制造', '平台化促进技术共享', '专业化支持场景拓展'], ['区经委', '区科委']],
    ['(五)', '深化开放合作,全面促进联合联动', ['加强国际创新协同', '加强区域产业协同', '加强区内资源协同'], ['区发改委', '区经委', '区科委', '区市场监管局', '金山海关']],
    ['(六)', '强化成果转化,优先发展生物医药产业', ['加速生物药突破规模生产', '加快原料药制造实现技术替代', '加强医疗诊断拓展市场应用'], ['区经委', '区科委', '区卫健委', '区市场监管局']],
    ['(七)', '紧贴市场应用,转型发展生物材料产业', ['产业化推进生物材料', '项目化落地生物基化学品', '前瞻化布局生物前沿材料'], ['区经委', '区科委', '区投资促进办']],
    ['(八)', '注重健康品质,大力发展绿色食品产业', ['高端发展功能食品', '全力提升传统食品', '科学开发新型食品'], ['区经委', '区科委', '区市场监管局']],
    ['(九)', '立足先行先试,积极发展生物农业产业', ['探索开发生物育种', '稳步发展生物农药', '推广应用生物饲料'], ['区农业农村委', '区科委', '区投资促进办']],
    ['(十)', '秉承低碳高效,持续发展生物能源产业', ['探索应用碳捕获技术促进能源焕新', '充分应用生物质促进资源再利用', '鼓励应用生物环保技术促进生态修复'], ['区发改委', '区生态环境局', '区农业农村委']],
  ] as const;

  it('finds ten tasks, numbered 1..10 with their labels and titles', () => {
    const tasks = plan.tasks.filter((t) => t.kind === 'task');
    expect(tasks.map((t) => [t.number, t.label, t.title])).toEqual(expected.map(([label, title], i) => [i + 1, label, title]));
  });

  it('splits each task into its three measures by their lead sentences', () => {
    const tasks = plan.tasks.filter((t) => t.kind === 'task');
    expect(tasks.map((t) => t.measures.map((m) => m.title))).toEqual(expected.map(([, , measures]) => measures));
  });

  it('names the responsible units in order, the first leading', () => {
    const tasks = plan.tasks.filter((t) => t.kind === 'task');
    expect(tasks.map((t) => t.units)).toEqual(expected.map(([, , , [first, ...rest]]) => [lead(first), ...rest.map(co)]));
  });

  it('gives a measure its content without the lead sentence or the unit clause', () => {
    const [m1, , m3] = plan.tasks[0]!.measures;
    expect(m1!.text.startsWith('根据“一核多点”产业布局,紧扣生物制造主题')).toBe(true);
    expect(m1!.text.endsWith('加快产业链垂直整合和上下游企业集群发展。')).toBe(true);
    expect(m3!.text.endsWith('提升生物制造产业综合配套能力。')).toBe(true);
    expect(slice(m1!.source).startsWith('链式招商引领产业集群发展。根据')).toBe(true);
    for (const m of plan.tasks.flatMap((t) => t.measures)) expect(m.text).not.toContain('责任单位');
  });

  it('covers each task from its label to its unit clause', () => {
    const first = slice(plan.tasks[0]!.source);
    expect(first.startsWith('(一)坚持引育并举')).toBe(true);
    expect(first.endsWith('(责任单位:区经委、区科委、区投资促进办)')).toBe(true);
  });
});

describe('safeguards (七、保障措施)', () => {
  it('finds four safeguards with their units, keeping 区财政局(金融办) whole', () => {
    const safeguards = plan.tasks.filter((t) => t.kind === 'safeguard');
    expect(safeguards.map((t) => [t.number, t.label, t.title, t.units])).toEqual([
      [1, '(一)', '健全机制建设', [lead('区经委'), co('区人社局'), co('区统计局')]],
      [2, '(二)', '优化政策供给', [lead('区发改委'), co('区经委'), co('区科委'), co('区财政局'), co('区农业农村委'), co('区投资促进办')]],
      [3, '(三)', '深化产融创新', [lead('区财政局(金融办)'), co('区国资委'), co('区投资促进办')]],
      [4, '(四)', '强化要素保障', [lead('区规划资源局'), co('区生态环境局'), co('区应急管理局')]],
    ]);
  });

  it('keeps a safeguard body without lead sentences as one measure under the safeguard title', () => {
    const first = plan.tasks.find((t) => t.kind === 'safeguard')!;
    expect(first.measures).toHaveLength(1);
    expect(first.measures[0]!.title).toBe('健全机制建设');
    expect(first.measures[0]!.text.startsWith('优化区生物制造产业推进工作专班')).toBe(true);
  });

  it('does not take background sections (指导思想, 基本原则) as tasks', () => {
    expect(plan.tasks).toHaveLength(14);
    expect(plan.tasks.map((t) => t.title)).not.toContain('前瞻布局、梯度推进');
  });
});

describe('the same policy with full-width punctuation (as published on the web)', () => {
  it('gives the same plan, each string keeping its own punctuation', () => {
    const fullWidth = text.replace(/,/g, '，').replace(/:/g, '：').replace(/\(/g, '（').replace(/\)/g, '）');
    const fold = (s: string) => s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
    const wide = parsePolicy(fullWidth);
    expect(fold(JSON.stringify(wide))).toBe(JSON.stringify(plan));
    expect(wide.tasks[0]!.label).toBe('（一）');
    // Unit names are canonical (half-width brackets) so they match the department registry.
    expect(wide.tasks[12]!.units[0]).toEqual(lead('区财政局(金融办)'));
  });
});
