#!/usr/bin/env node
/**
 * Duplicate-code scan: reports blocks of at least MIN_LINES consecutive lines that appear more than once
 * in server/src and web/src (TypeScript sources; tests are skipped unless --tests).
 *
 *   node scripts/find-duplicates.mjs [--min 12] [--tests] [--json]
 *
 * Lines are compared trimmed; blank lines, comment-only lines and import lines are ignored (they say nothing
 * of repeated logic), so re-indented copies are found too. Exits 1 when a duplicate is found, so it can gate.
 */
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const MIN_LINES = Number(args[args.indexOf('--min') + 1]) > 0 && args.includes('--min') ? Number(args[args.indexOf('--min') + 1]) : 12;
const withTests = args.includes('--tests');
const asJson = args.includes('--json');
const ROOTS = ['server/src', 'web/src'];

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    if (!/\.(ts|tsx|mjs)$/.test(entry.name) || entry.name.endsWith('.d.ts')) return [];
    if (!withTests && /\.(test|e2e)\.tsx?$/.test(entry.name)) return [];
    return [full];
  });
}

/** The lines that carry code, with their line numbers. */
function codeLines(file) {
  const out = [];
  let inBlockComment = false;
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((raw, index) => {
      const line = raw.trim();
      if (inBlockComment) {
        if (line.includes('*/')) inBlockComment = false;
        return;
      }
      if (line.startsWith('/*')) {
        if (!line.includes('*/')) inBlockComment = true;
        return;
      }
      if (!line || line.startsWith('//') || line.startsWith('import ') || /^[})\];,]+$/.test(line)) return;
      out.push({ text: line, line: index + 1 });
    });
  return out;
}

const files = ROOTS.flatMap((root) => (fs.existsSync(root) ? sourceFiles(root) : []));
const lines = new Map(files.map((file) => [file, codeLines(file)]));
/** window text → places it starts */
const windows = new Map();
for (const [file, code] of lines) {
  for (let i = 0; i + MIN_LINES <= code.length; i++) {
    const key = code.slice(i, i + MIN_LINES).map((l) => l.text).join('\n');
    const places = windows.get(key) ?? [];
    places.push({ file, index: i });
    windows.set(key, places);
  }
}

// Keep windows seen more than once, then merge overlapping windows of the same pair of places into blocks.
const blocks = new Map();
for (const places of windows.values()) {
  if (places.length < 2) continue;
  const first = places[0];
  for (const other of places.slice(1)) {
    if (other.file === first.file && Math.abs(other.index - first.index) < MIN_LINES) continue;
    const pair = `${first.file}\0${other.file}\0${other.index - first.index}`;
    const list = blocks.get(pair) ?? [];
    list.push({ a: first, b: other });
    blocks.set(pair, list);
  }
}

const found = [];
for (const list of blocks.values()) {
  list.sort((x, y) => x.a.index - y.a.index);
  let start = list[0];
  let end = list[0];
  const flush = () => {
    const a = lines.get(start.a.file);
    const b = lines.get(start.b.file);
    const length = end.a.index - start.a.index + MIN_LINES;
    found.push({
      lines: length,
      a: { file: start.a.file, from: a[start.a.index].line, to: a[end.a.index + MIN_LINES - 1].line },
      b: { file: start.b.file, from: b[start.b.index].line, to: b[end.b.index + MIN_LINES - 1].line },
    });
  };
  for (const next of list.slice(1)) {
    if (next.a.index <= end.a.index + 1) end = next;
    else {
      flush();
      start = next;
      end = next;
    }
  }
  flush();
}
found.sort((x, y) => y.lines - x.lines);

if (asJson) console.log(JSON.stringify(found, null, 2));
else {
  for (const d of found) console.log(`${d.lines} lines: ${d.a.file}:${d.a.from}-${d.a.to}  ≡  ${d.b.file}:${d.b.from}-${d.b.to}`);
  console.log(`${found.length} repeated block(s) of ≥ ${MIN_LINES} code lines in ${files.length} files`);
}
process.exit(found.length ? 1 : 0);
