import { describe, expect, it } from 'vitest';
import { buildView } from './normalize.ts';
import { parseArabicNumber, parseChineseNumeral } from './numerals.ts';
import { findQuantities } from './quantities.ts';

describe('parseChineseNumeral', () => {
  it.each([
    ['十', 10], ['十五', 15], ['五十', 50], ['一百二十', 120], ['两千', 2000], ['千', 1000], ['百', 100],
    ['三千五百', 3500], ['一万二千', 12000], ['三亿五千万', 350_000_000], ['二〇三〇', 2030], ['零', 0],
  ])('%s = %d', (s, n) => expect(parseChineseNumeral(s)).toBe(n));

  it('rejects what is not a numeral', () => {
    expect(parseChineseNumeral('')).toBeNull();
    expect(parseChineseNumeral('十a')).toBeNull();
  });

  it('reads Arabic numbers with separators', () => {
    expect(parseArabicNumber('1,000.5')).toBe(1000.5);
    expect(parseArabicNumber('1,3')).toBeNull();
  });
});

const read = (text: string) => {
  const view = buildView(text);
  return findQuantities(view, { start: 0, end: view.length }).map((q) => ({
    text: text.slice(q.start, q.end),
    value: q.value,
    ...(q.valueMax !== undefined ? { valueMax: q.valueMax } : {}),
    unit: q.unit,
    comparator: q.comparator,
    ...(q.isQualifier ? { isQualifier: true } : {}),
  }));
};

describe('findQuantities', () => {
  it.each([
    ['产业规模突破500亿元', { text: '突破500亿元', value: 500, unit: '亿元', comparator: '突破' }],
    ['产值达到五十亿元', { text: '达到五十亿元', value: 50, unit: '亿元', comparator: '达到' }],
    ['企业千家以上', { text: '千家以上', value: 1000, unit: '家', comparator: '以上' }],
    ['规模达到百亿级。', { text: '达到百亿级', value: 100, unit: '亿元', comparator: '达到' }],
    ['產值達到三百億元', { text: '達到三百億元', value: 300, unit: '亿元', comparator: '达到' }],
    ['培育2至4家', { text: '2至4家', value: 2, valueMax: 4, unit: '家', comparator: '达到' }],
    ['建设6—8个', { text: '6—8个', value: 6, valueMax: 8, unit: '个', comparator: '达到' }],
    ['攻关1-3项', { text: '1-3项', value: 1, valueMax: 3, unit: '项', comparator: '达到' }],
    ['新增2~3家', { text: '2~3家', value: 2, valueMax: 3, unit: '家', comparator: '达到' }],
    ['培育二至四家', { text: '二至四家', value: 2, valueMax: 4, unit: '家', comparator: '达到' }],
    ['引进3家至5家', { text: '3家至5家', value: 3, valueMax: 5, unit: '家', comparator: '达到' }],
    ['占比不低于百分之十', { text: '不低于百分之十', value: 10, unit: '%', comparator: '不低于' }],
    ['集聚企业十余家', { text: '十余家', value: 10, unit: '家', comparator: '以上' }],
    ['提高2个百分点', { text: '2个百分点', value: 2, unit: '个百分点', comparator: '达到' }],
    ['增长15%左右', { text: '15%左右', value: 15, unit: '%', comparator: '左右' }],
    ['能耗控制在5%以内', { text: '控制在5%以内', value: 5, unit: '%', comparator: '不超过' }],
    ['力争1.5万亿元', { text: '力争1.5万亿元', value: 1.5, unit: '万亿元', comparator: '力争' }],
    ['建设面积50万平方米', { text: '50万平方米', value: 50, unit: '万平方米', comparator: '达到' }],
    ['企业超过1,000家', { text: '超过1,000家', value: 1000, unit: '家', comparator: '超过' }],
  ])('%s', (text, expected) => {
    expect(read(text)).toEqual([expected]);
  });

  it('marks thresholds that qualify a noun', () => {
    expect(read('培育产值超百亿元的龙头企业3家')).toEqual([
      { text: '超百亿元', value: 100, unit: '亿元', comparator: '超过', isQualifier: true },
      { text: '3家', value: 3, unit: '家', comparator: '达到' },
    ]);
    expect(read('打造百亿级产业集群')[0]).toMatchObject({ value: 100, isQualifier: true });
    expect(read('对产值首次突破10亿元、50亿元的企业').every((q) => q.isQualifier)).toBe(true);
  });

  it('ignores codes, ordinals, years and articles', () => {
    expect(read('推进1,3-丙二醇项目,CAR-T细胞,第39次会议,“1+5+X”布局,2025年,一批企业,一次性用品,十四五')).toEqual([]);
  });
});
