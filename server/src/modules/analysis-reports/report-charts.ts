import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';

/**
 * Charts of the analysis report, rendered on the server: ECharts' server-side SVG, then resvg to PNG with the
 * bundled Noto Sans SC. System fonts are never loaded, so a fresh machine without Chinese fonts renders the
 * same glyphs as a developer's (a missing font would silently drop every Chinese character).
 */
const require = createRequire(import.meta.url);
export const CHART_FONT_FILE = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
const FONT_FAMILY = 'Noto Sans SC';

export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 400;
/** The PNG is rendered at twice the layout size, sharp when printed. */
export const CHART_SCALE = 2;

export interface RenderedChart {
  png: Buffer;
  width: number;
  height: number;
}

export function renderChart(option: echarts.EChartsOption): RenderedChart {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height: CHART_HEIGHT });
  chart.setOption({ animation: false, backgroundColor: '#ffffff', textStyle: { fontFamily: FONT_FAMILY }, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  const resvg = new Resvg(svg, {
    font: { fontFiles: [CHART_FONT_FILE], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
    fitTo: { mode: 'width', value: CHART_WIDTH * CHART_SCALE },
  });
  const image = resvg.render();
  return { png: Buffer.from(image.asPng()), width: image.width, height: image.height };
}

const title = (text: string) => ({ text, left: 'center', top: 8, textStyle: { fontSize: 18, fontWeight: 'normal' as const, color: '#1f1f1f', fontFamily: FONT_FAMILY } });

/** Monthly trend: this year, last year, and the milestone's year-to-date line. */
export function trendChart(args: {
  title: string;
  labels: { thisYear: string; lastYear: string; milestone: string };
  months: number[];
  thisYear: (number | null)[];
  lastYear: (number | null)[];
  milestoneYtd: (number | null)[] | null;
  thisYearYtd: (number | null)[];
}): RenderedChart {
  const series: echarts.SeriesOption[] = [
    { name: args.labels.thisYear, type: 'bar', data: args.thisYear, itemStyle: { color: '#1677ff' } },
    { name: args.labels.lastYear, type: 'bar', data: args.lastYear, itemStyle: { color: '#bfbfbf' } },
  ];
  if (args.milestoneYtd) {
    series.push({ name: `${args.labels.thisYear} YTD`, type: 'line', yAxisIndex: 1, data: args.thisYearYtd, itemStyle: { color: '#0958d9' } });
    series.push({ name: args.labels.milestone, type: 'line', yAxisIndex: 1, data: args.milestoneYtd, lineStyle: { type: 'dashed', color: '#cf1322' }, itemStyle: { color: '#cf1322' } });
  }
  return renderChart({
    title: title(args.title),
    legend: { bottom: 4 },
    grid: { left: 60, right: 60, top: 56, bottom: 56 },
    xAxis: { type: 'category', data: args.months.map((m) => `${m}月`) },
    yAxis: [{ type: 'value', name: '亿元' }, { type: 'value', name: '累计', show: Boolean(args.milestoneYtd) }],
    series,
  });
}

/** Fan chart: actual values, then the 10–90 % band and the median, against the milestone line. */
export function fanChart(args: {
  title: string;
  unit: string;
  years: { year: number; p10: number; p50: number; p90: number; actual: boolean }[];
  milestones: { year: number; value: number }[];
  labels: { actual: string; median: string; band: string; milestone: string };
}): RenderedChart {
  const years = args.years.map((y) => y.year);
  const actual = args.years.map((y) => (y.actual ? y.p50 : null));
  const lastActual = args.years.filter((y) => y.actual).at(-1);
  const median = args.years.map((y) => (!y.actual || y === lastActual ? y.p50 : null));
  const low = args.years.map((y) => (!y.actual || y === lastActual ? y.p10 : null));
  const width = args.years.map((y) => (!y.actual || y === lastActual ? y.p90 - y.p10 : null));
  const milestone = years.map((y) => args.milestones.find((m) => m.year === y)?.value ?? null);
  return renderChart({
    title: title(args.title),
    legend: { bottom: 4, data: [args.labels.actual, args.labels.median, args.labels.band, args.labels.milestone] },
    grid: { left: 60, right: 30, top: 56, bottom: 56 },
    xAxis: { type: 'category', data: years.map(String) },
    yAxis: { type: 'value', name: args.unit },
    series: [
      { name: 'low', type: 'line', data: low, stack: 'band', lineStyle: { opacity: 0 }, symbol: 'none' },
      { name: args.labels.band, type: 'line', data: width, stack: 'band', lineStyle: { opacity: 0 }, areaStyle: { color: 'rgba(22,119,255,0.25)' }, symbol: 'none', itemStyle: { color: 'rgba(22,119,255,0.4)' } },
      { name: args.labels.actual, type: 'line', data: actual, itemStyle: { color: '#262626' } },
      { name: args.labels.median, type: 'line', data: median, lineStyle: { type: 'dashed' }, itemStyle: { color: '#1677ff' } },
      { name: args.labels.milestone, type: 'line', data: milestone, lineStyle: { type: 'dotted', width: 2 }, itemStyle: { color: '#cf1322' } },
    ],
  });
}
