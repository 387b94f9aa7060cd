/**
 * What each corpus text (fixtures/corpus/) states, written by reading the text, not from the parser's output.
 * A goal's `metric` is a key phrase its metric name must contain (with at most 20 more characters, so a
 * whole clause taken for the name does not pass); `approximate` marks 左右/约/若干-style
 * targets, `relative` a target stated against a base (翻一番, 倍增: value is the factor, unit 倍).
 * An item's units are compared by name; `lead`/`co` are given only where the text tells them apart.
 */
export interface ExpectedGoal {
  year: number;
  value: number;
  valueMax?: number;
  unit: string;
  metric: string;
  approximate?: boolean;
  relative?: boolean;
}
export interface ExpectedBaseline {
  year: number;
  value: number;
  unit: string;
  metric: string;
}
export interface ExpectedItem {
  /** A phrase of the item's text that finds it. */
  key: string;
  units: string[];
  lead?: string[];
  co?: string[];
}
export interface ExpectedDocument {
  goals: ExpectedGoal[];
  baselines: ExpectedBaseline[];
  items: ExpectedItem[];
}

const g = (year: number, value: number, unit: string, metric: string, extra: Partial<ExpectedGoal> = {}): ExpectedGoal => ({ year, value, unit, metric, ...extra });
const approx = { approximate: true };

export const CORPUS: Record<string, ExpectedDocument> = {
  'guangzhou-biomfg-2024.txt': {
    goals: [g(2027, 10, '家', '创新引领型企业'), g(2027, 2, '个', '产业基地', approx)],
    baselines: [],
    items: [],
  },
  'shanghai-biomed-opinions-2021.txt': {
    // 通过三年的努力, in a 2021 document: 2021, 2022, 2023.
    goals: [g(2023, 1800, '亿元', '生物医药制造业年度工业总产值')],
    baselines: [],
    items: [],
  },
  'hangzhou-synbio-2024.txt': {
    goals: [g(2026, 400, '亿元', '合成生物制造业总产值'), g(2026, 1, '个', '产业中试基地'), g(2026, 3, '个', '特色园区')],
    baselines: [],
    items: [],
  },
  'beijing-synbio-2024.txt': {
    goals: [
      g(2026, 3, '家', '上市企业'),
      g(2026, 5, '家', '领军企业', { valueMax: 10 }),
      g(2026, 100, '家', '初创硬科技企业'),
      g(2026, 1, '个', '产业集聚区', { valueMax: 2 }),
    ],
    baselines: [],
    items: [],
  },
  'shanghai-synbio-2023.txt': {
    goals: [
      g(2025, 5, '家', '企业'),
      g(2025, 3, '家', '合成生物领域企业', { valueMax: 5 }),
      g(2025, 1, '家', '优势企业', { valueMax: 2 }),
      g(2025, 3, '个', '产业基地', approx),
    ],
    baselines: [],
    items: [],
  },
  'pudong-synbio-2023.txt': {
    goals: [g(2025, 10, '家', '头部企业'), g(2025, 3, '个', '顶尖科学家'), g(2025, 3, '个', '创新载体', { valueMax: 5 })],
    baselines: [],
    items: [],
  },
  'henan-bioeconomy-2022.txt': {
    goals: [g(2025, 5000, '亿元', '生物经济增加值'), g(2025, 7, '%', '比重', approx), g(2025, 10, '%', '年均增长', approx)],
    baselines: [],
    items: [],
  },
  'heilongjiang-bioeconomy-2022.txt': {
    goals: [g(2025, 4200, '亿元', '生物经济总规模'), g(2025, 10, '%', '比重')],
    baselines: [],
    items: [],
  },
  'changsha-bioeconomy-2023.txt': {
    goals: [
      g(2025, 2000, '亿元', '生物医药产业规模'),
      g(2025, 1000, '名', '人才'),
      g(2025, 1200, '亿元', '产业规模'),
      g(2025, 800, '亿元', '产业规模'),
      g(2025, 100, '亿元', '种业总产值'),
    ],
    baselines: [],
    items: [],
  },
  'pudong-biomed-parks-2025.txt': {
    goals: [
      g(2027, 5000, '亿元', '生物医药产业规模'),
      g(2027, 1000, '亿元', '工业产值'),
      g(2027, 35, '%', '创新药械产值占比', { valueMax: 40 }),
      g(2027, 15, '个', '1类新药'),
      g(2027, 2, '个', '创新药', { valueMax: 4 }),
      g(2027, 2, '倍', '全球首发产品', { relative: true }),
      g(2027, 1, '家', '创新药企', { valueMax: 2 }),
      g(2027, 1, '个', '单品', { valueMax: 2 }),
      g(2027, 10, '个', '创新药械产品'),
    ],
    baselines: [],
    items: [],
  },
  'pudong-biomed-2022.txt': {
    // 未来三年 in the 2022—2024 plan.
    goals: [g(2024, 4000, '亿元', '产业规模')],
    baselines: [{ year: 2021, value: 2700, unit: '亿元', metric: '生物医药产业规模' }],
    items: [],
  },
  'guangdong-biomfg-2025.txt': {
    goals: [
      g(2027, 40, '%', '核心菌种自主率', approx),
      g(2027, 3, '个', '创新平台', { valueMax: 5 }),
      g(2027, 10, '家', '百亿元级企业'),
      g(2027, 20, '家', '五十亿元级企业', approx),
      g(2027, 5000, '亿元', '产业总产值', approx),
      g(2035, 1, '万亿元', '产业总产值'),
    ],
    baselines: [],
    items: [],
  },
  'guangdong-biomfg-enabling-measures.txt': {
    goals: [],
    baselines: [],
    items: [
      {
        key: '支持关键核心技术攻关',
        units: ['省工业和信息化厅', '科技厅', '省发展改革委', '财政厅', '国资委'],
        lead: ['省工业和信息化厅', '科技厅'],
        co: ['省发展改革委', '财政厅', '国资委'],
      },
    ],
  },
  'chongqing-service-consumption-2025.txt': {
    goals: [g(2027, 40, '%', '比重'), g(2035, 45, '%', '比重')],
    baselines: [],
    items: [{ key: '建设国际美食名城', units: ['市商务委', '市文化旅游委', '市市场监管局'] }],
  },
  'shenzhen-bioindustry-2009.txt': {
    goals: [],
    baselines: [{ year: 2008, value: 358.5, unit: '亿元', metric: '生物产业销售收入' }],
    items: [],
  },
  'yunnan-biomed-2018.txt': {
    goals: [
      g(2020, 610, '亿元', '现代中药'),
      g(2020, 140, '亿元', '特色保健品'),
      g(2025, 1000, '亿元', '现代中药'),
      g(2025, 400, '亿元', '特色保健品'),
    ],
    baselines: [],
    items: [],
  },
  'shandong-health-industry-2023.txt': {
    // 发展成效 describes 2022: every figure there is a baseline, none a goal.
    goals: [],
    baselines: [
      { year: 2022, value: 5600, unit: '亿元', metric: '医养健康产业增加值' },
      { year: 2022, value: 36, unit: '%', metric: '增长' },
      { year: 2022, value: 8, unit: '%', metric: '年平均增速' },
      { year: 2022, value: 6.4, unit: '%', metric: '比重' },
    ],
    items: [],
  },
  // The three texts below were added after the parser work and measured before any change for them.
  'hangzhou-synbio-2024-repost.txt': {
    goals: [g(2026, 400, '亿元', '合成生物制造业总产值')],
    baselines: [],
    items: [],
  },
  'shenzhen-biomed-cluster-2022.txt': {
    goals: [
      g(2025, 400, '亿元', '增加值'),
      g(2025, 1000, '亿元', '营业收入'),
      g(2025, 8, '家', '企业', { valueMax: 10 }),
      g(2025, 40, '家', '上市企业'),
      g(2025, 5, '家', '企业'),
      g(2025, 15, '家', '企业'),
      g(2025, 25, '家', '企业'),
    ],
    baselines: [],
    items: [],
  },
  'shanghai-biomed-news-2025.txt': {
    // A news report: present figures, and an official's forecast (预计), which is no plan target.
    goals: [],
    baselines: [
      { year: 2021, value: 7617.14, unit: '亿元', metric: '产业规模' },
      { year: 2024, value: 9847.02, unit: '亿元', metric: '产业规模' },
      { year: 2024, value: 8.94, unit: '%', metric: '年均复合增长率' },
      { year: 2025, value: 5005.66, unit: '亿元', metric: '上半年' },
      { year: 2024, value: 2183, unit: '家', metric: '规上企业' },
    ],
    items: [],
  },
};
