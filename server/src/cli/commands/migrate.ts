import { loadConfig } from '../../config/config.ts';
import { openDatabase } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import type { CommandArgs } from '../main.ts';

export async function runMigrate({ out }: CommandArgs): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const { applied } = await migrate(database, (m) => out.info(`[migrate] ${m}`));
    out.result(applied.length ? `已应用 ${applied.length} 个迁移 / applied: ${applied.join(', ')}` : '数据库已是最新 / database is up to date', { applied });
  } finally {
    await database.close();
  }
}
