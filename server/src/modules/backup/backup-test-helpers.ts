import crypto from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../../db/client.ts';
import { enterprises } from '../../db/schema/index.ts';
import { loadConfig } from '../../config/config.ts';
import { seedReferenceData } from '../../seed/seed-reference.ts';
import { appendAuditRecord } from '../audit/index.ts';
import { insertSession } from '../auth/index.ts';
import { createSecuritySettingsService, defaultSecuritySettings } from '../security/index.ts';
import { provisionUser } from '../users/index.ts';
import { inTransaction, quoteIdent } from './sql-session.ts';

/** Test helpers for the backup suites (not a test file itself). */

const systemActor = { actorUserId: null, actorUsername: 'system', actorRole: null, ip: null, requestId: null };

/**
 * Reference data, accounts, an enterprise with awkward values, security settings, a session and audit
 * records, all written through the application's own services.
 */
export async function seedSample(database: Database, options: { users?: number; auditRecords?: number } = {}): Promise<void> {
  const config = loadConfig({ NODE_ENV: 'test' });
  await database.db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    await seedReferenceData(tx);
    const [enterprise] = await tx
      .insert(enterprises)
      .values({
        uscc: '91310116MA1JX8BQ2T',
        name: '示例 "生物" 企业, Ltd.\\ {测试}',
        subfield: null,
        tags: ['合成生物', 'with "quotes"', 'comma, brace {x}', 'back\\slash', 'NULL', ''],
        foundedOn: '2019-02-28',
        contactName: 'Ｚhāng 张 🧪',
        contactPhone: '13800000000',
      })
      .returning();
    await tx.insert(enterprises).values({ uscc: '91310116MA1JX8BQ3R', name: '空标签企业', tags: [], foundedOn: null });
    const userCount = options.users ?? 3;
    const roles = ['commission', 'leader', 'sysadmin', 'auditor', 'expert'] as const;
    for (let i = 0; i < userCount; i++) {
      const user = await provisionUser(tx, {
        username: `user${i}`,
        displayName: i === 0 ? "O'Brien \"测试\"\nline two\ttab" : `用户 ${i}`,
        role: roles[i % roles.length]!,
        password: `Jinshan#Test${2020 + i}`,
        mustChangePassword: i % 2 === 0,
      });
      await appendAuditRecord(tx, { ...systemActor, action: 'user.create', objectType: 'user', objectId: user.id, outcome: 'success', after: { username: user.username, role: user.role } }, new Date());
      if (i === 0) {
        await insertSession(tx, { tokenHash: crypto.randomBytes(32).toString('hex'), userId: user.id, stage: 'active', csrfToken: 'csrf', ip: '127.0.0.1', userAgent: 'vitest', now: new Date(), expiresAt: new Date(Date.now() + 3600_000) });
        await tx.execute(sql`INSERT INTO password_history (user_id, password_hash) VALUES (${user.id}, 'old-hash-1'), (${user.id}, 'old-hash-2')`);
      }
    }
    await createSecuritySettingsService(database, config).save(tx, { ...defaultSecuritySettings(config) }, null);
    for (let i = 0; i < (options.auditRecords ?? 25); i++) {
      await appendAuditRecord(
        tx,
        {
          ...systemActor,
          ip: i % 3 === 0 ? '10.0.0.1' : null,
          action: i % 2 ? 'enterprise.update' : 'report.submit',
          objectType: 'enterprise',
          objectId: enterprise!.id,
          outcome: i % 5 === 0 ? 'failure' : 'success',
          before: i % 4 === 0 ? null : { revenue: '12345678901234567890.12', list: [1, 2.5, -3e-7, null, true], nested: { 中文: '值', empty: {} } },
          after: { i, text: `line\n"quoted" \\ ${'长'.repeat(i)}`, emoji: '🧬', nothing: null },
          details: i % 2 ? { note: 'x' } : null,
        },
        new Date(Date.UTC(2024, 0, 1, 8, 0, i, i)),
      );
    }
  });
}

/**
 * Every table of the public schema (schema_migrations included), every row as Postgres' own JSON of the
 * row, sorted: an independent view to compare two databases row for row.
 */
export async function snapshotDatabase(database: Database): Promise<Record<string, string[]>> {
  return inTransaction(database, 'snapshot-read', async (session) => {
    await session.exec(`SET LOCAL TimeZone = 'UTC'; SET LOCAL extra_float_digits = 3;`);
    const tables = await session.query<{ name: string }>(
      `SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    const out: Record<string, string[]> = {};
    for (const { name } of tables) {
      const rows = await session.query<{ j: string }>(`SELECT to_jsonb(t)::text AS j FROM public.${quoteIdent(name)} t ORDER BY to_jsonb(t)::text COLLATE "C"`);
      out[name] = rows.map((r) => r.j);
    }
    return out;
  });
}

export function readBackupLines(file: string): string[] {
  const text = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
  return text.split('\n').slice(0, -1);
}

/**
 * Writes lines as a backup file. With `refreshChecksums` the trailer is recomputed to match the lines,
 * as an attacker or a buggy tool would: the file then passes verification and only the database can
 * reject its content.
 */
export function writeBackupLines(file: string, lines: string[], options: { refreshChecksums?: boolean } = {}): void {
  let out = lines;
  if (options.refreshChecksums) {
    const header = JSON.parse(lines[0]!) as { tables: { name: string; rows: number }[] };
    const total = crypto.createHash('sha256').update(`${lines[0]}\n`);
    const tables: { name: string; rows: number; sha256: string }[] = [];
    let index = 1;
    let rows = 0;
    for (const t of header.tables) {
      const hash = crypto.createHash('sha256');
      for (let i = 0; i <= t.rows; i++, index++) {
        hash.update(`${lines[index]}\n`);
        total.update(`${lines[index]}\n`);
      }
      rows += t.rows;
      tables.push({ name: t.name, rows: t.rows, sha256: hash.digest('hex') });
    }
    out = [...lines.slice(0, index), JSON.stringify({ trailer: 'biomfg-backup', rows, tables, sha256: total.digest('hex') })];
  }
  fs.writeFileSync(file, zlib.gzipSync(`${out.join('\n')}\n`));
}
