import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const YOUNG_GENERATION = '--max-semi-space-size=32';

// Decision 0042: the server and the bench run with a 32 MB semi-space. V8 takes the size only at start-up
// (v8.setFlagsFromString afterwards changes nothing), so every way of starting them must pass it.
describe('the Node flags of the server and the bench', () => {
  it('are passed by npm start and npm run bench', () => {
    const scripts = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['start']).toBe(`node ${YOUNG_GENERATION} bin/biomfg.mjs serve`);
    expect(scripts['bench']).toBe(`node ${YOUNG_GENERATION} bin/biomfg.mjs bench`);
  });

  it('reach the process when the command line is run as npx biomfg runs it (through its first line)', async () => {
    // A preloaded script reports what Node was started with, then the command prints its help.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'biomfg-flags-'));
    const probe = path.join(dir, 'probe.cjs');
    fs.writeFileSync(probe, `process.stderr.write('EXEC_ARGV ' + JSON.stringify(process.execArgv) + '\\n');`);
    try {
      const { stdout, stderr } = await promisify(execFile)(path.join(REPO_ROOT, 'bin/biomfg.mjs'), ['--help'], { cwd: REPO_ROOT, env: { ...process.env, NODE_OPTIONS: `--require ${probe}` } });
      expect(stdout).toContain('biomfg');
      const line = stderr.split('\n').find((l) => l.startsWith('EXEC_ARGV '));
      expect(JSON.parse(line!.slice('EXEC_ARGV '.length))).toContain(YOUNG_GENERATION);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
