import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { appendAuditRecord } from '../../modules/audit/audit.repository.ts';
import { runBiomfgOnFolder } from '../../../../test/cli-runner.ts';

// `npx biomfg crypto …` as an operator runs it on an embedded folder, through the command line's entry point
// in this process (the keys of a test process are held in memory, shared by the writes and the commands).

const biomfg = (dataDir: string, ...args: string[]) => runBiomfgOnFolder(dataDir, args);

describe.skipIf(!!process.env.DATABASE_URL)('biomfg crypto', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'biomfg-crypto-cli-'));
    const database = await openDatabase({ dataDir });
    process.env.CRYPTO_SUITE = 'intl'; // an installation that chose intl at its first start
    try {
      await migrate(database);
      await database.db.transaction(async (tx) => {
        for (let i = 1; i <= 4; i++) {
          await appendAuditRecord(tx as unknown as Db, { actorUserId: null, actorUsername: 'secadmin', actorRole: 'secadmin', ip: null, requestId: `r${i}`, action: 'security.settings-update', outcome: 'success', after: { i } }, new Date());
        }
      });
    } finally {
      delete process.env.CRYPTO_SUITE;
      await database.close();
    }
  }, 180_000);
  afterAll(() => {
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('status shows the recorded suite', { timeout: 120_000 }, async () => {
    const result = await biomfg(dataDir, 'crypto', 'status', '--json');
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ suite: 'intl', migratedAt: null });
  });

  it('migrate --to gm re-chains in one go, then audit verify passes with HMAC-SM3', { timeout: 120_000 }, async () => {
    const migrated = await biomfg(dataDir, 'crypto', 'migrate', '--to', 'gm');
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(migrated.stdout).toMatch(/migrated intl → gm: 0 sealed value\(s\) re-sealed, 4 audit record\(s\) re-chained; audit verify: intact, 5 records/);
    const verified = await biomfg(dataDir, 'audit', 'verify');
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/audit chain intact: 5 records verified \(MAC HMAC-SM3\)/);
  });

  it('refuses a missing or unknown --to', { timeout: 60_000 }, async () => {
    expect((await biomfg(dataDir, 'crypto', 'migrate')).code).toBe(2);
    expect((await biomfg(dataDir, 'crypto', 'migrate', '--to', 'des')).code).toBe(2);
  });
});
