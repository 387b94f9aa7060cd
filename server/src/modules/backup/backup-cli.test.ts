import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/test-db.ts';
import { runBiomfgOnFolder } from '../../../../test/cli-runner.ts';
import { openDatabase } from '../../db/client.ts';
import { createBackup } from './backup.service.ts';
import { readBackupLines, seedSample, snapshotDatabase, writeBackupLines } from './backup-test-helpers.ts';

// `biomfg backup` / `biomfg restore` as an operator runs them on an embedded data folder: the command line's
// entry point, run in this process (a child process per command would only add start-up time).

const biomfg = (dataDir: string, ...args: string[]) => runBiomfgOnFolder(dataDir, args);

describe.skipIf(!!process.env.DATABASE_URL)('biomfg backup and restore', () => {
  let dir: string;
  let dataDir: string;
  let file: string;
  let before: Record<string, string[]>;
  let rows: number;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'biomfg-backup-cli-'));
    dataDir = path.join(dir, 'data');
    file = path.join(dir, 'site.backup.gz');
    const source = await createTestDatabase();
    try {
      await seedSample(source.database, { users: 1, auditRecords: 3 });
      before = await snapshotDatabase(source.database);
      rows = (await createBackup(source.database, file)).rows;
    } finally {
      await source.cleanup();
    }
  }, 240_000);
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('restores into a new installation without asking', { timeout: 240_000 }, async () => {
    const result = await biomfg(dataDir, 'restore', file);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/restored .*site\.backup\.gz \(made .* on (pglite|postgres)\)/);
    expect(result.stdout).toMatch(new RegExp(`${rows} rows in \\d+ tables`));
    expect(result.stdout).toMatch(/audit chain: intact, \d+ records verified/);
    expect(result.stderr).toMatch(/\[verify\] \[#+\] 100%/);
    expect(result.stderr).toMatch(/\[restore\] \[#+\] 100%/);
  });

  it('refuses to replace existing data without --yes, and says so', { timeout: 120_000 }, async () => {
    const result = await biomfg(dataDir, 'restore', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/already holds data \(\d+ rows in \d+ tables: .*users \d+.*\)\. Restore replaces all of it; nothing was changed\. Rerun with --yes/s);
  });

  it('writes a backup with progress, and does not overwrite a file without --force', { timeout: 240_000 }, async () => {
    const out = path.join(dir, 'nightly.backup.gz');
    fs.writeFileSync(out, 'precious');
    const refused = await biomfg(dataDir, 'backup', out);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already exists and was not overwritten; use --force/);
    expect(fs.readFileSync(out, 'utf8')).toBe('precious');

    const forced = await biomfg(dataDir, 'backup', out, '--force', '--json');
    expect(forced.code, forced.stderr).toBe(0);
    const summary = JSON.parse(forced.stdout);
    expect(summary).toMatchObject({ file: out, engine: 'pglite', rows });
    expect(forced.stderr).toMatch(/\[backup\] \[#+\] 100% \(\d+\/\d+\)/);
    expect(readBackupLines(out).length).toBe(readBackupLines(file).length);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('refuses a damaged file with a located message and changes nothing', { timeout: 120_000 }, async () => {
    const damaged = path.join(dir, 'damaged.backup.gz');
    writeBackupLines(damaged, readBackupLines(file).slice(0, -3));
    const result = await biomfg(dataDir, 'restore', damaged, '--yes');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/invalid backup file .*damaged\.backup\.gz: the file ends after line \d+ where .* was expected: truncated/);
  });

  it('restores with --yes; the data is the backup’s and `audit verify` passes', { timeout: 300_000 }, async () => {
    const result = await biomfg(dataDir, 'restore', path.join(dir, 'nightly.backup.gz'), '--yes', '--json');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/--yes: replacing the current data/);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ rows, auditChain: { ok: true, checked: before.audit_log!.length } });

    const database = await openDatabase({ dataDir });
    try {
      expect(await snapshotDatabase(database)).toEqual(before);
    } finally {
      await database.close();
    }
    const verify = await biomfg(dataDir, 'audit', 'verify');
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(new RegExp(`audit chain intact: ${before.audit_log!.length} records verified`));
  });
});
