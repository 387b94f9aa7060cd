import { createHash } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/test-db.ts';
import type { Database, Db } from '../../db/client.ts';
import { canonicalJson, computeAuditHash, GENESIS_PREV_HASH, type AuditMac } from '../../domain/security/audit-chain.ts';
import { appendAuditRecord } from '../audit/audit.repository.ts';
import { verifyAuditLog } from '../audit/audit.verify.ts';
import { auditMacOf } from './audit-key.ts';
import { keyProvider } from './keyring.ts';

// A database-only attacker: full write access to the database (triggers switched off, as in the tamper test
// of audit-append-only.test.ts), the code and its algorithms, but not the audit key file. Whatever they
// recompute, the chain must not verify. Runs on the embedded database, and on PostgreSQL with DATABASE_URL.

type Row = Record<string, unknown> & { seq: number; at: Date | string };

let t: TestDatabase;
afterAll(async () => t?.cleanup());

async function fresh(database: Database, count: number): Promise<void> {
  await database.execScript('ALTER TABLE audit_log DISABLE TRIGGER USER; DELETE FROM audit_log; DELETE FROM crypto_settings; ALTER TABLE audit_log ENABLE TRIGGER USER;');
  await database.db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    for (let i = 1; i <= count; i++) {
      await appendAuditRecord(
        tx,
        { actorUserId: null, actorUsername: 'sysadmin', actorRole: 'sysadmin', ip: '10.0.0.9', requestId: `req-${i}`, action: 'user.assign-role', objectType: 'user', objectId: `u${i}`, outcome: 'success', before: { role: 'leader' }, after: { role: 'commission' } },
        new Date(Date.UTC(2025, 0, 2, 8, 0, i)),
      );
    }
  });
}

async function rows(database: Database): Promise<Row[]> {
  return database.query<Row>(
    `SELECT seq::int AS seq, at, actor_user_id, actor_username, actor_role, ip, request_id, action, object_type, object_id, outcome, before, after, details FROM audit_log ORDER BY seq`,
  );
}

/** Rewrites every record's links and hashes with `hashOf` (the attacker's best effort), triggers off. */
async function reseal(database: Database, hashOf: (row: Row, prev: string) => string, edit?: (row: Row) => void, fromSeq = 1): Promise<void> {
  const [before] = await database.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = $1', [fromSeq - 1]);
  let prev = before?.hash ?? GENESIS_PREV_HASH;
  const statements: string[] = ['ALTER TABLE audit_log DISABLE TRIGGER USER;'];
  for (const row of (await rows(database)).filter((r) => r.seq >= fromSeq)) {
    edit?.(row);
    const hash = hashOf(row, prev);
    statements.push(
      `UPDATE audit_log SET after = '${JSON.stringify(row.after)}'::jsonb, request_id = ${row.request_id === null ? 'NULL' : `'${String(row.request_id)}'`}, prev_hash = '${prev}', hash = '${hash}' WHERE seq = ${row.seq};`,
    );
    prev = hash;
  }
  statements.push('ALTER TABLE audit_log ENABLE TRIGGER USER;');
  await database.execScript(statements.join('\n'));
}

const legacyHash = (row: Row, prev: string) =>
  computeAuditHash({
    seq: row.seq,
    at: new Date(row.at).toISOString(),
    actorUserId: row.actor_user_id as string | null,
    actorUsername: row.actor_username as string | null,
    actorRole: row.actor_role as string | null,
    ip: row.ip as string | null,
    action: row.action as string,
    objectType: row.object_type as string | null,
    objectId: row.object_id as string | null,
    outcome: row.outcome as 'success',
    before: row.before,
    after: row.after,
    details: row.details,
    prevHash: prev,
  });

const keyedWith = (mac: AuditMac) => (row: Row, prev: string) =>
  mac.mac(
    canonicalJson({
      action: row.action, actorRole: row.actor_role, actorUserId: row.actor_user_id, actorUsername: row.actor_username, after: row.after,
      at: new Date(row.at).toISOString(), before: row.before, chain: mac.scheme, details: row.details, ip: row.ip, objectId: row.object_id,
      objectType: row.object_type, outcome: row.outcome, prevHash: prev, requestId: row.request_id, seq: row.seq,
    }),
  );

const grantSysadmin = (row: Row) => {
  if (row.seq === 3) row.after = { role: 'sysadmin' };
};

describe('a database-only attacker cannot forge a chain that verifies', () => {
  beforeEach(async () => {
    t ??= await createTestDatabase();
    await fresh(t.database, 5);
    expect(await verifyAuditLog(t.database.db)).toEqual({ ok: true, checked: 5, firstBroken: null });
  }, 180_000);

  it('the stored hash is a keyed MAC: the attacker’s own computation with the right algorithm but a guessed key does not match', async () => {
    await reseal(t.database, keyedWith(auditMacOf('gm', Buffer.alloc(32, 7))), grantSysadmin);
    expect((await verifyAuditLog(t.database.db)).firstBroken).toMatchObject({ seq: 1, reason: 'hash-mismatch' });
    // The same computation with the installation's key verifies: the key is the only thing the attacker lacks.
    await reseal(t.database, keyedWith(auditMacOf('gm', keyProvider().current('audit'))), grantSysadmin);
    expect(await verifyAuditLog(t.database.db)).toEqual({ ok: true, checked: 5, firstBroken: null });
  });

  it('request_id is covered: changing only it breaks the record (issue 18, item 9)', async () => {
    await t.database.execScript(`ALTER TABLE audit_log DISABLE TRIGGER USER; UPDATE audit_log SET request_id = 'req-forged' WHERE seq = 4; ALTER TABLE audit_log ENABLE TRIGGER USER;`);
    expect((await verifyAuditLog(t.database.db)).firstBroken).toMatchObject({ seq: 4, reason: 'hash-mismatch' });
  });

  it('re-sealing the tail from the changed record with plain SHA-256 fails at that record', async () => {
    await reseal(t.database, legacyHash, grantSysadmin, 3);
    expect((await verifyAuditLog(t.database.db)).firstBroken).toMatchObject({ seq: 3, reason: 'hash-mismatch' });
  });

  it('re-sealing the whole log with plain SHA-256 (as before the chain was keyed) fails: the newest record must be keyed', async () => {
    await reseal(t.database, legacyHash, grantSysadmin);
    expect((await verifyAuditLog(t.database.db)).firstBroken).toMatchObject({ seq: 5, reason: 'not-keyed' });
  });

  it('… also when the recorded suite is deleted as well', async () => {
    await reseal(t.database, legacyHash, grantSysadmin);
    await t.database.execScript('DELETE FROM crypto_settings');
    expect((await verifyAuditLog(t.database.db)).ok).toBe(false);
  });

  it('switching the recorded suite (gm → intl) does not make a forged chain pass', async () => {
    await t.database.execScript(`UPDATE crypto_settings SET suite = 'intl'`);
    expect((await verifyAuditLog(t.database.db)).firstBroken).toMatchObject({ seq: 1, reason: 'hash-mismatch' });
  });

  it('an unchanged log still verifies, and SHA-256 alone is not what is stored', async () => {
    const [first] = await rows(t.database);
    const [stored] = await t.database.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = 1');
    expect(stored!.hash).not.toBe(legacyHash(first!, GENESIS_PREV_HASH));
    expect(stored!.hash).not.toBe(createHash('sha256').update(canonicalJson(first)).digest('hex'));
    expect((await verifyAuditLog(t.database.db)).ok).toBe(true);
  });
});
