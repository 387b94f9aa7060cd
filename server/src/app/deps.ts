import type { AppConfig } from '../config/config.ts';
import type { Database } from '../db/client.ts';
import type { AuditService } from '../modules/audit/audit.service.ts';
import type { SecuritySettingsService } from '../modules/security/security-settings.service.ts';

/** What handlers and services receive: no globals, so tests build an app around any database and clock. */
export interface AppDeps {
  config: AppConfig;
  database: Database;
  clock: () => Date;
  audit: AuditService;
  settings: SecuritySettingsService;
}

/** Runs a unit of work in one transaction. */
export function inTransaction<T>(deps: Pick<AppDeps, 'database'>, work: (tx: Database['db']) => Promise<T>): Promise<T> {
  return deps.database.db.transaction((tx) => work(tx as unknown as Database['db']));
}
