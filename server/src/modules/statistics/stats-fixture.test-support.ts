import { sql } from 'drizzle-orm';
import { INDICATOR_CODES, type IndicatorCode } from '../../../../contracts/indicators.ts';
import type { Db } from '../../db/client.ts';
import { buildUscc } from '../../domain/uscc/uscc.ts';
import { rowsOf } from './sql-rows.ts';

/**
 * A random but seeded population for the statistics tests: enterprises with every classification the
 * dimensions use, entering and leaving between years, gaps, unapproved reports, losses (negative profit) and
 * 4-decimal amounts. Values are decimal strings, as the database stores them.
 */

export interface FixtureEnterprise {
  id: string;
  domain: string | null;
  zone: string | null;
  node: string | null;
  carrier: string | null;
  stage: string;
  aboveScale: boolean;
  manufacturing: boolean;
  tags: string[];
  deleted: boolean;
}

export interface FixtureReport {
  enterpriseId: string;
  year: number;
  month: number;
  status: 'draft' | 'submitted' | 'park-reviewed' | 'approved' | 'returned';
  /** Decimal text as stored; null for an indicator the report leaves empty (e.g. a B204-1 import: no revenue). */
  values: Record<IndicatorCode, string | null>;
}

export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

/** A decimal with 4 places, from cents to a few hundred thousand 万元. */
function amount(rnd: () => number, scale: number, allowNegative = false): string {
  const yuan = BigInt(Math.floor(rnd() * scale * 10_000)) * (allowNegative && rnd() < 0.25 ? -1n : 1n);
  const negative = yuan < 0n;
  const abs = negative ? -yuan : yuan;
  const text = `${abs / 10_000n}.${String(abs % 10_000n).padStart(4, '0')}`;
  return negative ? `-${text}` : text;
}

let usccCounter = 0;

export async function insertFixture(
  db: Db,
  options: { seed: number; enterprises: number; years: readonly number[]; partialShare?: number },
): Promise<{ enterprises: FixtureEnterprise[]; reports: FixtureReport[] }> {
  const rnd = seededRandom(options.seed);
  // Partial reports from a stream of their own, so that the rest of the population is the same with or without.
  const partialRnd = seededRandom(options.seed * 7919 + 1);
  const domains = (await rowsOf<{ id: string; code: string }>(db, sql`SELECT id, code FROM domains ORDER BY code`)).map((r) => r);
  const zones = await rowsOf<{ id: string; code: string }>(db, sql`SELECT id, code FROM zones ORDER BY code`);
  const carriers = await rowsOf<{ id: string; code: string; zone_id: string | null }>(db, sql`SELECT id, code, zone_id FROM carriers ORDER BY code`);
  const nodes = await rowsOf<{ id: string; code: string }>(db, sql`SELECT id, code FROM chain_nodes ORDER BY code`);
  const enterprises: FixtureEnterprise[] = [];
  const reports: FixtureReport[] = [];
  const firstYear = options.years[0]!;
  const lastYear = options.years[options.years.length - 1]!;
  const span = (lastYear - firstYear + 1) * 12;
  for (let i = 0; i < options.enterprises; i++) {
    const domain = rnd() < 0.9 ? pick(rnd, domains) : null;
    const zone = rnd() < 0.95 ? pick(rnd, zones) : null;
    const carrier = rnd() < 0.5 ? pick(rnd, carriers) : null;
    const node = rnd() < 0.8 ? pick(rnd, nodes) : null;
    const tags = ['leader', 'chain-leader', 'specialized', 'high-tech'].filter(() => rnd() < 0.25);
    const stage = pick(rnd, ['incubating', 'accelerating', 'industrialized']);
    const aboveScale = rnd() < 0.4;
    const manufacturing = rnd() < 0.7;
    usccCounter++;
    const uscc = buildUscc('91', '310116', `W${String(options.seed % 1000).padStart(3, '0')}${String(usccCounter).padStart(5, '0')}`.slice(0, 9));
    const [row] = await rowsOf<{ id: string }>(
      db,
      sql`INSERT INTO enterprises (uscc, name, domain_id, zone_id, carrier_id, stage, is_above_scale, is_manufacturing, tags)
          VALUES (${uscc}, ${`统计测试企业${options.seed}-${i}`}, ${domain?.id ?? null}, ${zone?.id ?? null}, ${carrier?.id ?? null}, ${stage},
                  ${aboveScale}, ${manufacturing}, ${sql.raw(`ARRAY[${tags.map((t) => `'${t}'`).join(',')}]::text[]`)})
          RETURNING id`,
    );
    const id = row!.id;
    if (node) await db.execute(sql`INSERT INTO enterprise_chain_nodes (enterprise_id, node_id, is_primary) VALUES (${id}, ${node.id}, true)`);
    enterprises.push({ id, domain: domain?.code ?? null, zone: zone?.code ?? null, node: node?.code ?? null, carrier: carrier?.code ?? null, stage, aboveScale, manufacturing, tags, deleted: false });
    // Entering and leaving: a random active window inside the years, so some firms exist in one year only.
    const start = rnd() < 0.6 ? 0 : Math.floor(rnd() * span);
    const end = rnd() < 0.7 ? span - 1 : start + Math.floor(rnd() * (span - start));
    const size = 10 + rnd() * 5000;
    for (let t = start; t <= end; t++) {
      if (rnd() < 0.08) continue; // a month not reported
      const year = firstYear + Math.floor(t / 12);
      const month = (t % 12) + 1;
      const status = rnd() < 0.85 ? 'approved' : pick(rnd, ['draft', 'submitted', 'park-reviewed', 'returned'] as const);
      const values = Object.fromEntries(
        INDICATOR_CODES.map((c) => [c, c === 'employees' ? String(Math.floor(rnd() * 500)) : amount(rnd, size, c === 'profit')]),
      ) as Record<IndicatorCode, string | null>;
      if (options.partialShare && partialRnd() < options.partialShare) {
        // Half like a B204-1 import (output, sales, export only), half with random indicators left empty.
        const b204 = partialRnd() < 0.5;
        for (const c of INDICATOR_CODES) if (b204 ? !['output', 'sales', 'export'].includes(c) : partialRnd() < 0.4) values[c] = null;
      }
      reports.push({ enterpriseId: id, year, month, status, values });
    }
  }
  await insertFixtureReports(db, reports);
  return { enterprises, reports };
}

export async function insertFixtureReports(db: Db, reports: readonly FixtureReport[]): Promise<void> {
  for (let i = 0; i < reports.length; i += 2000) {
    const batch = reports.slice(i, i + 2000).map((r) => ({ enterprise_id: r.enterpriseId, year: r.year, month: r.month, status: r.status, ...r.values }));
    await db.execute(sql`
      INSERT INTO monthly_reports (enterprise_id, year, month, status, ${sql.raw(INDICATOR_CODES.join(', '))}, deadline)
      SELECT enterprise_id, year, month, status, ${sql.raw(INDICATOR_CODES.join(', '))}, make_date(year, month, 1) + interval '1 month' + interval '9 days'
        FROM jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) AS x(enterprise_id uuid, year int, month int, status text,
          ${sql.raw(INDICATOR_CODES.map((c) => `${c} ${c === 'employees' ? 'int' : 'numeric'}`).join(', '))})`);
  }
}
