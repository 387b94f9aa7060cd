import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ParsedPolicy } from '../../../../contracts/plan-parse.ts';

/**
 * Test helpers (not imported by production code). CI places the shared policy folder beside the checkout,
 * so the policy is found relative to the repository root — the nearest folder up from here whose
 * package.json is this project's — never by a fixed number of "../".
 */
export function findRepoRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'biomfg') return dir;
    if (path.dirname(dir) === dir) throw new Error('repository root (package.json of biomfg) not found');
  }
}

/** The policy from the shared folder beside the checkout, or the copy the product ships when that is absent. */
export function readSharedPolicy(fileName: string): string {
  const root = findRepoRoot();
  const shared = path.resolve(root, '..', 'shared', 'policy', fileName);
  const bundled = path.join(root, 'server', 'src', 'seed', 'policy', fileName);
  return readFileSync(existsSync(shared) ? shared : bundled, 'utf8');
}

export function readFixture(fileName: string): string {
  return readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', fileName), 'utf8');
}

export const FIXTURE_FILES = [
  'action-plan-synbio-2024.txt',
  'goals-compound.txt',
  'goals-forms.txt',
  'horizons-doc-date.txt',
  'horizons-doc-number.txt',
  'measures-articles.txt',
  'numbering-run-on.txt',
  'undated-goals.txt',
  'unit-forms.txt',
];

/** Every range the result carries, with a label for failure messages. */
export function allRanges(result: ParsedPolicy): { what: string; start: number; end: number }[] {
  return [
    ...result.goals.flatMap((g) => [g.source, ...(g.sources ?? [])].map((r) => ({ what: `goal ${g.metric}`, ...r }))),
    ...(result.baselines ?? []).map((b) => ({ what: `baseline ${b.metric}`, ...b.source })),
    ...result.domains.map((d) => ({ what: `domain ${d.name}`, ...d.source })),
    ...result.zones.map((z) => ({ what: `zone ${z.name}`, ...z.source })),
    ...result.tasks.flatMap((t) => [
      { what: `task ${t.number}`, ...t.source },
      ...(t.unitSources ?? []).map((r) => ({ what: `units of task ${t.number}`, ...r })),
      ...t.measures.flatMap((m) => [m.source, ...(m.unitSources ?? [])].map((r) => ({ what: `measure ${m.title}`, ...r }))),
    ]),
    ...result.warnings.map((w) => ({ what: `warning ${w.message}`, start: w.start, end: w.end })),
  ];
}
