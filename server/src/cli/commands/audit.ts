import { KeyMissingError, verifyAuditLogReport } from '../../modules/audit/audit.verify.ts';
import { withDatabase } from '../context.ts';
import type { CommandArgs } from '../main.ts';
import { CliError } from '../output.ts';

export async function runAuditVerify({ out }: CommandArgs): Promise<void> {
  await withDatabase(out, async (database) => {
    const result = await verifyAuditLogReport(database.db).catch((error: unknown) => {
      if (error instanceof KeyMissingError) {
        throw new CliError(
          `审计密钥缺失，无法校验 / the audit key is missing, and audit verify needs it: ${error.location} ` +
            '(put back the key file kept with the installation, or set AUDIT_KEY_FILE)',
          4,
        );
      }
      throw error;
    });
    if (result.ok) {
      const how = result.suite ? `MAC ${result.suite === 'gm' ? 'HMAC-SM3' : 'HMAC-SHA-256'}` : 'SHA-256, not keyed';
      const legacy = result.legacy
        ? `; ${result.legacy} earlier record(s) carry a plain SHA-256 hash (run \`biomfg crypto migrate --to ${result.suite ?? 'gm'}\` to key them)`
        : '';
      out.result(`审计日志完整 / audit chain intact: ${result.checked} records verified (${how})${legacy}`, result);
      return;
    }
    const b = result.firstBroken!;
    if (out.json) out.result('', result);
    throw new CliError(
      `审计日志被篡改 / audit chain broken at record #${b.seq}${b.at ? ` (${b.at})` : ''}: ${b.reason}; ${result.checked} records checked`,
      3,
    );
  }, { install: false });
}
