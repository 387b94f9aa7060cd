import type { Db } from '../../db/client.ts';
import type { StatsScope } from '../statistics/index.ts';
import { warningsForReport } from '../warnings/index.ts';

/**
 * Where the report's warnings section takes its data (issue 11 §4: new and open warnings by colour): the
 * warnings feature by default. A provider set to null (tests of the report alone) makes the section say that no
 * warnings data is available rather than print zeros, which would read as "no warnings".
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

/** The warnings feature's list, in the scope of the report: the district, or one zone for a park. */
const warningsFeature: ReportWarningsProvider = {
  warningsFor: (db, scope, period) => (scope.kind === 'none' ? Promise.resolve([]) : warningsForReport(db, period, scope.kind === 'zone' ? scope.code : null)),
};

let provider: ReportWarningsProvider | null = warningsFeature;

export function registerReportWarningsProvider(next: ReportWarningsProvider | null): void {
  provider = next;
}

/** null: no warnings feature installed (the section says so). */
export async function reportWarnings(db: Db, scope: StatsScope, period: { year: number; month: number }): Promise<ReportWarning[] | null> {
  return provider ? provider.warningsFor(db, scope, period) : null;
}
