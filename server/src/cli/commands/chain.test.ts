import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { cliOnSuiteEngine } from '../../../../test/cli-runner.ts';
import { openDatabase, type Database } from '../../db/client.ts';
import { buildUscc } from '../../domain/uscc/uscc.ts';
import { rowsOf } from '../../modules/statistics/sql-rows.ts';
import { chainTemplates, zoneByCode } from '../../seed/reference/index.ts';

// `biomfg chain gaps` through the command line's entry point, on the engine the suite runs on.

const cli = cliOnSuiteEngine('biomfg-chain-cli-');
const biomfg = cli.biomfg;
type Row = { domain: string; node: string; name: string; strength: number; importance: number; gap: number; enterprises: number; projects: number };

/** The command's database, opened between two commands (the embedded engine allows one opener at a time). */
async function withDb(work: (db: Database['db']) => Promise<void>) {
  if (cli.database) return work(cli.database.database.db);
  const database = await openDatabase({ dataDir: cli.dataDir });
  try {
    await work(database.db);
  } finally {
    await database.close();
  }
}

describe('biomfg chain gaps', () => {
  it('prints {nodes:[…]} with the SPEC fields, largest gap first, and follows a registry change', async () => {
    const first = await biomfg('chain', 'gaps', '--json');
    expect(first.code, first.stderr).toBe(0);
    const nodes = JSON.parse(first.stdout).nodes as Row[];
    expect(nodes).toHaveLength(chainTemplates.reduce((s, t) => s + t.nodes.length, 0));
    expect(Object.keys(nodes[0]!)).toEqual(['domain', 'node', 'name', 'strength', 'importance', 'gap', 'enterprises', 'projects']);
    // An empty district: every node has strength 0 and the default weight as its gap.
    expect(nodes.every((n) => n.strength === 0 && n.gap === 0.5 && n.enterprises === 0)).toBe(true);

    const target = chainTemplates.find((t) => t.domainCode === 'biomaterials')!.nodes[0]!.code;
    await withDb(async (db) => {
      const [e] = await rowsOf<{ id: string }>(db, sql`INSERT INTO enterprises (uscc, name, stage, is_above_scale) VALUES (${buildUscc('91', '310116', 'CHAN00001')}, '链图命令测试有限公司', 'industrialized', true) RETURNING id`);
      const id = e!.id;
      await db.execute(sql`INSERT INTO enterprise_chain_nodes (enterprise_id, node_id, is_primary) SELECT ${id}, id, true FROM chain_nodes WHERE code = ${target}`);
    });
    const second = await biomfg('chain', 'gaps', '--domain', 'biomaterials', '--json');
    expect(second.code, second.stderr).toBe(0);
    const after = JSON.parse(second.stdout).nodes as Row[];
    expect(new Set(after.map((n) => n.domain))).toEqual(new Set(['biomaterials']));
    const hit = after.find((n) => n.node === target)!;
    expect(hit.enterprises).toBe(1);
    expect(hit.gap).toBeLessThan(0.5);
    expect(after[after.length - 1]!.node).toBe(target);
    for (let i = 1; i < after.length; i++) expect(after[i - 1]!.gap).toBeGreaterThanOrEqual(after[i]!.gap);
  }, 180_000);

  it('a zone shows its designated domains only; the text form has a header; bad codes fail with a located message', async () => {
    const zoned = await biomfg('chain', 'gaps', '--zone', 'agri-park', '--json');
    expect(zoned.code, zoned.stderr).toBe(0);
    const domains = new Set((JSON.parse(zoned.stdout).nodes as Row[]).map((n) => n.domain));
    expect(domains).toEqual(new Set(zoneByCode.get('agri-park')!.domainCodes));
    const text = await biomfg('chain', 'gaps', '--domain', 'biomedicine');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('domain\tnode\tname\tstrength\timportance\tgap\tenterprises\tprojects');
    const bad = await biomfg('chain', 'gaps', '--domain', 'no-such-domain');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('no-such-domain');
  }, 120_000);
});
