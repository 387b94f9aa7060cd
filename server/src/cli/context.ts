import { loadConfig, type AppConfig } from '../config/config.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import type { Output } from './output.ts';

/** Opens the configured database with migrations applied; closes it after the command. */
export async function withDatabase<T>(out: Output, work: (database: Database, config: AppConfig) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const { applied } = await migrate(database, (m) => out.info(`[migrate] ${m}`));
    if (applied.length) out.info(`[migrate] ${applied.length} migration(s) applied`);
    return await work(database, config);
  } finally {
    await database.close();
  }
}
