import fs from 'node:fs';
import { createAuditService } from '../../modules/audit/audit.service.ts';
import { consoleOperatorCaller } from '../../modules/registry-common/caller.ts';
import { exportBookings, exportRequests } from '../../modules/services-requests/services.export.ts';
import { withDatabase } from '../context.ts';
import type { CommandArgs } from '../main.ts';
import { CliError } from '../output.ts';

function target(values: Record<string, unknown>): { file: string; format: 'xlsx' | 'csv' } {
  const file = values.out;
  if (typeof file !== 'string' || !file) throw new CliError('需要 --out FILE / --out FILE is required', 2);
  const format = (values.format ?? (file.endsWith('.csv') ? 'csv' : 'xlsx')) as string;
  if (format !== 'csv' && format !== 'xlsx') throw new CliError(`--format 须为 xlsx 或 csv / --format must be xlsx or csv: ${format}`, 2);
  return { file, format };
}

export async function runExportRequests({ values, out }: CommandArgs): Promise<void> {
  const { file, format } = target(values);
  await withDatabase(out, async (database) => {
    const result = await exportRequests({ database, audit: createAuditService(database, () => new Date()) }, consoleOperatorCaller(), format, new Date());
    fs.writeFileSync(file, result.body);
    out.result(`已导出 ${result.rows} 条诉求 / exported ${result.rows} requests to ${file}`, { entity: 'requests', exported: result.rows, file, format });
  });
}

export async function runExportBookings({ values, out }: CommandArgs): Promise<void> {
  const { file, format } = target(values);
  await withDatabase(out, async (database) => {
    const result = await exportBookings({ database, audit: createAuditService(database, () => new Date()) }, consoleOperatorCaller(), format);
    fs.writeFileSync(file, result.body);
    out.result(`已导出 ${result.rows} 条预约 / exported ${result.rows} bookings to ${file}`, { entity: 'bookings', exported: result.rows, file, format });
  });
}
