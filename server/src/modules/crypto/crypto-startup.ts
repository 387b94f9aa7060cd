import type { Database, Db } from '../../db/client.ts';
import { SUITE_ALGORITHMS } from '../../domain/security/crypto-suite.ts';
import { appendAuditRecord } from '../audit/index.ts';
import { lockAuditChain } from './audit-key.ts';
import { sealClearPersonalValues } from './sealed-columns.ts';
import { ensureCryptoSettings, type CryptoSettings } from './crypto-settings.repository.ts';
import { keyProvider, KeyMissingError, preferredSuite, type KeyProvider } from './keyring.ts';

/**
 * At every start of the server: records the suite if this is the first start, creates the keys that do not
 * exist yet (mode 600), and refuses to start when the audit key is missing although the chain is keyed (a
 * new key would make every earlier record unverifiable; the operator must put the old one back).
 */
export async function prepareCryptoAtStart(database: Database, now: Date, log: (message: string) => void, keys: KeyProvider = keyProvider()): Promise<CryptoSettings> {
  const { settings, created } = await database.db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    await lockAuditChain(tx);
    return ensureCryptoSettings(tx, now);
  });
  try {
    keys.current('audit', { create: created });
  } catch (error) {
    if (!(error instanceof KeyMissingError)) throw error;
    throw new KeyMissingError(
      'audit',
      `${error.location}. 审计日志已使用密钥链接，缺少该密钥无法写入或校验；请放回原密钥文件 / the audit chain is keyed and cannot be ` +
        'written or verified without it; put back the key file kept with this installation (or set AUDIT_KEY_FILE)',
    );
  }
  keys.current('seeds', { create: true });
  keys.current('fields', { create: true });
  const sealed = await database.db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const counts = await sealClearPersonalValues(tx, keys, settings.suite);
    if (Object.keys(counts).length) {
      await appendAuditRecord(
        tx,
        { actorUserId: null, actorUsername: 'system', actorRole: null, ip: null, requestId: null, action: 'crypto.seal-clear', objectType: 'crypto', objectId: 'fields', outcome: 'success', details: counts },
        now,
      );
    }
    return counts;
  });
  if (Object.keys(sealed).length) log(`[crypto] 已加密旧版明文个人信息 / sealed personal values stored in the clear: ${JSON.stringify(sealed)}`);
  const a = SUITE_ALGORITHMS[settings.suite];
  log(`[crypto] ${created ? '首次启动，已记录 / first start, recorded' : '密码算法套件 / suite'}: ${settings.suite} (${a.hash}, ${a.mac}, ${a.cipher})`);
  const wanted = preferredSuite();
  if (wanted && wanted !== settings.suite) {
    log(`[crypto] 警告 / warning: CRYPTO_SUITE=${wanted} is ignored, this installation uses ${settings.suite}; run \`biomfg crypto migrate --to ${wanted}\` to switch`);
  }
  return settings;
}
