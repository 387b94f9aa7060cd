import { describe, expect, it } from 'vitest';
import type { ParsedGoal, ParsedPolicy } from '../../../../contracts/plan-parse.ts';
import { parsePolicy } from './parse-policy.ts';

// The forms the genre uses (issue: "read the genre, not one document"), each in a short text of our own
// wording. The real documents are in the corpus test; these pin the forms it does not happen to contain.

const goal = (plan: ParsedPolicy, metric: string): Omit<ParsedGoal, 'source' | 'sources'> | undefined => {
  const g = plan.goals.find((x) => x.metric.includes(metric));
  if (!g) return undefined;
  const { source: _s, sources: _ss, ...rest } = g;
  return rest;
};
const doc = (body: string) => `某区合成生物产业发展行动方案(2024—2028年)\n${body}`;

describe('goal phrasings', () => {
  const plan = parsePolicy(
    doc(
      '一、发展目标\n' +
        '到2028年,力争攻克核心技术不少于12项,建成8个达到国内领先水平的中试平台,新增2家独角兽企业,集聚4—6家总部企业,' +
        '孵化两百家以上科技型企业,服务企业1.5万家,累计突破40家上市企业,产业规模力争达到650亿元,' +
        '生物制造产值占工业总产值比重达到35%,培育十余家链主企业,引进数十家配套企业,研发投入实现翻一番。\n',
    ),
  );

  it('reads counts, ranges, Chinese numerals, magnitudes and shares', () => {
    expect(goal(plan, '核心技术')).toMatchObject({ year: 2028, value: 12, unit: '项', comparator: '不少于' });
    expect(goal(plan, '中试平台')).toMatchObject({ value: 8, unit: '个' });
    expect(goal(plan, '独角兽企业')).toMatchObject({ value: 2, unit: '家' });
    expect(goal(plan, '总部企业')).toMatchObject({ value: 4, valueMax: 6, unit: '家' });
    expect(goal(plan, '科技型企业')).toMatchObject({ value: 200, unit: '家', comparator: '以上' });
    expect(goal(plan, '服务企业')).toMatchObject({ value: 1.5, unit: '万家' });
    expect(goal(plan, '上市企业')).toMatchObject({ value: 40, unit: '家', comparator: '突破' });
    expect(goal(plan, '产业规模')).toMatchObject({ value: 650, unit: '亿元' });
    expect(goal(plan, '比重')).toMatchObject({ value: 35, unit: '%' });
  });

  it('marks loose figures approximate and invents no number for 数十', () => {
    expect(goal(plan, '链主企业')).toMatchObject({ value: 10, unit: '家', approximate: true });
    expect(plan.goals.some((g) => g.metric.includes('配套企业'))).toBe(false);
    expect(plan.warnings.some((w) => w.message.includes('数十'))).toBe(true);
  });

  it('keeps a doubling as a relative target', () => {
    expect(goal(plan, '研发投入')).toMatchObject({ year: 2028, value: 2, unit: '倍', relative: true });
  });

  it('reads ranges written with a tilde or broken by a line', () => {
    const p = parsePolicy(doc('一、发展目标\n到2026年,集聚4~6家总部企业,建设3—\n5个创新平台。\n'));
    expect(goal(p, '总部企业')).toMatchObject({ value: 4, valueMax: 6 });
    expect(goal(p, '创新平台')).toMatchObject({ value: 3, valueMax: 5, unit: '个' });
  });
});

describe('horizons', () => {
  it('resolves 年前, 年底, “十五五”期间 and 经过五年左右的努力 against the document', () => {
    const p = parsePolicy(
      doc(
        '一、发展目标\n2026年前,建成3个中试平台。至2027年底,新增上市企业5家。“十五五”期间,培育龙头企业10家。' +
          '经过五年左右的努力,产业规模突破500亿元;到2028年,企业达到300家,到2035年,企业达到800家。\n',
      ),
    );
    expect(goal(p, '中试平台')?.year).toBe(2026);
    expect(goal(p, '上市企业')?.year).toBe(2027);
    expect(goal(p, '龙头企业')).toMatchObject({ year: 2030, yearFrom: 2026 });
    expect(goal(p, '产业规模')?.year).toBe(2028); // five years counted from the plan's 2024
    expect(p.goals.filter((g) => g.metric === '企业').map((g) => [g.year, g.value])).toEqual([[2028, 300], [2035, 800]]);
  });
});

describe('baselines are not targets', () => {
  it('returns present-day figures as baselines', () => {
    const p = parsePolicy(
      '某区生物医药产业发展实施意见\n(2024年3月1日)\n一、发展基础\n2023年,全区规上工业企业136家,实现产值412.7亿元。\n' +
        '二、发展目标\n我区合成生物产业规模已突破90亿元。到2026年,产业规模突破200亿元。\n',
    );
    expect(p.goals.map((g) => [g.year, g.value, g.unit])).toEqual([[2026, 200, '亿元']]);
    expect(p.baselines?.map((b) => [b.year, b.value, b.unit, b.metric])).toEqual([
      [2023, 136, '家', '规上工业企业'],
      [2023, 412.7, '亿元', '产值'],
      [null, 90, '亿元', '合成生物产业规模'],
    ]);
  });
});

describe('the same goal twice', () => {
  it('returns it once with both spans', () => {
    const text = doc('一、发展目标\n到2026年,产业规模突破200亿元。\n二、附:新闻摘要\n方案提出,到2026年,产业规模突破200亿元。\n');
    const p = parsePolicy(text);
    const g = p.goals.filter((x) => x.value === 200);
    expect(g).toHaveLength(1);
    expect(g[0]!.sources?.map((s) => text.slice(s.start, s.end))).toEqual(['产业规模突破200亿元', '产业规模突破200亿元']);
  });
});

describe('responsible units in every common form', () => {
  const text = doc(
    '一、主要任务\n' +
      '1.建设中试平台。支持企业建设中试平台。(责任单位:区科委、各街镇)\n' +
      '2.培育龙头企业。支持龙头企业做大做强。(牵头单位:区经委;配合单位:区科委、区财政局)\n' +
      '3.优化营商环境。推行一网通办。\n责任单位:区发改委\n' +
      '4.促进消费。培育消费新场景。〔区商务委牵头,区文旅局、区市场监管局按职责分工负责〕\n' +
      '5.引进人才。落实人才政策。——区人才办、有关部门\n',
  );
  const plan = parsePolicy(text);
  // An item is a task of its own (1. under a chapter) or a measure of a task: its units are the item's.
  const unitsOf = (title: string) => {
    const task = plan.tasks.find((t) => t.title.includes(title));
    if (task) return task.units;
    return plan.tasks.flatMap((t) => t.measures).find((m) => m.title.includes(title))?.units;
  };

  it('reads each item’s own units, lead and co-operating apart, collective units kept', () => {
    expect(unitsOf('建设中试平台')).toEqual([{ name: '区科委', role: 'lead' }, { name: '各街镇', role: 'co' }]);
    expect(unitsOf('培育龙头企业')).toEqual([{ name: '区经委', role: 'lead' }, { name: '区科委', role: 'co' }, { name: '区财政局', role: 'co' }]);
    expect(unitsOf('优化营商环境')).toEqual([{ name: '区发改委', role: 'lead' }]);
    expect(unitsOf('促进消费')).toEqual([
      { name: '区商务委', role: 'lead' },
      { name: '区文旅局', role: 'co' },
      { name: '区市场监管局', role: 'co' },
    ]);
    expect(unitsOf('引进人才')).toEqual([{ name: '区人才办', role: 'lead' }, { name: '有关部门', role: 'co' }]);
  });

  it('applies a units paragraph at the end of a section to every item above it', () => {
    const p = parsePolicy(doc('一、主要任务\n(一)建设平台。支持建设平台。\n(二)培育企业。支持企业发展。\n以上任务责任单位:区经委、相关园区\n二、保障措施\n(一)加强组织领导。建立工作专班。(责任单位:区政府办)\n'));
    const tasks = p.tasks.filter((t) => t.kind === 'task');
    expect(tasks.map((t) => t.units)).toEqual([
      [{ name: '区经委', role: 'lead' }, { name: '相关园区', role: 'co' }],
      [{ name: '区经委', role: 'lead' }, { name: '相关园区', role: 'co' }],
    ]);
  });
});

describe('layout', () => {
  it('splits a heading run into the next one on the same line', () => {
    const p = parsePolicy('某区生物医药产业发展实施意见\n(2024年3月1日)\n一、总体要求 (一)主要目标。到2026年,产业规模突破200亿元。\n二、主要任务\n(一)建设平台。支持建设平台。(责任单位:区科委)\n');
    expect(p.goals.map((g) => [g.year, g.value])).toEqual([[2026, 200]]);
    expect(p.baselines ?? []).toEqual([]);
  });

  it('reads half-width punctuation and stray spaces from a web repost', () => {
    const p = parsePolicy('某区生物医药产业发展实施意见\n(2024年3月1日)\n一、发展目标\n到2026年 ,产业规模突破200亿元;新增企业 10家 .\n阅读次数:1024\n(此件主动公开)\n');
    expect(p.goals.map((g) => [g.year, g.value, g.unit])).toEqual([[2026, 200, '亿元'], [2026, 10, '家']]);
  });
});
