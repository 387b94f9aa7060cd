import { sql } from 'drizzle-orm';
import type { Database, Db } from '../../db/client.ts';
import { computeKeyedAuditHash, GENESIS_PREV_HASH, type AuditMac } from '../../domain/security/audit-chain.ts';
import type { CryptoSuite } from '../../domain/security/crypto-suite.ts';
import { appendAuditRecord, chainRecordOf, iterateAuditRecords, type AuditEntry, verifyAuditLogReport } from '../audit/index.ts';
import { auditMacOf, lockAuditChain } from './audit-key.ts';
import { ensureCryptoSettings, setCryptoSuite } from './crypto-settings.repository.ts';
import { keyProvider, type KeyProvider, type KeyPurpose } from './keyring.ts';
import { resealBatch, SEALED_COLUMNS } from './sealed-columns.ts';

/**
 * `biomfg crypto migrate` and `biomfg crypto rotate` (docs/security/cryptography.md). Both refuse to run on
 * a broken audit chain: re-chaining it would give tampered records a valid MAC.
 */

export class CryptoMaintenanceError extends Error {}

type Actor = Pick<AuditEntry, 'actorUserId' | 'actorUsername' | 'actorRole' | 'ip' | 'requestId'>;

const BATCH = 500;

/**
 * Re-computes every record's MAC (and the prevHash links) under `mac`, in seq order, inside the caller's
 * transaction. The append-only trigger is switched off for this transaction's statements only and back on
 * before it commits; the rows' contents are not touched.
 */
export async function rechainAuditLog(tx: Db, mac: AuditMac): Promise<number> {
  await tx.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`);
  let prev = GENESIS_PREV_HASH;
  let count = 0;
  let batch: { seq: number; prevHash: string; hash: string }[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const values = sql.join(batch.map((r) => sql`(${r.seq}::bigint, ${r.prevHash}, ${r.hash})`), sql`, `);
    await tx.execute(sql`UPDATE audit_log AS a SET prev_hash = v.prev_hash, hash = v.hash FROM (VALUES ${values}) AS v(seq, prev_hash, hash) WHERE a.seq = v.seq`);
    batch = [];
  };
  for await (const row of iterateAuditRecords(tx, {}, BATCH)) {
    const hash = computeKeyedAuditHash({ ...chainRecordOf(row), prevHash: prev }, mac);
    batch.push({ seq: row.seq, prevHash: prev, hash });
    prev = hash;
    count++;
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  await tx.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER USER`);
  return count;
}

async function requireIntactChain(tx: Db, keys: KeyProvider, master?: Buffer): Promise<void> {
  const report = await verifyAuditLogReport(tx, keys, master);
  if (!report.ok) {
    const b = report.firstBroken!;
    throw new CryptoMaintenanceError(
      `审计日志在第 ${b.seq} 条处已损坏，拒绝重新计算 / the audit chain is broken at record #${b.seq} (${b.reason}); ` +
        'nothing was changed (re-chaining would give the altered records a valid MAC)',
    );
  }
}

export interface MigrateResult {
  from: CryptoSuite;
  to: CryptoSuite;
  resealed: number;
  rechained: number;
}

/**
 * Switches the installation to `to` in one transaction: re-seals every sealed column under the new suite,
 * re-chains the audit log with the new suite's MAC (the same audit key), records the suite, and appends a
 * `crypto.migrate` record. Running it again with the same suite re-chains plain SHA-256 records left from
 * before the chain was keyed.
 */
export async function migrateCryptoSuite(database: Database, to: CryptoSuite, actor: Actor, now: Date, keys: KeyProvider = keyProvider()): Promise<MigrateResult> {
  return database.db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    await lockAuditChain(tx);
    const { settings, created } = await ensureCryptoSettings(tx, now);
    const master = keys.current('audit', { create: created });
    await requireIntactChain(tx, keys);
    let resealed = 0;
    for (const spec of SEALED_COLUMNS) {
      let after: string | null = null;
      do {
        const step = await resealBatch(tx, spec, keys, to, after, BATCH);
        resealed += step.resealed;
        after = step.lastId;
      } while (after !== null);
    }
    const rechained = await rechainAuditLog(tx, auditMacOf(to, master));
    await setCryptoSuite(tx, to, now);
    await appendAuditRecord(tx, { ...actor, action: 'crypto.migrate', objectType: 'crypto', objectId: 'suite', outcome: 'success', before: { suite: settings.suite }, after: { suite: to }, details: { resealed, rechained } }, now);
    return { from: settings.suite, to, resealed, rechained };
  });
}

export interface RotateResult {
  purpose: KeyPurpose;
  resumed: boolean;
  resealed: number;
  rechained: number;
}

/**
 * Rotates the key of one purpose. A new key is put in front of the key file first (the old one stays
 * readable); then the values are re-sealed in batches of `batchSize`, each its own transaction, or for the
 * audit key the chain is re-computed in one; the old key is forgotten last. A run that stopped half-way
 * (crash, power cut) is resumed by running the command again: a key file with more than one key means a
 * rotation in progress, and values already under the new key are skipped.
 * Run it with the server stopped: a running server keeps the keys it read at start-up.
 */
export async function rotateKey(
  database: Database,
  purpose: KeyPurpose,
  actor: Actor,
  now: Date,
  options: { keys?: KeyProvider; batchSize?: number; onBatch?: (resealed: number) => void } = {},
): Promise<RotateResult> {
  const keys = options.keys ?? keyProvider();
  const resumed = keys.all(purpose).length > 1;
  if (!resumed) {
    if (!keys.has(purpose)) throw new CryptoMaintenanceError(`没有可轮换的密钥 / there is no ${purpose} key to rotate: ${keys.location(purpose)}`);
    keys.addKey(purpose);
  }
  const suite = (await database.db.transaction(async (tx) => ensureCryptoSettings(tx as unknown as Db, now))).settings.suite;
  let resealed = 0;
  let rechained = 0;
  if (purpose === 'audit') {
    rechained = await database.db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      await lockAuditChain(tx);
      const [current, ...older] = keys.all('audit');
      // Already under the new key (the previous run committed, then stopped before forgetting the old key)?
      if ((await verifyAuditLogReport(tx, keys, current)).ok) return 0;
      const old = older.find(() => true);
      await requireIntactChain(tx, keys, old);
      return rechainAuditLog(tx, auditMacOf(suite, current!));
    });
  } else {
    for (const spec of SEALED_COLUMNS.filter((c) => c.purpose === purpose)) {
      let after: string | null = null;
      do {
        const step: { resealed: number; lastId: string | null } = await database.db.transaction((tx) =>
          resealBatch(tx as unknown as Db, spec, keys, suite, after, options.batchSize ?? BATCH),
        );
        resealed += step.resealed;
        options.onBatch?.(step.resealed);
        after = step.lastId;
      } while (after !== null);
    }
  }
  await database.db.transaction((tx) =>
    appendAuditRecord(tx as unknown as Db, { ...actor, action: 'crypto.rotate', objectType: 'crypto', objectId: purpose, outcome: 'success', details: { purpose, resumed, resealed, rechained } }, now),
  );
  keys.retireOld(purpose);
  return { purpose, resumed, resealed, rechained };
}
