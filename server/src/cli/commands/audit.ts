import { verifyAuditLog } from '../../modules/audit/audit.verify.ts';
import { withDatabase } from '../context.ts';
import type { CommandSpec } from '../main.ts';
import { CliError } from '../output.ts';

export const auditVerifyCommand: CommandSpec = {
  name: 'audit verify',
  usage: 'audit verify [--json]',
  summary: 'check the audit hash chain; names the first broken record',
  async run({ out }) {
    await withDatabase(out, async (database) => {
      const result = await verifyAuditLog(database.db);
      if (result.ok) {
        out.result(`审计日志完整 / audit chain intact: ${result.checked} records verified`, result);
        return;
      }
      const b = result.firstBroken!;
      if (out.json) out.result('', result);
      throw new CliError(
        `审计日志被篡改 / audit chain broken at record #${b.seq}${b.at ? ` (${b.at})` : ''}: ${b.reason}; ${result.checked} records checked`,
        3,
      );
    }, { install: false });
  },
};
