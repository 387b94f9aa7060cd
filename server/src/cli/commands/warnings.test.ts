import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/test-db.ts';
import { runBiomfg } from '../../../../test/cli-runner.ts';

// `biomfg warnings evaluate [--json]` through the command line's entry point, on a small demo data set, on
// the engine the suite runs on. Operators' scripts rely on the exact JSON shape (SPEC §11).

let test: TestDatabase | undefined;
let env: Record<string, string | undefined>;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'biomfg-warnings-cli-'));
  if (process.env.DATABASE_URL) {
    test = await createTestDatabase();
    env = { DATABASE_URL: test.url, DATA_DIR: dir };
  } else {
    env = { DATABASE_URL: undefined, DATA_DIR: dir };
  }
  const seeded = await runBiomfg(env, ['seed', '--demo', '--enterprises', '20', '--seed', '7']);
  expect(seeded.code, seeded.stderr).toBe(0);
}, 300_000);
afterAll(async () => {
  await test?.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

const biomfg = (...args: string[]) => runBiomfg(env, args);

describe('biomfg warnings evaluate', () => {
  it('prints exactly {opened, updated, closed, open:[{rule, level, subjectKind, subjectKey}]}; the demo seed already evaluated, so nothing new opens', async () => {
    const first = await biomfg('warnings', 'evaluate', '--json');
    expect(first.code, first.stderr).toBe(0);
    const out = JSON.parse(first.stdout);
    expect(Object.keys(out)).toEqual(['opened', 'updated', 'closed', 'open']);
    expect(out).toMatchObject({ opened: 0, updated: 0, closed: 0 });
    expect(out.open.length).toBeGreaterThan(0);
    for (const w of out.open) {
      expect(Object.keys(w)).toEqual(['rule', 'level', 'subjectKind', 'subjectKey']);
      expect(['blue', 'yellow', 'orange', 'red']).toContain(w.level);
    }
    const second = JSON.parse((await biomfg('warnings', 'evaluate', '--json')).stdout);
    expect(second).toEqual({ opened: 0, updated: 0, closed: 0, open: out.open });
  }, 180_000);

  it('prints a human summary without --json', async () => {
    const run = await biomfg('warnings', 'evaluate');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/opened 0, updated 0, closed 0, open \d+/);
  }, 180_000);
});
