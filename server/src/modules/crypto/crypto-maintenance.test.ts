import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/test-db.ts';
import { computeAuditHash, GENESIS_PREV_HASH } from '../../domain/security/audit-chain.ts';
import { keyIdOf, sealedInfo } from '../../domain/security/crypto-suite.ts';
import type { PersonalField } from '../../domain/security/personal-info.ts';
import { sealSecret } from '../../domain/security/secret-box.ts';
import { seedDemo } from '../../seed/seed-demo.ts';
import { verifyAuditLog, verifyAuditLogReport } from '../audit/audit.verify.ts';
import { mfaSecretBox } from '../auth/mfa-secret-key.ts';
import { readBackupLines, snapshotDatabase } from '../backup/backup-test-helpers.ts';
import { createBackup } from '../backup/backup.service.ts';
import { CryptoMaintenanceError, migrateCryptoSuite, rotateKey } from './crypto-maintenance.service.ts';
import { readCryptoSettings } from './crypto-settings.repository.ts';
import { keyProviderFor, useKeyProvider, type KeyProvider } from './keyring.ts';
import { openContactsOf } from '../enterprises/enterprise-contacts.ts';
import { personalFieldBox } from './personal-fields.ts';
import { resealBatch, SEALED_COLUMNS } from './sealed-columns.ts';

// An existing installation (plain SHA-256 records from before the chain was keyed, then intl) with the demo
// data, migrated to gm, then its keys rotated, with an interrupted rotation resumed. Key files live in a
// temporary folder; "after a restart" means a new key provider reading the same files. Both engines.

const console = { actorUserId: null, actorUsername: 'console:test', actorRole: null, ip: null, requestId: null };
const DEMO_MOBILE = '13800001111';
const SEEDS = ['JBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQ', 'MFRGGZDFMZTWQ2LK'];

let t: TestDatabase;
let dir: string;
let previous: KeyProvider | null;
const restarted = () => keyProviderFor({ env: 'test', dataDir: dir, secretKeyFile: path.join(dir, 'secret.key'), auditKeyFile: path.join(dir, 'audit.key'), fieldKeyFile: path.join(dir, 'field.key') });
let keys: KeyProvider;
let userIds: string[];
let personalValues = 0;
let figuresBefore: Record<string, string[]>;

/** Every table but the ones the migration is meant to change, and users without their sealed column. */
async function figures(): Promise<Record<string, string[]>> {
  const all = await snapshotDatabase(t.database);
  delete all.audit_log;
  delete all.crypto_settings;
  // The statistics cache token moves whenever an enterprise row is written (re-sealed contacts): not a figure.
  delete all.stat_generation;
  all.users = all.users!.map((j) => JSON.stringify({ ...JSON.parse(j), mfa_secret: null, updated_at: null }));
  // Contacts compared opened: their ciphertext changes with the suite and the key, the values must not.
  const box = personalFieldBox(restarted());
  all.enterprises = all.enterprises!.map((j) => {
    const row = JSON.parse(j);
    return JSON.stringify({ ...row, contacts: openContactsOf({ id: row.id, contacts: row.contacts, contactName: row.contact_name, contactPhone: row.contact_phone }, box), contact_name: null, contact_phone: null });
  });
  // Personal values in plain columns, compared opened likewise (bound to `<id>:<field>`).
  for (const [table, columns] of [['experts', { phone: 'mobile', email: 'email' }], ['departments', { contact_name: 'name', contact_phone: 'mobile' }], ['platforms', { contact_name: 'name', contact_phone: 'mobile' }], ['supply_demand_postings', { contact_name: 'name', contact_phone: 'mobile' }]] as const) {
    all[table] = all[table]!.map((j) => {
      const row = JSON.parse(j);
      for (const [column, field] of Object.entries(columns)) if (row[column]) row[column] = box.open(row.id, field as PersonalField, row[column]);
      return JSON.stringify(row);
    });
  }
  return all;
}

async function seeds(provider: KeyProvider): Promise<string[]> {
  const rows = await t.database.query<{ id: string; mfa_secret: string }>(`SELECT id::text AS id, mfa_secret FROM users WHERE id::text = ANY($1) ORDER BY array_position($1, id::text)`, [userIds]);
  const box = mfaSecretBox({ env: 'test', dataDir: dir, secretKeyFile: path.join(dir, 'secret.key') }, provider);
  return rows.map((r) => box.open(r.id, r.mfa_secret));
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'biomfg-crypto-'));
  keys = restarted();
  previous = useKeyProvider(keys);
  t = await createTestDatabase();
  // Three records written by the code before the chain was keyed: plain SHA-256.
  let prev = GENESIS_PREV_HASH;
  for (let seq = 1; seq <= 3; seq++) {
    const record = { seq, at: new Date(Date.UTC(2024, 0, seq)).toISOString(), actorUserId: null, actorUsername: 'secadmin', actorRole: 'secadmin', ip: null, action: 'security.settings-update', objectType: null, objectId: null, outcome: 'success' as const, before: null, after: { n: seq }, details: null, prevHash: prev };
    const hash = computeAuditHash(record);
    await t.database.query(`INSERT INTO audit_log (seq, at, actor_username, actor_role, action, outcome, after, prev_hash, hash) VALUES ($1, $2, 'secadmin', 'secadmin', $3, 'success', $4::jsonb, $5, $6)`, [seq, record.at, record.action, JSON.stringify(record.after), prev, hash]);
    prev = hash;
  }
  // The upgraded code's first write records intl (the installation has audit records) and keys the chain.
  await seedDemo(t.database, { enterprises: 8 });
  const ids = await t.database.query<{ id: string }>('SELECT id::text AS id FROM users ORDER BY username LIMIT 3');
  userIds = ids.map((r) => r.id);
  // Second-factor seeds as an installation may hold them: v1 (ADR 0009), in the clear (older), intl v2.
  const seedKey = keys.current('seeds', { create: true });
  const stored = [sealSecret(SEEDS[0]!, seedKey, userIds[0]!), SEEDS[1]!, mfaSecretBox({ env: 'test', dataDir: dir, secretKeyFile: path.join(dir, 'secret.key') }, keys).seal(userIds[2]!, SEEDS[2]!)];
  for (const [i, id] of userIds.entries()) await t.database.query('UPDATE users SET mfa_secret = $1 WHERE id::text = $2', [stored[i], id]);
  // Contacts as the code before field encryption wrote them: in the clear.
  await t.database.query(`UPDATE enterprises SET contacts = $1::jsonb, contact_name = '张三', contact_phone = $2`, [JSON.stringify([{ name: '张三', title: '经理', phone: DEMO_MOBILE, email: null }]), DEMO_MOBILE]);
  // Departments' and experts' contacts too (sealed since issue 19; an older installation holds them clear).
  await t.database.query(`UPDATE departments SET contact_name = '李四', contact_phone = $1`, [DEMO_MOBILE]);
  await t.database.query(`UPDATE experts SET phone = $1, email = 'expert@example.cn'`, [DEMO_MOBILE]);
  personalValues = (await t.database.query<{ n: number }>(
    `SELECT ((SELECT count(phone) + count(email) FROM experts) + (SELECT count(contact_name) + count(contact_phone) FROM departments) + (SELECT count(contact_name) + count(contact_phone) FROM platforms) + (SELECT count(contact_name) + count(contact_phone) FROM supply_demand_postings))::int AS n`,
  ))[0]!.n;
  figuresBefore = await figures();
}, 600_000);

afterAll(async () => {
  useKeyProvider(previous);
  await t?.cleanup();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('an existing installation', () => {
  it('recorded intl at its first keyed write and verifies, its three plain records accepted before the keyed ones', async () => {
    expect((await readCryptoSettings(t.database.db))!.suite).toBe('intl');
    expect(sealedInfo((await t.database.query<{ mfa_secret: string }>('SELECT mfa_secret FROM users WHERE id::text = $1', [userIds[2]]))[0]!.mfa_secret).scheme).toBe('v2');
    const report = await verifyAuditLogReport(t.database.db, restarted());
    expect(report).toMatchObject({ ok: true, suite: 'intl', legacy: 3 });
    expect(fs.statSync(path.join(dir, 'audit.key')).mode & 0o777).toBe(0o600);
  });

  it('crypto migrate refuses a broken chain and changes nothing', async () => {
    await t.database.execScript(`ALTER TABLE audit_log DISABLE TRIGGER USER; UPDATE audit_log SET ip = '6.6.6.6' WHERE seq = 5; ALTER TABLE audit_log ENABLE TRIGGER USER;`);
    await expect(migrateCryptoSuite(t.database, 'gm', console, new Date())).rejects.toThrow(CryptoMaintenanceError);
    await expect(migrateCryptoSuite(t.database, 'gm', console, new Date())).rejects.toThrow(/broken at record #5/);
    expect((await readCryptoSettings(t.database.db))!.suite).toBe('intl');
    await t.database.execScript(`ALTER TABLE audit_log DISABLE TRIGGER USER; UPDATE audit_log SET ip = NULL WHERE seq = 5; ALTER TABLE audit_log ENABLE TRIGGER USER;`);
    expect((await verifyAuditLog(t.database.db)).ok).toBe(true);
  });

  it('intl → gm: every figure kept, seeds re-sealed under SM4, every record re-chained with HMAC-SM3, audit verify passes after a restart', async () => {
    const records = (await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0]!.n;
    const result = await migrateCryptoSuite(t.database, 'gm', console, new Date());
    // Three seeds, the contacts of the eight demo enterprises and the personal values of the departments,
    // platforms, experts and supply–demand postings.
    expect(personalValues).toBeGreaterThan(20);
    expect(result).toEqual({ from: 'intl', to: 'gm', resealed: 3 + 8 + personalValues, rechained: records });
    expect(await figures()).toEqual(figuresBefore);
    expect(JSON.stringify(await t.database.query('SELECT contacts, contact_name, contact_phone FROM enterprises'))).not.toMatch(new RegExp(`${DEMO_MOBILE}|张三`));
    const others = await t.database.query<{ v: string }>(`SELECT phone AS v FROM experts UNION ALL SELECT email FROM experts UNION ALL SELECT contact_phone FROM departments UNION ALL SELECT contact_name FROM departments`);
    expect(others.map((r) => sealedInfo(r.v).scheme)).toEqual(others.map(() => 'gm1'));
    const stored = await t.database.query<{ mfa_secret: string }>('SELECT mfa_secret FROM users WHERE mfa_secret IS NOT NULL');
    expect(stored.map((r) => sealedInfo(r.mfa_secret).scheme)).toEqual(['gm1', 'gm1', 'gm1']);
    expect(await seeds(restarted())).toEqual(SEEDS);
    const report = await verifyAuditLogReport(t.database.db, restarted());
    expect(report).toMatchObject({ ok: true, checked: records + 1, suite: 'gm', legacy: 0 });
    const [last] = await t.database.query<{ action: string; after: unknown }>('SELECT action, after FROM audit_log ORDER BY seq DESC LIMIT 1');
    expect(last).toEqual({ action: 'crypto.migrate', after: { suite: 'gm' } });
  });

  it('rotating the seeds key resumes after a crash half-way, and every seed still opens after a restart', async () => {
    const oldKey = keys.current('seeds');
    // A run that stopped after its first batch of one value: the new key is first in the file.
    keys.addKey('seeds');
    const first = await t.database.db.transaction((tx) => resealBatch(tx as never, SEALED_COLUMNS[0]!, keys, 'gm', null, 1));
    expect(first.resealed).toBe(1);
    expect(restarted().all('seeds')).toHaveLength(2);
    const result = await rotateKey(t.database, 'seeds', console, new Date(), { keys: restarted(), batchSize: 1 });
    expect(result).toMatchObject({ purpose: 'seeds', resumed: true, resealed: 2 });
    const after = restarted();
    expect(after.all('seeds')).toHaveLength(1);
    expect(keyIdOf(after.current('seeds'))).not.toBe(keyIdOf(oldKey));
    const kids = (await t.database.query<{ mfa_secret: string }>('SELECT mfa_secret FROM users WHERE mfa_secret IS NOT NULL')).map((r) => sealedInfo(r.mfa_secret).kid);
    expect(new Set(kids)).toEqual(new Set([keyIdOf(after.current('seeds'))]));
    expect(await seeds(after)).toEqual(SEEDS);
  });

  it('rotating the fields key re-seals every contact under the new key; they open after a restart, the old key is gone', async () => {
    const before = await figures();
    const oldKey = restarted().current('fields');
    const result = await rotateKey(t.database, 'fields', console, new Date(), { keys: restarted(), batchSize: 3 });
    expect(result).toMatchObject({ purpose: 'fields', resumed: false, resealed: 8 + personalValues });
    const after = restarted();
    expect(after.all('fields')).toHaveLength(1);
    expect(keyIdOf(after.current('fields'))).not.toBe(keyIdOf(oldKey));
    expect(await figures()).toEqual(before);
    const rows = await t.database.query<{ contacts: { phone: string; phoneBidx: string }[] }>('SELECT contacts FROM enterprises');
    for (const row of rows) {
      expect(sealedInfo(row.contacts[0]!.phone).kid).toBe(keyIdOf(after.current('fields')));
      // The blind index follows the key: a search with the new key finds the number.
      expect(row.contacts[0]!.phoneBidx).toBe(personalFieldBox(after).blindIndex('mobile', DEMO_MOBILE));
    }
    const experts = await t.database.query<{ id: string; phone: string }>('SELECT id::text AS id, phone FROM experts');
    for (const e of experts) {
      expect(sealedInfo(e.phone).kid).toBe(keyIdOf(after.current('fields')));
      expect(personalFieldBox(after).open(e.id, 'mobile', e.phone)).toBe(DEMO_MOBILE);
    }
  });

  it('rotating the audit key (resumed after a crash before the re-chain) re-chains under the new key: verifies with it, not with the old one', async () => {
    const oldKey = restarted().current('audit');
    const records = (await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0]!.n;
    keys = restarted();
    useKeyProvider(keys);
    keys.addKey('audit'); // the run stopped here
    const result = await rotateKey(t.database, 'audit', console, new Date(), { keys: restarted() });
    expect(result).toMatchObject({ purpose: 'audit', resumed: true, rechained: records });
    const after = restarted();
    expect(after.all('audit')).toHaveLength(1);
    useKeyProvider(after);
    expect((await verifyAuditLog(t.database.db, after)).ok).toBe(true);
    expect((await verifyAuditLogReport(t.database.db, after, oldKey)).ok).toBe(false);
  });

  it('a backup holds none of the keys, and no seed in the clear', async () => {
    const file = path.join(dir, 'keys.backup.gz');
    await createBackup(t.database, file);
    const text = readBackupLines(file).join('\n');
    const provider = restarted();
    for (const purpose of ['seeds', 'audit', 'fields'] as const) {
      for (const key of provider.all(purpose)) {
        expect(text).not.toContain(key.toString('base64'));
        expect(text).not.toContain(key.toString('hex'));
      }
    }
    for (const seed of SEEDS) expect(text).not.toContain(seed);
    expect(text).toContain('gm1:'); // the sealed seeds are there
  });
});
