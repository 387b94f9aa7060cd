import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/test-db.ts';
import { openDatabase, type Database, type Db } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { keyProviderFor, useKeyProvider, type KeyProvider } from '../crypto/keyring.ts';
import { appendAuditRecord } from './audit.repository.ts';
import { verifyAuditLog } from './audit.verify.ts';

// The append-only rule is the database's (a trigger), not only the application's: it holds for any client.
// Runs on the embedded database, and on PostgreSQL when DATABASE_URL is set.

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

async function appendRecords(database: Database, count: number): Promise<void> {
  await database.db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    for (let i = 1; i <= count; i++) {
      await appendAuditRecord(
        tx,
        { actorUserId: null, actorUsername: 'secadmin', actorRole: 'secadmin', ip: '10.0.0.7', requestId: `req-${i}`, action: 'user.role', objectType: 'user', objectId: `u${i}`, outcome: 'success', before: { role: 'leader' }, after: { role: 'commission' } },
        new Date(Date.UTC(2024, 5, 1, 9, 0, i)),
      );
    }
  });
}

/** What an attacker with superuser rights could do: switch the trigger off, rewrite a record, switch it on. */
async function tamper(database: Database, seq: number): Promise<void> {
  await database.execScript(
    `ALTER TABLE audit_log DISABLE TRIGGER USER;
     UPDATE audit_log SET after = '{"role": "sysadmin"}'::jsonb WHERE seq = ${seq};
     ALTER TABLE audit_log ENABLE TRIGGER USER;`,
  );
}

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await appendRecords(t.database, 5);
}, 180_000);
afterAll(async () => t?.cleanup());

describe('audit_log is append-only in the database', () => {
  it('refuses UPDATE', async () => {
    await expect(t.database.query(`UPDATE audit_log SET outcome = 'failure' WHERE seq = 2`)).rejects.toThrow(/audit_log is append-only: UPDATE is not allowed/);
  });

  it('refuses DELETE', async () => {
    await expect(t.database.query('DELETE FROM audit_log WHERE seq = 5')).rejects.toThrow(/audit_log is append-only: DELETE is not allowed/);
  });

  it('refuses TRUNCATE', async () => {
    await expect(t.database.query('TRUNCATE audit_log')).rejects.toThrow(/audit_log is append-only: TRUNCATE is not allowed/);
  });

  it('still has every record, and the chain verifies', async () => {
    const [count] = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    expect(count!.n).toBe(5);
    expect(await verifyAuditLog(t.database.db)).toEqual({ ok: true, checked: 5, firstBroken: null });
  });

  it('names exactly the record changed behind the trigger’s back', async () => {
    await tamper(t.database, 3);
    const result = await verifyAuditLog(t.database.db);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({ seq: 3, at: '2024-06-01T09:00:03.000Z' });
    // The trigger is back on.
    await expect(t.database.query(`UPDATE audit_log SET outcome = 'failure' WHERE seq = 3`)).rejects.toThrow(/append-only/);
  });
});

// The command line part needs only the embedded engine; the PostgreSQL run skips it.
describe.skipIf(!!process.env.DATABASE_URL)('biomfg audit verify on a tampered embedded folder', () => {
  let dataDir: string;
  let previous: KeyProvider | null = null;
  // The records are keyed with the folder's audit key file, which the command reads as an operator's would.
  const keyFile = () => path.join(dataDir, 'audit.key');
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'biomfg-audit-cli-'));
    previous = useKeyProvider(keyProviderFor({ env: 'test', dataDir, secretKeyFile: undefined, auditKeyFile: keyFile() }));
    const database = await openDatabase({ dataDir });
    try {
      await migrate(database);
      await appendRecords(database, 6);
      await tamper(database, 4);
    } finally {
      await database.close();
    }
  }, 180_000);
  afterAll(() => {
    useKeyProvider(previous);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function auditVerify(auditKeyFile: string): Promise<{ code: number | null; output: string }> {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, AUDIT_KEY_FILE: auditKeyFile };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [path.join(REPO, 'bin/biomfg.mjs'), 'audit', 'verify'], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (output += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (output += s));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    return { code, output };
  }

  it('the audit key file was created with mode 600', () => {
    expect(fs.statSync(keyFile()).mode & 0o777).toBe(0o600);
  });

  it('exits non-zero naming the record number', { timeout: 180_000 }, async () => {
    const { code, output } = await auditVerify(keyFile());
    expect(code, output).not.toBe(0);
    expect(code).toBe(3);
    expect(output).toMatch(/audit chain broken at record #4\b/);
    expect(output).toContain('2024-06-01T09:00:04.000Z');
  });
});

describe.skipIf(!!process.env.DATABASE_URL)('biomfg audit verify without the audit key', () => {
  it('says the key is missing and exits 4, and creates no key', { timeout: 180_000 }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'biomfg-audit-nokey-'));
    const previous = useKeyProvider(keyProviderFor({ env: 'test', dataDir, secretKeyFile: undefined, auditKeyFile: path.join(dataDir, 'audit.key') }));
    try {
      const database = await openDatabase({ dataDir });
      try {
        await migrate(database);
        await appendRecords(database, 2);
      } finally {
        await database.close();
      }
      const missing = path.join(dataDir, 'elsewhere', 'audit.key');
      const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, AUDIT_KEY_FILE: missing };
      delete env.DATABASE_URL;
      const child = spawn(process.execPath, [path.join(REPO, 'bin/biomfg.mjs'), 'audit', 'verify'], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.setEncoding('utf8').on('data', (s: string) => (output += s));
      child.stderr.setEncoding('utf8').on('data', (s: string) => (output += s));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code, output).toBe(4);
      expect(output).toContain('the audit key is missing, and audit verify needs it');
      expect(output).toContain(missing);
      expect(fs.existsSync(missing)).toBe(false);
    } finally {
      useKeyProvider(previous);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
