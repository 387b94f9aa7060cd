import fs from 'node:fs';
import type { AppDeps } from '../../app/deps.ts';
import type { AppConfig } from '../../config/config.ts';
import type { Database } from '../../db/client.ts';
import { createAuditService } from '../../modules/audit/audit.service.ts';
import { consoleOperatorCaller } from '../../modules/registry-common/caller.ts';
import { createSecuritySettingsService } from '../../modules/security/security-settings.service.ts';
import { createSupervisionService, currentYear } from '../../modules/supervision/supervision.service.ts';
import { generateBulletin } from '../../modules/supervision/supervision-bulletin.ts';
import { withDatabase } from '../context.ts';
import type { CommandArgs } from '../main.ts';
import { CliError } from '../output.ts';

function depsFor(database: Database, config: AppConfig): AppDeps {
  const clock = () => new Date();
  return { config, database, clock, audit: createAuditService(database, clock), settings: createSecuritySettingsService(database, config) };
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/**
 * `supervision board [--year Y] [--json]` (SPEC §11): every item with its colour and next date, and the units'
 * on-time rate, red count and score. The items are first brought in line with the active plan (audited as the
 * console operator), so a fresh installation answers with the plan's measures.
 */
export async function runSupervisionBoard({ values, out }: CommandArgs): Promise<void> {
  const year = values.year === undefined ? null : Number(values.year);
  if (year !== null && !(Number.isInteger(year) && year >= 2000 && year <= 2100)) throw new CliError(`--year 须为四位数年份 / --year must be a four-digit year: ${String(values.year)}`, 2);
  await withDatabase(out, async (database, config) => {
    const deps = depsFor(database, config);
    const service = createSupervisionService(deps);
    const caller = consoleOperatorCaller();
    await service.sync(caller);
    const board = await service.board(caller, year ?? currentYear(deps.clock()));
    const data = {
      items: board.items.map((i) => ({ key: i.key, task: i.task, unit: i.unit, role: i.role, status: i.status, due: i.due })),
      units: board.units.map((u) => ({ name: u.name, onTimeRate: u.onTimeRate, overdue: u.overdue, score: u.score })),
    };
    const lines = [
      `督办看板 / supervision board ${board.year} (as of ${board.asOf}): ${data.items.length} items`,
      ['key', 'task', 'unit', 'role', 'status', 'due'].join('\t'),
      ...data.items.map((i) => [i.key, i.task, i.unit, i.role, i.status, i.due ?? '—'].join('\t')),
      '',
      ['rank', 'unit', 'onTimeRate', 'overdue', 'score'].join('\t'),
      ...board.units.map((u) => [u.rank, u.name, pct(u.onTimeRate), u.overdue, u.score.toFixed(1)].join('\t')),
    ];
    out.result(lines.join('\n'), data);
  });
}

/** `supervision bulletin --period YYYY-MM --out FILE.docx` (SPEC §11): generates, archives and writes the 督办通报. */
export async function runSupervisionBulletin({ values, out }: CommandArgs): Promise<void> {
  const period = String(values.period ?? '');
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) throw new CliError(`--period 须为 YYYY-MM / --period must be YYYY-MM: ${period || '(missing)'}`, 2);
  const file = typeof values.out === 'string' ? values.out : '';
  if (!file) throw new CliError('需要 --out FILE.docx / --out FILE.docx is required', 2);
  await withDatabase(out, async (database, config) => {
    const deps = depsFor(database, config);
    const caller = consoleOperatorCaller();
    await createSupervisionService(deps).sync(caller);
    const made = await database.db.transaction(async (tx) => {
      const result = await generateBulletin(tx as never, period, deps.clock(), caller.audit.username ?? 'console');
      await deps.audit.inTransaction(tx as never, caller.audit, null, { action: 'supervision.bulletin-generate', objectType: 'supervision-bulletin', objectId: result.id, after: { period } });
      return result;
    });
    fs.writeFileSync(file, made.content);
    const s = made.summary;
    out.result(
      `督办通报已写入 / bulletin written: ${file} (${made.content.length} bytes; ${s.items} items: green ${s.colours.green}, blue ${s.colours.blue}, yellow ${s.colours.yellow}, red ${s.colours.red})`,
      { file, period, bytes: made.content.length, items: s.items, colours: s.colours, red: s.red.length, yellow: s.yellow.length },
    );
  });
}
