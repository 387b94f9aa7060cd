import type { CommandSpec } from '../main.ts';
import { auditVerifyCommand } from './audit.ts';
import { backupCommand, restoreCommand } from './backup.ts';
import { cryptoMigrateCommand, cryptoRotateCommand, cryptoStatusCommand } from './crypto.ts';
import { migrateCommand } from './migrate.ts';
import { planParseCommand } from './plan.ts';
import { exportCommand, importCommand, templateCommand } from './registry-io.ts';
import { seedCommand } from './seed.ts';
import { serveCommand } from './serve.ts';
import { statsQueryCommand, statsRebuildCommand } from './stats.ts';
import { exportMonthlyReportsCommand, importMonthlyReportsCommand, templateMonthlyReportsCommand } from './monthly-reports.ts';
import { benchCommand } from './bench.ts';
import { forecastCommand } from './forecast.ts';
import { reportMonthlyCommand } from './analysis-report.ts';
import { chainGapsCommand } from './chain.ts';
import { jobsListCommand, jobsRunCommand } from './jobs.ts';
import { warningsEvaluateCommand } from './warnings.ts';
import { supervisionBoardCommand, supervisionBulletinCommand } from './supervision.ts';
import { policiesEligibleCommand } from './policies.ts';
import { exportBookingsCommand, exportRequestsCommand } from './services.ts';
import { userCreateCommand, userDisableCommand, userResetPasswordCommand } from './user.ts';

/** The command line of SPEC §11; the words and flags are an interface operators' scripts rely on. */
export const COMMANDS: CommandSpec[] = [
  serveCommand,
  migrateCommand,
  seedCommand,
  userCreateCommand,
  userDisableCommand,
  userResetPasswordCommand,
  auditVerifyCommand,
  cryptoStatusCommand, cryptoMigrateCommand, cryptoRotateCommand,
  statsQueryCommand, statsRebuildCommand,
  exportMonthlyReportsCommand, importMonthlyReportsCommand, templateMonthlyReportsCommand,
  benchCommand,
  planParseCommand,
  backupCommand, restoreCommand,
  jobsListCommand, jobsRunCommand,
  warningsEvaluateCommand,
  forecastCommand, reportMonthlyCommand,
  supervisionBoardCommand, supervisionBulletinCommand,
  chainGapsCommand,
  policiesEligibleCommand, exportRequestsCommand, exportBookingsCommand,
  // Entity-generic commands last: a more specific command (e.g. `export monthly-reports`) must match first.
  templateCommand, importCommand, exportCommand,
];
