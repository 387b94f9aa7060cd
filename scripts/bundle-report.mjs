#!/usr/bin/env node
// Bundle-size report (issue 17, first load): builds the web app in memory (web/dist is not touched) and
// prints what the first screen loads before any page code, what each page adds on top, and the largest
// chunks, in raw, gzip and brotli bytes. `--check` exits 1 when the first screen is over its gzip budget.
//
//   npm run bench:bundle [-- --check] [-- --json FILE]
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { build } from 'vite';

/** The first screen's budget (issue 17): main bundle ≤ 250 KB gzip. */
const INITIAL_GZIP_BUDGET = 250 * 1024;

const args = process.argv.slice(2);
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;
process.env.NODE_ENV = 'production';
const result = await build({
  configFile: fileURLToPath(new URL('../web/vite.config.ts', import.meta.url)),
  mode: 'production',
  logLevel: 'warn',
  build: { write: false },
});
const output = (Array.isArray(result) ? result[0] : result).output;
const files = new Map(output.map((o) => [o.fileName, o]));
const bytesOf = (o) => Buffer.from(o.type === 'chunk' ? o.code : o.source);
const size = new Map();
for (const [name, o] of files) {
  const raw = bytesOf(o);
  size.set(name, {
    raw: raw.length,
    gzip: zlib.gzipSync(raw, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  });
}

/** A chunk with everything it imports statically, and the CSS they bring. */
function closure(start) {
  const seen = new Set();
  const stack = [...start];
  while (stack.length) {
    const name = stack.pop();
    if (seen.has(name)) continue;
    seen.add(name);
    const o = files.get(name);
    if (o?.type !== 'chunk') continue;
    stack.push(...o.imports);
    for (const css of o.viteMetadata?.importedCss ?? []) stack.push(css);
  }
  return seen;
}
const total = (names) => [...names].reduce((s, n) => ({ raw: s.raw + size.get(n).raw, gzip: s.gzip + size.get(n).gzip, brotli: s.brotli + size.get(n).brotli }), { raw: 0, gzip: 0, brotli: 0 });
const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(10);
const line = (label, t, count) => `${label.padEnd(34)} ${String(count).padStart(3)} files ${kb(t.raw)} raw ${kb(t.gzip)} gzip ${kb(t.brotli)} br`;

const entry = output.find((o) => o.type === 'chunk' && o.isEntry);
const initial = closure([entry.fileName]);
const initialTotal = total(initial);
const pages = output
  .filter((o) => o.type === 'chunk' && o.isDynamicEntry)
  .map((o) => {
    const extra = new Set([...closure([o.fileName])].filter((n) => !initial.has(n)));
    if (process.env.DEBUG_BUNDLE) console.log(o.name, [...extra]);
    return { page: o.name, files: extra.size, ...total(extra) };
  })
  .sort((a, b) => b.gzip - a.gzip);
const everything = total(files.keys());

console.log('\nFirst screen (entry and its static imports, before any page code):');
console.log(line('  initial', initialTotal, initial.size));
for (const name of [...initial].sort((a, b) => size.get(b).gzip - size.get(a).gzip)) console.log(line(`    ${name}`, size.get(name), 1));
console.log(`  budget: ${kb(INITIAL_GZIP_BUDGET).trim()} gzip — ${initialTotal.gzip <= INITIAL_GZIP_BUDGET ? 'within' : 'OVER'}`);
console.log('\nWhat each page adds on top of the first screen:');
for (const p of pages) console.log(line(`  ${p.page}`, p, p.files));
console.log('\nLargest chunks:');
for (const name of [...files.keys()].sort((a, b) => size.get(b).gzip - size.get(a).gzip).slice(0, 10)) console.log(line(`  ${name}`, size.get(name), 1));
console.log(`\n${line('all files', everything, files.size)}`);

if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify({ initial: { files: [...initial], ...initialTotal }, budget: INITIAL_GZIP_BUDGET, pages, all: { files: files.size, ...everything } }, null, 2)}\n`);
if (args.includes('--check') && initialTotal.gzip > INITIAL_GZIP_BUDGET) {
  console.error(`\nthe first screen is ${kb(initialTotal.gzip).trim()} gzip, over the budget of ${kb(INITIAL_GZIP_BUDGET).trim()}`);
  process.exit(1);
}
