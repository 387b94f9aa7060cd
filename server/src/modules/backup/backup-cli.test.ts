import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { readBackupLines, seedSample, snapshotDatabase, writeBackupLines } from './backup-test-helpers.ts';

// `biomfg backup` / `biomfg restore` as an operator runs them, on an embedded data folder.

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

function biomfg(dataDir: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [path.join(REPO, 'bin/biomfg.mjs'), ...args], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe.skipIf(!!process.env.DATABASE_URL)('biomfg backup and restore', () => {
  let dir: string;
  let dataDir: string;
  let file: string;
  let before: Record<string, string[]>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'biomfg-backup-cli-'));
    dataDir = path.join(dir, 'data');
    file = path.join(dir, 'nightly.backup.gz');
    const database = await openDatabase({ dataDir });
    try {
      await migrate(database);
      await seedSample(database, { users: 1, auditRecords: 3 });
      before = await snapshotDatabase(database);
    } finally {
      await database.close();
    }
  }, 240_000);
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes a backup with progress, and refuses to overwrite it without --force', { timeout: 240_000 }, async () => {
    const first = await biomfg(dataDir, 'backup', file);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/backup written: .*nightly\.backup\.gz/);
    expect(first.stderr).toMatch(/\[backup\] \[#+\] 100% \(\d+\/\d+\)/);
    const written = fs.readFileSync(file);

    const again = await biomfg(dataDir, 'backup', file);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists and was not overwritten; use --force/);
    expect(fs.readFileSync(file).equals(written)).toBe(true);

    const forced = await biomfg(dataDir, 'backup', file, '--force', '--json');
    expect(forced.code, forced.stderr).toBe(0);
    const summary = JSON.parse(forced.stdout);
    expect(summary.rows).toBe(Object.entries(before).filter(([t]) => t !== 'schema_migrations').reduce((n, [, rows]) => n + rows.length, 0));
    expect(fs.readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('refuses to replace existing data without --yes, and says so', { timeout: 120_000 }, async () => {
    const result = await biomfg(dataDir, 'restore', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/already holds data .*Rerun with --yes/s);
  });

  it('refuses a damaged file with a located message and changes nothing', { timeout: 120_000 }, async () => {
    const lines = readBackupLines(file);
    const damaged = path.join(dir, 'damaged.backup.gz');
    writeBackupLines(damaged, lines.slice(0, -3));
    const result = await biomfg(dataDir, 'restore', damaged, '--yes');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/invalid backup file .*damaged\.backup\.gz.*truncated/);
  });

  it('restores with --yes, reports the audit chain, and the data is the backup’s', { timeout: 240_000 }, async () => {
    const result = await biomfg(dataDir, 'restore', file, '--yes', '--json');
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.auditChain).toMatchObject({ ok: true, checked: before.audit_log!.length });
    expect(result.stderr).toMatch(/\[verify\].*100%/);
    expect(result.stderr).toMatch(/\[restore\].*100%/);
    const database = await openDatabase({ dataDir });
    try {
      expect(await snapshotDatabase(database)).toEqual(before);
    } finally {
      await database.close();
    }
  });
});
