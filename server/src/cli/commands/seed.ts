import { evaluateDemoWarnings } from './warnings.ts';
import type { DemoAccount } from '../../domain/demo/types.ts';
import { seedDemo } from '../../seed/seed-demo.ts';
import { withDatabase } from '../context.ts';
import type { CommandArgs } from '../main.ts';
import { CliError, type Output } from '../output.ts';

export function printDemoAccounts(out: Output, accounts: DemoAccount[]): void {
  if (!accounts.length) return;
  out.info('\n演示账户 / demo accounts (演示数据, fictional):');
  for (const a of accounts) out.info(`  ${a.username.padEnd(18)} ${a.password.padEnd(16)} ${a.role}`);
  out.info('管理员角色首次登录需绑定两步验证 / administrator roles enrol a second factor at first sign-in.\n');
}

function positiveInt(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`--${name} 须为正整数 / --${name} must be a positive integer: ${String(value)}`, 2);
  return n;
}

export async function runSeed({ values, out }: CommandArgs): Promise<void> {
  if (!values.demo) throw new CliError('需要 --demo（目前只有演示数据集）/ --demo is required (the demo data set is the only one)', 2);
  const enterprises = positiveInt(values.enterprises, 'enterprises', 150);
  const seed = positiveInt(values.seed, 'seed', 20231011);
  // The last month with demo reports (default: the last finished month). An earlier one leaves finished months
  // unreported, which a journey needs to walk a new report through the workflow.
  const asOfText = values['as-of'];
  const asOfMatch = typeof asOfText === 'string' ? /^(\d{4})-(0[1-9]|1[0-2])$/.exec(asOfText) : null;
  if (asOfText !== undefined && !asOfMatch) throw new CliError(`--as-of 须为 YYYY-MM / --as-of must be YYYY-MM: ${String(asOfText)}`, 2);
  const asOf = asOfMatch ? { year: Number(asOfMatch[1]), month: Number(asOfMatch[2]) } : undefined;
  await withDatabase(out, async (database, config) => {
    const progress = out.progress('[seed] enterprises');
    const result = await seedDemo(database, { enterprises, seed, ...(asOf ? { asOf } : {}), onProgress: (_s, done, total) => progress(done, total) });
    printDemoAccounts(out, result.accounts);
    await evaluateDemoWarnings(database, config, out);
    out.result(
      `已载入演示数据：${result.enterprises} 家企业，${result.accounts.length} 个账户（跳过已存在账户 ${result.skippedAccounts.length} 个）\n` +
        `demo data loaded: ${result.enterprises} enterprises, ${result.accounts.length} accounts`,
      { enterprises: result.enterprises, accounts: result.accounts.map((a) => ({ username: a.username, role: a.role })), skippedAccounts: result.skippedAccounts },
    );
  });
}
