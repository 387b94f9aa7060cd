import { loadConfig, type AppConfig } from '../config/config.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { ensureInstallation } from '../seed/ensure-installation.ts';
import type { Output } from './output.ts';

/**
 * Opens the configured database with migrations applied and the reference data and shipped plan in place (as
 * `serve` leaves them: a command-line-only start must not find empty lists of domains and zones); closes it
 * after the command.
 */
export async function withDatabase<T>(
  out: Output,
  work: (database: Database, config: AppConfig) => Promise<T>,
  options: { install?: boolean } = {},
): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const { applied } = await migrate(database, (m) => out.info(`[migrate] ${m}`));
    if (applied.length) out.info(`[migrate] ${applied.length} migration(s) applied`);
    // install: false only for a command that must not change what it reads (audit verify: a plan loaded first
    // would append the audit record it is about to count).
    const installed = options.install === false ? { referenceLoaded: false, planLoaded: false } : await ensureInstallation(database);
    if (installed.referenceLoaded) out.info('[seed] 已载入参考数据（部门、领域、功能区、载体） / reference data loaded (departments, domains, zones, carriers)');
    if (installed.planLoaded) out.info('[seed] 已载入区政策规划(版本 1,生效) / district plan loaded as version 1 (active)');
    return await work(database, config);
  } finally {
    await database.close();
  }
}
