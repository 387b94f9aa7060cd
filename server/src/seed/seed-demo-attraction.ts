import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rowsOf } from '../db/rows.ts';
import { createRng } from '../domain/demo/prng.ts';
import { zoneByCode } from './reference/index.ts';

/**
 * Demo data of the attraction pipeline (issue 13 §3, 演示数据): more outside candidates on the weak upstream nodes
 * (strains, media, chassis cells and enzymes, microbes, germplasm), products and sources for the whole pool, and a
 * year of attraction work — targets held by the commission, the park committees and 区投资促进办 / 区科委, with
 * contacts and visits, some conversions into projects and a few signings. Deterministic (seeded); idempotent
 * (nothing is added when targets exist).
 */
const WEAK_UPSTREAM = ['bm-strain', 'bm-media', 'mat-chassis', 'agf-strains', 'agf-germplasm', 'en-microbes', 'bm-consumables', 'agf-cell-factory'];
const PRODUCTS: Record<string, string[]> = {
  'bm-strain': ['CHO 细胞株构建', '高表达细胞株', '工程菌株库'],
  'bm-media': ['无血清培养基', '化学成分限定培养基', '补料培养基'],
  'bm-consumables': ['一次性储液袋', '一次性反应袋', '无菌连接器'],
  'mat-chassis': ['底盘细胞', '工业酶制剂', '合成生物学元件'],
  'agf-strains': ['益生菌菌株', '发酵菌种', '食品用酶'],
  'agf-germplasm': ['种质资源', '分子育种服务'],
  'en-microbes': ['环境功能微生物', '产甲烷菌剂', '降解菌剂'],
  'agf-cell-factory': ['细胞工厂', '合成蛋白'],
};
const SYLLABLES = ['瑞', '康', '华', '博', '诺', '泰', '源', '恒', '嘉', '正', '科', '迈', '晟', '禾', '峰', '悦', '智', '远', '创', '昊'];
const NODE_WORD: Record<string, string> = {
  'bm-strain': '细胞', 'bm-media': '培养基', 'mat-chassis': '合成生物', 'agf-strains': '菌种', 'agf-germplasm': '种业',
  'en-microbes': '微生物', 'bm-consumables': '生物耗材', 'agf-cell-factory': '细胞工厂',
};
const CITIES: [string, string][] = [['苏州', '江苏'], ['杭州', '浙江'], ['北京', '北京'], ['深圳', '广东'], ['武汉', '湖北'], ['天津', '天津'], ['成都', '四川'], ['青岛', '山东']];
const SOURCES = ['exhibition', 'referral', 'association', 'research', 'inbound'] as const;
const NOTES = [
  '电话联系对方投资负责人，介绍金山生物制造产业政策',
  '在上海生物医药展会上接洽，对方有扩产意向',
  '走访企业总部，了解其华东基地选址需求',
  '邀请企业来金山考察载体，参观生物医药港标准厂房',
  '与企业高层会谈，讨论落户条件和政策支持',
  '跟进企业内部决策进度，对方正在比选长三角园区',
];

const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

export async function seedDemoAttraction(tx: Db, seed: number, now: Date): Promise<void> {
  const [existing] = await rowsOf<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM attraction_targets`);
  if (Number(existing?.n ?? 0) > 0) return;
  const rng = createRng(seed, 'attraction');
  const nodes = new Map(
    (await rowsOf<{ id: string; code: string; domain_id: string; domain: string }>(tx, sql`SELECT n.id, n.code, t.domain_id, d.code AS domain FROM chain_nodes n JOIN chain_templates t ON t.id = n.template_id JOIN domains d ON d.id = t.domain_id WHERE n.deleted_at IS NULL`)).map((n) => [n.code, n]),
  );
  // 1. More candidates on the weak upstream nodes.
  const names = new Set((await rowsOf<{ name: string }>(tx, sql`SELECT name FROM candidate_companies`)).map((r) => r.name));
  let k = 0;
  for (const code of WEAK_UPSTREAM) {
    const node = nodes.get(code);
    if (!node) continue;
    for (let i = 0; i < 5; i++) {
      const [city, province] = rng.pick(CITIES);
      let name = '';
      do name = `${city}${rng.pick(SYLLABLES)}${rng.pick(SYLLABLES)}${NODE_WORD[code] ?? '生物'}科技有限公司`;
      while (names.has(name));
      names.add(name);
      const tier = rng.pick(['large', 'medium', 'medium', 'small'] as const);
      const [low, high] = { large: [20_000, 100_000], medium: [2_000, 20_000], small: [200, 2_000] }[tier] as [number, number];
      const revenue = Math.round(rng.logUniform(low, high) / 10) * 10;
      const [row] = await rowsOf<{ id: string }>(
        tx,
        sql`INSERT INTO candidate_companies (code, name, domain_id, node_id, size_tier, annual_revenue, employees, city, province, is_demo)
            VALUES (${`demo-cand-up-${String(++k).padStart(3, '0')}`}, ${name}, ${node.domain_id}, ${node.id}, ${tier}, ${revenue}, ${Math.max(10, Math.round(revenue / 150))}, ${city}, ${province}, true)
            ON CONFLICT (code) DO NOTHING RETURNING id`,
      );
      if (row) await tx.execute(sql`INSERT INTO candidate_chain_nodes (candidate_id, node_id) VALUES (${row.id}, ${node.id}) ON CONFLICT DO NOTHING`);
    }
  }
  // 2. Products and sources for the whole pool (chain nodes were backfilled by migration 0024 for older rows).
  const pool = await rowsOf<{ id: string; name: string; code: string; node: string | null }>(
    tx,
    sql`SELECT c.id, c.name, c.code, n.code AS node FROM candidate_companies c LEFT JOIN chain_nodes n ON n.id = c.node_id WHERE c.is_demo ORDER BY c.code`,
  );
  for (const c of pool) {
    await tx.execute(sql`INSERT INTO candidate_chain_nodes (candidate_id, node_id) SELECT ${c.id}, node_id FROM candidate_companies WHERE id = ${c.id} AND node_id IS NOT NULL ON CONFLICT DO NOTHING`);
    const products = PRODUCTS[c.node ?? ''] ?? [];
    const product = products.length ? rng.pick(products) : null;
    await tx.execute(sql`UPDATE candidate_companies SET source = ${rng.pick(SOURCES)} WHERE id = ${c.id}`);
    if (product) await tx.execute(sql`UPDATE candidate_companies SET products = ARRAY[${product}::text] WHERE id = ${c.id}`);
  }
  // 3. A year of attraction work on about a third of the pool.
  const zones = new Map((await rowsOf<{ id: string; code: string }>(tx, sql`SELECT id, code FROM zones`)).map((z) => [z.code, z.id]));
  const departments = new Map((await rowsOf<{ id: string; code: string }>(tx, sql`SELECT id, code FROM departments`)).map((d) => [d.code, d.id]));
  const designatedZone = (domain: string) => [...zoneByCode.values()].find((z) => z.domainCodes[0] === domain)?.code ?? 'innovation-city';
  const chosen = pool.filter((_, i) => i % 3 === 0).slice(0, 45);
  let signedSoFar = 0;
  for (const [i, c] of chosen.entries()) {
    const node = nodes.get(c.node ?? '');
    if (!node) continue;
    const zoneCode = designatedZone(node.domain);
    const ownerRoll = i % 4;
    const owner =
      ownerRoll === 0 ? { kind: 'commission', zone: null, dept: null } : ownerRoll === 1 ? { kind: 'department', zone: null, dept: departments.get(i % 8 === 1 ? 'kewei' : 'touzi') ?? null } : { kind: 'zone', zone: zones.get(zoneCode) ?? null, dept: null };
    const assigned = addDays(now, -rng.int(40, 360));
    const contacts = rng.int(1, 5);
    const dates = Array.from({ length: contacts }, (_, j) => addDays(assigned, Math.round(((j + 1) * (now.getTime() - assigned.getTime())) / 86_400_000 / (contacts + 1))));
    const fate = i % 9 === 4 ? 'converted' : i % 11 === 7 ? 'dropped' : 'open';
    const [t] = await rowsOf<{ id: string }>(
      tx,
      sql`INSERT INTO attraction_targets (candidate_id, node_id, zone_id, owner_kind, owner_zone_id, owner_department_id, status, plan, next_step, next_on, assigned_on, is_demo)
          VALUES (${c.id}, ${node.id}, ${zones.get(zoneCode) ?? null}, ${owner.kind}, ${owner.zone}, ${owner.dept}, 'open', ${'补链招商：年内完成走访并推动签约'}, ${'邀请来金山考察'}, ${iso(addDays(now, rng.int(5, 60)))}, ${iso(assigned)}, true)
          RETURNING id`,
    );
    for (const d of dates) {
      await tx.execute(sql`INSERT INTO attraction_activities (candidate_id, target_id, kind, occurred_on, note, actor_name, is_demo)
                           VALUES (${c.id}, ${t!.id}, ${rng.pick(['contact', 'visit', 'meeting', 'follow-up'] as const)}, ${iso(d)}, ${rng.pick(NOTES)}, '演示招商专员', true)`);
    }
    if (fate === 'dropped') await tx.execute(sql`UPDATE attraction_targets SET status = 'dropped', next_step = NULL, next_on = NULL WHERE id = ${t!.id}`);
    if (fate !== 'converted') continue;
    // Conversion: a 线索 project on the node and zone, the history as follow-ups; a few signed since.
    const convertedOn = dates[dates.length - 1] ?? assigned;
    const sign = signedSoFar < 3 && node.domain !== 'biomedicine';
    if (sign) signedSoFar++;
    const stage = sign ? 'signed' : 'negotiating';
    const [p] = await rowsOf<{ id: string }>(
      tx,
      sql`INSERT INTO projects (code, name, investor_name, domain_id, zone_id, total_investment, expected_annual_output, responsible_department_id, stage, note, is_demo)
          VALUES (${`XM-DEMO-AT${String(i).padStart(3, '0')}`}, ${`${c.name.replace(/有限公司$/, '')}落户项目`}, ${c.name}, ${node.domain_id}, ${zones.get(zoneCode) ?? null},
                  ${rng.int(5, 60) * 1000}, ${rng.int(8, 90) * 1000}, ${owner.dept ?? departments.get('touzi') ?? null}, ${stage}, ${`由招商目标转化：${c.name}（${c.code}）`}, true)
          ON CONFLICT (code) DO NOTHING RETURNING id`,
    );
    if (!p) continue;
    await tx.execute(sql`INSERT INTO project_chain_nodes (project_id, node_id) VALUES (${p.id}, ${node.id})`);
    const negotiatingOn = addDays(convertedOn, 20);
    const signedOn = addDays(convertedOn, 45 < (now.getTime() - convertedOn.getTime()) / 86_400_000 ? 45 : 1);
    const reached: [string, Date][] = [['lead', convertedOn], ['negotiating', negotiatingOn < now ? negotiatingOn : convertedOn], ...(sign ? ([['signed', signedOn]] as [string, Date][]) : [])];
    let from: string | null = null;
    for (const [s, d] of reached) {
      await tx.execute(sql`INSERT INTO project_stages (project_id, stage, planned_on, actual_on) VALUES (${p.id}, ${s}, ${iso(d)}, ${iso(d)})`);
      await tx.execute(sql`INSERT INTO project_stage_events (project_id, from_stage, to_stage, occurred_on, note, actor_name) VALUES (${p.id}, ${from}, ${s}, ${iso(d)}, '演示数据', '演示招商专员')`);
      from = s;
    }
    await tx.execute(sql`INSERT INTO project_follow_ups (project_id, occurred_on, kind, note, staff_name)
                         SELECT ${p.id}, occurred_on, CASE kind WHEN 'contact' THEN 'call' WHEN 'follow-up' THEN 'other' ELSE kind END, note, actor_name
                           FROM attraction_activities WHERE target_id = ${t!.id}`);
    await tx.execute(sql`UPDATE attraction_targets SET status = 'converted', project_id = ${p.id}, next_step = NULL, next_on = NULL WHERE id = ${t!.id}`);
  }
}
