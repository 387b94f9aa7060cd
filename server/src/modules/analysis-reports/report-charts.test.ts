import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CHART_SCALE, trendChart } from './report-charts.ts';

/** Decodes an 8-bit RGBA, non-interlaced PNG (what resvg writes) into its pixels. */
function decodePng(png: Buffer): { width: number; height: number; pixel: (x: number, y: number) => [number, number, number, number] } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9], data[12]]).toEqual([8, 6, 0]);
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= 4 ? out[y * stride + x - 4]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const c = x >= 4 && y > 0 ? out[(y - 1) * stride + x - 4]! : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const paeth = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      out[y * stride + x] = (v + [0, a, b, (a + b) >> 1, paeth][filter]!) & 0xff;
    }
  }
  return { width, height, pixel: (x, y) => [...out.subarray(y * stride + x * 4, y * stride + x * 4 + 4)] as [number, number, number, number] };
}

describe('server-side charts', () => {
  it('render the Chinese title with the bundled font: dark pixels in the title area of the PNG', () => {
    const chart = trendChart({
      title: '工业总产值月度走势',
      labels: { thisYear: '本年', lastYear: '上年', milestone: '年度目标进度' },
      months: [1, 2, 3],
      thisYear: [10, 8, 12],
      lastYear: [9, 7, 11],
      milestoneYtd: [10, 20, 30],
      thisYearYtd: [10, 18, 30],
    });
    const png = decodePng(chart.png);
    expect(png.width).toBe(800 * CHART_SCALE);
    // The title sits centred in the top 40 layout pixels; nothing else is drawn there.
    let dark = 0;
    for (let y = 0; y < 40 * CHART_SCALE; y++) {
      for (let x = 250 * CHART_SCALE; x < 550 * CHART_SCALE; x++) {
        const [r, g, b, a] = png.pixel(x, y);
        if (a > 200 && r < 100 && g < 100 && b < 100) dark++;
      }
    }
    // Nine CJK glyphs at 18 px leave thousands of dark pixels; a missing font leaves none.
    expect(dark).toBeGreaterThan(500);
  });
});
