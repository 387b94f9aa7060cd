import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliOnSuiteEngine } from '../../../../test/cli-runner.ts';
import { readSeedPolicyText } from '../../seed/seed-plan.ts';

// `biomfg supervision board|bulletin` (SPEC §11) through the command line's entry point, on the engine the
// suite runs on; the shipped plan is installed by the command itself on a fresh database.

const cli = cliOnSuiteEngine('biomfg-supervision-cli-');
const biomfg = cli.biomfg;

/** Measure × unit pairs of the shipped policy, counted from its text (independent of the parser's output). */
function expectedItemCount(): number {
  const text = readSeedPolicyText();
  let count = 0;
  for (const paragraph of text.split('\n')) {
    const units = /[(（]责任单位[:：](.+)[)）]\s*$/.exec(paragraph.trim());
    if (!units) continue;
    const unitCount = units[1]!.replace(/[(（][^()（）]*[)）]/g, '').split('、').length;
    count += unitCount;
  }
  return count;
}

describe('biomfg supervision', () => {
  it('prints the board as JSON in the documented shape', async () => {
    const r = await biomfg('supervision', 'board', '--year', '2026', '--json');
    expect(r.code, r.stderr).toBe(0);
    const board = JSON.parse(r.stdout) as { items: Record<string, unknown>[]; units: Record<string, unknown>[] };
    expect(Object.keys(board)).toEqual(['items', 'units']);
    for (const item of board.items) {
      expect(Object.keys(item)).toEqual(['key', 'task', 'unit', 'role', 'status', 'due']);
      expect(['green', 'blue', 'yellow', 'red']).toContain(item.status);
      expect(['lead', 'co']).toContain(item.role);
    }
    const first = board.items.filter((i) => String(i.key).startsWith('task-01-m1'));
    expect(first.map((i) => [i.task, i.unit, i.role])).toEqual([
      ['六(一)', '区经委', 'lead'],
      ['六(一)', '区科委', 'co'],
      ['六(一)', '区投资促进办', 'co'],
    ]);
    expect(board.items.some((i) => i.task === '七(四)' && i.unit === '区规划资源局' && i.role === 'lead')).toBe(true);
    // Every task's units appear once per measure: at least one item per named unit of each task.
    expect(board.items.length).toBeGreaterThanOrEqual(expectedItemCount());
    for (const u of board.units) {
      expect(Object.keys(u)).toEqual(['name', 'onTimeRate', 'overdue', 'score']);
      expect(u.onTimeRate).toBeGreaterThanOrEqual(0);
      expect(u.onTimeRate).toBeLessThanOrEqual(1);
    }
    const human = await biomfg('supervision', 'board', '--year', '2026');
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('task-01-m1\t六(一)\t区经委\tlead');
  }, 180_000);

  it('writes the bulletin as a .docx and refuses a bad period with a located message', async () => {
    const file = path.join(cli.dataDir, 'bulletin.docx');
    const r = await biomfg('supervision', 'bulletin', '--period', '2026-03', '--out', file, '--json');
    expect(r.code, r.stderr).toBe(0);
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(JSON.parse(r.stdout)).toMatchObject({ period: '2026-03', bytes: bytes.length });
    const bad = await biomfg('supervision', 'bulletin', '--period', '2026-13', '--out', file);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--period');
    const badYear = await biomfg('supervision', 'board', '--year', 'next');
    expect(badYear.code).toBe(2);
  }, 120_000);
});
