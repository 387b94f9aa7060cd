import type { CommandSpec } from '../main.ts';

/**
 * The command line of SPEC §11; the words and flags are an interface operators' scripts rely on.
 *
 * Declared here, in one table, and loaded on use: each command's module (and what it imports: the server,
 * the statistics engine, Excel, Word…) is imported only when that command runs. Loading every command
 * through the TypeScript loader took about 3 s of each `biomfg` call; `user create` now loads what it needs.
 */
/** The entities of `template|import|export ENTITY` (REGISTRY_ENTITIES' names, which load the whole registry; a test keeps them equal). */
export const REGISTRY_ENTITY_NAMES = 'enterprises|projects|carriers|platforms|experts|candidates';

export const COMMANDS: CommandSpec[] = [
  {
    name: 'serve',
    usage: 'serve [--port P] [--host H] [--no-demo]',
    summary: 'start the server (seeds demo data on an empty database unless --no-demo)',
    options: { port: { type: 'string' }, host: { type: 'string' }, 'no-demo': { type: 'boolean' } },
    run: async (args) => (await import('./serve.ts')).runServe(args),
  },
  {
    name: 'migrate',
    usage: 'migrate',
    summary: 'apply pending database migrations',
    run: async (args) => (await import('./migrate.ts')).runMigrate(args),
  },
  {
    name: 'seed',
    usage: 'seed --demo [--enterprises N] [--seed S] [--as-of YYYY-MM]',
    summary: 'load the demo data set (synthetic, labelled 演示数据)',
    options: { demo: { type: 'boolean' }, enterprises: { type: 'string' }, seed: { type: 'string' }, 'as-of': { type: 'string' } },
    run: async (args) => (await import('./seed.ts')).runSeed(args),
  },
  {
    name: 'user create',
    usage: 'user create --username U --role R [--scope ID] --password P [--display-name N]',
    summary: 'create an account (the password must be changed at first sign-in)',
    options: { username: { type: 'string' }, role: { type: 'string' }, scope: { type: 'string' }, password: { type: 'string' }, 'display-name': { type: 'string' } },
    run: async (args) => (await import('./user.ts')).runUserCreate(args),
  },
  {
    name: 'user disable',
    usage: 'user disable U',
    summary: 'disable an account and end its sessions',
    run: async (args) => (await import('./user.ts')).runUserDisable(args),
  },
  {
    name: 'user reset-password',
    usage: 'user reset-password U',
    summary: 'set a temporary password that must be changed at next sign-in (printed once)',
    run: async (args) => (await import('./user.ts')).runUserResetPassword(args),
  },
  {
    name: 'audit verify',
    usage: 'audit verify [--json]',
    summary: 'check the audit hash chain; names the first broken record',
    run: async (args) => (await import('./audit.ts')).runAuditVerify(args),
  },
  {
    name: 'crypto status',
    usage: 'crypto status [--json]',
    summary: "show the installation's cryptographic suite and where its keys are",
    run: async (args) => (await import('./crypto.ts')).runCryptoStatus(args),
  },
  {
    name: 'crypto migrate',
    usage: 'crypto migrate --to gm|intl [--json]',
    summary: 're-seal the sealed values and re-chain the audit log under another suite, in one transaction; then verify',
    options: { to: { type: 'string' } },
    run: async (args) => (await import('./crypto.ts')).runCryptoMigrate(args),
  },
  {
    name: 'crypto rotate',
    usage: 'crypto rotate --key seeds|audit|fields [--batch N] [--json]',
    summary: 'rotate a key: new key first in its file, values re-sealed in batches (resumes after a crash), old key forgotten',
    options: { key: { type: 'string' }, batch: { type: 'string' } },
    run: async (args) => (await import('./crypto.ts')).runCryptoRotate(args),
  },
  {
    name: 'stats query',
    usage: 'stats query --indicator I --period YYYY-MM --by DIM [--json]',
    summary: 'month value, YTD, comparable base, YoY, nominal YoY, contribution and pull per group (SPEC §4)',
    options: { indicator: { type: 'string' }, period: { type: 'string' }, by: { type: 'string' } },
    run: async (args) => (await import('./stats.ts')).runStatsQuery(args),
  },
  {
    name: 'stats rebuild',
    usage: 'stats rebuild [--json]',
    summary: 'recompute the statistics rollups from the approved monthly reports and the registry',
    run: async (args) => (await import('./stats.ts')).runStatsRebuild(args),
  },
  {
    name: 'export monthly-reports',
    usage: 'export monthly-reports --out FILE [--format xlsx|csv] [--from YYYY-MM] [--to YYYY-MM]',
    summary: 'export monthly reports: one row per enterprise × month (USCC, period, status, domain, zone, indicators in 万元)',
    options: { out: { type: 'string' }, format: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
    run: async (args) => (await import('./monthly-reports.ts')).runExportMonthlyReports(args),
  },
  {
    name: 'import monthly-reports',
    usage: 'import monthly-reports FILE [--mode valid-only|all-or-nothing] [--on-conflict keep|replace] [--json]',
    summary: 'import the bureau\'s monthly file (flat template or B204-1, 千元/万元/…, cumulative columns); conflicts listed',
    options: { mode: { type: 'string' }, 'on-conflict': { type: 'string' } },
    run: async (args) => (await import('./monthly-reports.ts')).runImportMonthlyReports(args),
  },
  {
    name: 'template monthly-reports',
    usage: 'template monthly-reports --out FILE',
    summary: 'write the flat import template of monthly reports (one row per enterprise × month, one column per indicator)',
    options: { out: { type: 'string' } },
    run: async (args) => (await import('./monthly-reports.ts')).runTemplateMonthlyReports(args),
  },
  {
    name: 'bench',
    usage: 'bench [--enterprises N] [--json]',
    summary: 'benchmarks: statistics (N enterprises × 10 years; import rows/s, cockpit p50/p95, DuckDB raw-scan baseline) and the forecast (10 000 runs × 1 000 enterprises × 200 projects)',
    options: { enterprises: { type: 'string' } },
    run: async (args) => (await import('./bench.ts')).runBench(args),
  },
  {
    name: 'plan parse',
    usage: 'plan parse FILE [--json]',
    summary: 'parse a policy text (.txt or .docx) and print the plan (goals, domains, zones, tasks)',
    run: async (args) => (await import('./plan.ts')).runPlanParse(args),
  },
  {
    name: 'backup',
    usage: 'backup FILE [--force] [--json]',
    summary: "write a logical backup (gzip'd JSON lines) that restores on either engine",
    options: { force: { type: 'boolean' } },
    run: async (args) => (await import('./backup.ts')).runBackup(args),
  },
  {
    name: 'restore',
    usage: 'restore FILE [--yes] [--json]',
    summary: 'replace all data with a backup (verified first; one transaction; --yes required if data exists)',
    options: { yes: { type: 'boolean' } },
    run: async (args) => (await import('./backup.ts')).runRestore(args),
  },
  {
    name: 'jobs list',
    usage: 'jobs list [--json]',
    summary: 'scheduled jobs, their next slot and last run',
    run: async (args) => (await import('./jobs.ts')).runJobsList(args),
  },
  {
    name: 'jobs run',
    usage: 'jobs run NAME [--json]',
    summary: 'run one job now in this process and print its outcome',
    run: async (args) => (await import('./jobs.ts')).runJobsRun(args),
  },
  {
    name: 'warnings evaluate',
    usage: 'warnings evaluate [--json]',
    summary: 'evaluate every enabled warning rule; prints opened, updated, closed and the open warnings',
    run: async (args) => (await import('./warnings.ts')).runWarningsEvaluate(args),
  },
  {
    name: 'forecast',
    usage: 'forecast [--runs N] [--seed S] [--json]',
    summary: 'Monte-Carlo P(goal met) and the 10/50/90 % band of each goal year (SPEC §5), as of the latest closed month',
    options: { runs: { type: 'string' }, seed: { type: 'string' } },
    run: async (args) => (await import('./forecast.ts')).runForecast(args),
  },
  {
    name: 'report monthly',
    usage: 'report monthly --period YYYY-MM --out FILE.docx [--zone CODE]',
    summary: 'the monthly operation analysis report 月度运行分析报告 (SPEC §5) as a Word document',
    options: { period: { type: 'string' }, out: { type: 'string' }, zone: { type: 'string' } },
    run: async (args) => (await import('./analysis-report.ts')).runReportMonthly(args),
  },
  {
    name: 'supervision board',
    usage: 'supervision board [--year Y] [--json]',
    summary: 'supervision items with their colours, and the units’ on-time rate, overdue count and score (SPEC §6)',
    options: { year: { type: 'string' } },
    run: async (args) => (await import('./supervision.ts')).runSupervisionBoard(args),
  },
  {
    name: 'supervision bulletin',
    usage: 'supervision bulletin --period YYYY-MM --out FILE.docx',
    summary: 'generate the month’s 督办通报 as a Word document (archived in the database too)',
    options: { period: { type: 'string' }, out: { type: 'string' } },
    run: async (args) => (await import('./supervision.ts')).runSupervisionBulletin(args),
  },
  {
    name: 'chain gaps',
    usage: 'chain gaps [--domain CODE] [--zone CODE] [--json]',
    summary: 'gap score per industry-chain node, largest first (SPEC §7)',
    options: { domain: { type: 'string' }, zone: { type: 'string' } },
    run: async (args) => (await import('./chain.ts')).runChainGaps(args),
  },
  {
    name: 'policies eligible',
    usage: 'policies eligible CODE [--json]',
    summary: 'enterprises eligible for a policy (auto 免申即享 / apply 快申快享) and what the others lack (SPEC §8)',
    run: async (args) => (await import('./policies.ts')).runPoliciesEligible(args),
  },
  {
    name: 'export requests',
    usage: 'export requests --out FILE [--format xlsx|csv]',
    summary: 'export enterprise requests 企业诉求 with their SLA phases (console operator: every request)',
    options: { out: { type: 'string' }, format: { type: 'string' } },
    run: async (args) => (await import('./services.ts')).runExportRequests(args),
  },
  {
    name: 'export bookings',
    usage: 'export bookings --out FILE [--format xlsx|csv]',
    summary: 'export instrument bookings with their locked prices (console operator: every booking)',
    options: { out: { type: 'string' }, format: { type: 'string' } },
    run: async (args) => (await import('./services.ts')).runExportBookings(args),
  },
  // Entity-generic commands last: a more specific command (e.g. `export monthly-reports`) must match first.
  {
    name: 'template',
    usage: `template ENTITY --out FILE`,
    summary: `write the Excel import template of an entity (${REGISTRY_ENTITY_NAMES}; monthly-reports has its own command)`,
    options: { out: { type: 'string' } },
    run: async (args) => (await import('./registry-io.ts')).runEntityTemplate(args),
  },
  {
    name: 'import',
    usage: `import ENTITY FILE [--mode valid-only|all-or-nothing] [--duplicates skip|update] [--error-report FILE] [--json]`,
    summary: 'import a workbook; JSON: {imported, updated, rejected:[{row, column, value, message}]}',
    options: { mode: { type: 'string' }, duplicates: { type: 'string' }, 'error-report': { type: 'string' } },
    run: async (args) => (await import('./registry-io.ts')).runEntityImport(args),
  },
  {
    name: 'export',
    usage: `export ENTITY --out FILE [--format xlsx|csv]`,
    summary: `export an entity (${REGISTRY_ENTITY_NAMES}) with every record (console operator's full scope)`,
    options: { out: { type: 'string' }, format: { type: 'string' } },
    run: async (args) => (await import('./registry-io.ts')).runEntityExport(args),
  },
];
