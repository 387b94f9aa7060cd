import type { AppConfig } from '../../config/config.ts';
import type { Database } from '../../db/client.ts';
import { createAuditService } from '../../modules/audit/audit.service.ts';
import { evaluateWarnings } from '../../modules/warnings/index.ts';
import { withDatabase } from '../context.ts';
import type { CommandArgs } from '../main.ts';
import type { Output } from '../output.ts';

/**
 * `warnings evaluate [--json]` (SPEC §11): evaluates every enabled rule now. The JSON on stdout is exactly
 * {opened, updated, closed, open:[{rule, level, subjectKind, subjectKey}]}; a rule that failed and was skipped
 * is reported on stderr, so operators' scripts read the same shape whatever happened.
 */
export async function runWarningsEvaluate({ out }: CommandArgs): Promise<void> {
  await withDatabase(out, async (database, config) => {
    const clock = () => new Date();
    const result = await evaluateWarnings({ database, config, clock, audit: createAuditService(database, clock), log: (m) => out.info(m) });
    for (const s of result.skipped) out.info(`规则已跳过 / rule skipped: ${s.rule}: ${s.error}`);
    const human = [
      `新开 ${result.opened}，更新 ${result.updated}，关闭 ${result.closed}，未关闭 ${result.open.length} / opened ${result.opened}, updated ${result.updated}, closed ${result.closed}, open ${result.open.length}`,
      ...result.open.map((w) => `  ${w.level.padEnd(6)} ${w.rule.padEnd(32)} ${w.subjectKind} ${w.subjectKey}`),
    ].join('\n');
    out.result(human, { opened: result.opened, updated: result.updated, closed: result.closed, open: result.open });
  });
}

/** After the demo data set is loaded: its warnings, so a fresh demo shows them without waiting for the night. */
export async function evaluateDemoWarnings(database: Database, config: AppConfig, out: Output): Promise<void> {
  const clock = () => new Date();
  const result = await evaluateWarnings({ database, config, clock, audit: createAuditService(database, clock), log: (m) => out.info(m) });
  out.info(`[seed] 预警 ${result.open.length} 条 / ${result.open.length} warnings open`);
}
