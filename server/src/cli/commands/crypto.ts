import os from 'node:os';
import { isCryptoSuite, SUITE_ALGORITHMS } from '../../domain/security/crypto-suite.ts';
import { SecretOpenError } from '../../domain/security/secret-box.ts';
import { verifyAuditLogReport } from '../../modules/audit/audit.verify.ts';
import { CryptoMaintenanceError, migrateCryptoSuite, rotateKey } from '../../modules/crypto/crypto-maintenance.service.ts';
import { readCryptoSettings } from '../../modules/crypto/crypto-settings.repository.ts';
import { KEY_PURPOSES, keyProvider, KeyMissingError, type KeyPurpose } from '../../modules/crypto/keyring.ts';
import { withDatabase } from '../context.ts';
import type { CommandArgs } from '../main.ts';
import { CliError } from '../output.ts';

// Added to the command line of SPEC §11 (the listed commands are unchanged): the installation's
// cryptographic suite and its keys (docs/security/cryptography.md).

function consoleActor() {
  return { actorUserId: null, actorUsername: `console:${os.userInfo().username}`, actorRole: null, ip: null, requestId: null };
}

function asCliError(error: unknown): unknown {
  if (error instanceof CryptoMaintenanceError) return new CliError(error.message, 3);
  if (error instanceof KeyMissingError) return new CliError(`${error.message} (put back the key file kept with the installation)`, 4);
  if (error instanceof SecretOpenError) {
    return new CliError(`有密封值无法用本机密钥打开，未做任何修改 / a sealed value does not open with this installation's keys; nothing was changed: ${error.message}`, 4);
  }
  return error;
}

/**
 * The crypto commands work on the security layer of an installation as it is: they do not load the reference
 * data or the shipped plan first (that would append audit records to the chain they are about to re-chain or count).
 */
const MAINTENANCE_ONLY = { install: false } as const;

export async function runCryptoStatus({ out }: CommandArgs): Promise<void> {
  await withDatabase(out, async (database) => {
    const settings = await readCryptoSettings(database.db);
    const keys = keyProvider();
    const files = KEY_PURPOSES.map((purpose) => ({ purpose, location: keys.location(purpose), present: keys.has(purpose), keys: keys.all(purpose).length }));
    const suite = settings?.suite ?? null;
    out.result(
      `密码算法套件 / suite: ${suite ?? '(not recorded yet: recorded at the first start)'}` +
        (suite ? ` — ${SUITE_ALGORITHMS[suite].hash}, ${SUITE_ALGORITHMS[suite].mac}, ${SUITE_ALGORITHMS[suite].cipher}` : '') +
        '\n' +
        files.map((f) => `  ${f.purpose} key: ${f.location} ${f.present ? (f.keys > 1 ? `(${f.keys} keys: a rotation is in progress)` : '(present)') : '(MISSING)'}`).join('\n'),
      { suite, recordedAt: settings?.recordedAt ?? null, migratedAt: settings?.migratedAt ?? null, keys: files },
    );
  }, MAINTENANCE_ONLY);
}

export async function runCryptoMigrate({ values, out }: CommandArgs): Promise<void> {
  const to = values.to;
  if (!isCryptoSuite(to)) throw new CliError('需要 --to gm 或 --to intl / --to gm or --to intl is required', 2);
  await withDatabase(out, async (database) => {
    const result = await migrateCryptoSuite(database, to, consoleActor(), new Date()).catch((error: unknown) => {
      throw asCliError(error);
    });
    const audit = await verifyAuditLogReport(database.db);
    if (!audit.ok) throw new CliError(`迁移后审计日志校验失败 / the audit chain does not verify after the migration: record #${audit.firstBroken!.seq}`, 3);
    out.result(
      `已切换 / migrated ${result.from} → ${result.to}: ${result.resealed} sealed value(s) re-sealed, ${result.rechained} audit record(s) re-chained; ` +
        `audit verify: intact, ${audit.checked} records`,
      { ...result, audit },
    );
  }, MAINTENANCE_ONLY);
}

export async function runCryptoRotate({ values, out }: CommandArgs): Promise<void> {
  const purpose = values.key as KeyPurpose;
  if (!(KEY_PURPOSES as readonly string[]).includes(String(purpose))) throw new CliError(`需要 --key ${KEY_PURPOSES.join('|')} / --key ${KEY_PURPOSES.join('|')} is required`, 2);
  const batchSize = values.batch === undefined ? undefined : Number(values.batch);
  if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0)) throw new CliError('--batch 须为正整数 / --batch must be a positive integer', 2);
  await withDatabase(out, async (database) => {
    const result = await rotateKey(database, purpose, consoleActor(), new Date(), { ...(batchSize ? { batchSize } : {}) }).catch((error: unknown) => {
      throw asCliError(error);
    });
    const audit = await verifyAuditLogReport(database.db);
    out.result(
      `已轮换 / rotated the ${purpose} key${result.resumed ? ' (resumed an interrupted rotation)' : ''}: ${result.resealed} value(s) re-sealed, ` +
        `${result.rechained} audit record(s) re-chained; audit verify: ${audit.ok ? `intact, ${audit.checked} records` : `BROKEN at #${audit.firstBroken!.seq}`}\n` +
        `  新密钥位于 / the new key is in ${keyProvider().location(purpose)}: copy it to where the installation's keys are kept`,
      { ...result, audit },
    );
  }, MAINTENANCE_ONLY);
}
