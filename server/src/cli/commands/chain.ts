import { referenceCodeSchema } from '../../../../contracts/registry-common.ts';
import { computeChainMap } from '../../modules/chain-map/index.ts';
import { consoleOperatorCaller } from '../../modules/registry-common/caller.ts';
import { rowsOf } from '../../modules/statistics/sql-rows.ts';
import { sql } from 'drizzle-orm';
import { withDatabase } from '../context.ts';
import type { CommandArgs } from '../main.ts';
import { CliError } from '../output.ts';

/** `chain gaps` (SPEC §11): every node's strength, importance and gap, largest gap first. */
export async function runChainGaps({ values, out }: CommandArgs): Promise<void> {
  const parseCode = (flag: 'domain' | 'zone') => {
    if (values[flag] === undefined) return undefined;
    const parsed = referenceCodeSchema.safeParse(values[flag]);
    if (!parsed.success) throw new CliError(`--${flag} 代码格式有误 / invalid --${flag}: ${String(values[flag])}`, 2);
    return parsed.data;
  };
  const domain = parseCode('domain');
  const zone = parseCode('zone');
  await withDatabase(out, async (database) => {
    if (domain !== undefined) {
      const known = await rowsOf<{ code: string }>(database.db, sql`SELECT code FROM domains WHERE code = ${domain}`);
      if (known.length === 0) throw new CliError(`未知领域 / unknown domain: ${domain}`, 2);
    }
    if (zone !== undefined) {
      const known = await rowsOf<{ code: string }>(database.db, sql`SELECT code FROM zones WHERE code = ${zone}`);
      if (known.length === 0) throw new CliError(`未知园区 / unknown zone: ${zone}`, 2);
    }
    // The console operator reads the whole district (it already holds the database files).
    const view = await computeChainMap(database.db, consoleOperatorCaller().actor, { domain, zone }, new Date());
    const nodes = view.gaps.map((n) => ({ domain: n.domain, node: n.code, name: n.nameZh, strength: n.strength, importance: n.importance, gap: n.gap, enterprises: n.enterprises, projects: n.projects }));
    const lines = [
      `产业链缺口 / chain gaps${zone ? ` zone ${zone}` : ''}${domain ? ` domain ${domain}` : ''} (period ${view.period ?? '—'}; gap = importance × (1 − strength))`,
      ['domain', 'node', 'name', 'strength', 'importance', 'gap', 'enterprises', 'projects'].join('\t'),
      ...nodes.map((n) => [n.domain, n.node, n.name, n.strength.toFixed(3), n.importance.toFixed(3), n.gap.toFixed(3), n.enterprises, n.projects].join('\t')),
    ];
    out.result(lines.join('\n'), { nodes });
  });
}
