import type { CommandSpec } from '../main.ts';
import { CliError } from '../output.ts';

export const reportMonthlyCommand: CommandSpec = {
  name: 'report monthly',
  usage: 'report monthly --period YYYY-MM --out FILE.docx [--zone CODE]',
  summary: 'the monthly operation analysis report 月度运行分析报告 (SPEC §5) as a Word document',
  options: { period: { type: 'string' }, out: { type: 'string' }, zone: { type: 'string' } },
  async run() {
    throw new CliError('not yet', 1);
  },
};
