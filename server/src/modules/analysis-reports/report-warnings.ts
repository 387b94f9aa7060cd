import type { Db } from '../../db/client.ts';
import type { StatsScope } from '../statistics/stats.policy.ts';

/**
 * Where the report's warnings section takes its data (issue 11 §4: new and open warnings by colour). The
 * warnings feature registers its provider when it is installed; without one the section says that no
 * warnings data is available rather than printing zeros, which would read as "no warnings".
 */
export type WarningLevel = 'blue' | 'yellow' | 'orange' | 'red';

export interface ReportWarning {
  level: WarningLevel;
  /** Rule name and subject, as the warnings list shows them. */
  title: string;
  subject: string;
  status: string;
  openedOn: string;
  /** Opened within the report's month. */
  isNew: boolean;
}

export interface ReportWarningsProvider {
  /** The warnings visible in `scope` that were open at the end of the period or opened in it. */
  warningsFor(db: Db, scope: StatsScope, period: { year: number; month: number }): Promise<ReportWarning[]>;
}

let provider: ReportWarningsProvider | null = null;

export function registerReportWarningsProvider(next: ReportWarningsProvider | null): void {
  provider = next;
}

/** null: no warnings feature installed (the section says so). */
export async function reportWarnings(db: Db, scope: StatsScope, period: { year: number; month: number }): Promise<ReportWarning[] | null> {
  return provider ? provider.warningsFor(db, scope, period) : null;
}
