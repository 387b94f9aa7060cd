import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Role } from '../../../../contracts/roles.ts';
import { createTestApp, type TestApp } from '../../../../test/test-app.ts';
import type { Actor } from '../../app/actor.ts';
import { consoleOperatorCaller, type Caller } from '../registry-common/index.ts';
import { rowsOf } from '../statistics/index.ts';
import type { PersonalField } from '../../domain/security/personal-info.ts';
import { personalFieldBox } from '../crypto/index.ts';
import { findRegistryEntity } from './entities.ts';
import { runImport, type ImportOptions, type ImportResult } from './import.ts';

/**
 * Test support for comparing the bulk writers with the per-row path: two fresh databases on one fixed clock,
 * the same operations on both, then the import under test written set-based on one and row by row on the other;
 * the stored state of both is dumped with every generated id (and generated code) replaced by something both
 * databases share, so the two dumps must be equal.
 */

/** One instant for both databases, so timestamps and "today" agree. */
const NOW = new Date('2025-06-16T03:00:00Z');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GENERATED_CODE = /^(XM-\d{4}-[0-9A-Z]{6}|carrier-[0-9a-f]{8}|platform-[0-9a-f]{8}|ZJ-[0-9A-F]{6})$/;

export interface Pair {
  bulk: TestApp;
  reference: TestApp;
  close(): Promise<void>;
}

export async function createPair(): Promise<Pair> {
  const [bulk, reference] = [await createTestApp(), await createTestApp()];
  for (const t of [bulk, reference]) t.clock.advance(NOW.getTime() - t.clock.now().getTime());
  return { bulk, reference, close: async () => void (await Promise.all([bulk.close(), reference.close()])) };
}

const built = new Map<string, Promise<Buffer>>();

/**
 * The same rows always give the same bytes (and so the same SHA-256 in the two databases' audit records): the
 * zip entries carry the time they were written, so a workbook built again a second later differs; each one is
 * built once and reused.
 */
export function workbook(sheetName: string, header: string[], rows: unknown[][]): Promise<Buffer> {
  const key = JSON.stringify([sheetName, header, rows]);
  let buffer = built.get(key);
  if (!buffer) built.set(key, (buffer = buildWorkbook(sheetName, header, rows)));
  return buffer;
}

async function buildWorkbook(sheetName: string, header: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  // Fixed document dates: the same rows make the same bytes (and so the same SHA-256 in the audit record).
  wb.created = wb.modified = NOW;
  const sheet = wb.addWorksheet(sheetName);
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A caller of `role` scoped to the reference row `scopeCode` (zone or department) of this database. */
export async function callerOf(t: TestApp, role: Role | 'console', scope?: { table: 'zones' | 'departments'; code: string }): Promise<Caller> {
  if (role === 'console') return consoleOperatorCaller();
  let scopeValue: Actor['scope'] = null;
  if (scope) {
    const [row] = await rowsOf<{ id: string }>(t.deps.database.db, sql`SELECT id FROM ${sql.raw(scope.table)} WHERE code = ${scope.code}`);
    scopeValue = { kind: scope.table === 'zones' ? 'zone' : 'department', id: row!.id } as Actor['scope'];
  }
  const actor = { ...consoleOperatorCaller().actor, username: `parity-${role}`, displayName: `对照${role}`, role, scope: scopeValue } as Actor;
  return { actor, audit: { userId: null, username: `parity-${role}`, role }, origin: null };
}

export type Run = (t: TestApp) => Promise<unknown>;

/** Runs `operation` on both databases (set-up steps: identical on both). */
export async function onBoth(pair: Pair, operation: Run): Promise<void> {
  await operation(pair.bulk);
  await operation(pair.reference);
}

/** Imports `body` into both: set-based into `bulk`, row by row into `reference`; both results. */
export async function importBoth(
  pair: Pair,
  entityName: string,
  caller: (t: TestApp) => Promise<Caller>,
  body: Buffer,
  options: Omit<ImportOptions, 'writer'>,
): Promise<{ bulk: ImportResult; reference: ImportResult }> {
  const entity = findRegistryEntity(entityName)!;
  const bulk = await runImport(pair.bulk.deps, await caller(pair.bulk), entity, body, { ...options, writer: 'bulk' });
  const reference = await runImport(pair.reference.deps, await caller(pair.reference), entity, body, { ...options, writer: 'per-row' });
  return { bulk, reference };
}

/**
 * Imports the rows into both and expects the same result and the same stored state; the (bulk) result.
 */
export async function expectSameImport(
  pair: Pair,
  entity: string,
  file: { sheet: string; header: string[]; rows: unknown[][] },
  caller: (t: TestApp) => Promise<Caller>,
  options: Omit<ImportOptions, 'writer'>,
): Promise<ImportResult> {
  const { bulk, reference } = await importBoth(pair, entity, caller, await workbook(file.sheet, file.header, file.rows), options);
  expect(bulk).toEqual(reference);
  expect(await dump(pair.bulk, entity)).toEqual(await dump(pair.reference, entity));
  return bulk;
}

/** Per-row import (seeding stored records the same way on both). */
export function seed(entityName: string, header: string[], sheetName: string, rows: unknown[][]): Run {
  return async (t) => {
    const result = await runImport(t.deps, consoleOperatorCaller(), findRegistryEntity(entityName)!, await workbook(sheetName, header, rows), { mode: 'all-or-nothing', duplicates: 'update', writer: 'per-row' });
    if (!result.committed || result.rejected.length) throw new Error(`seed failed: ${JSON.stringify(result.rejected)}`);
  };
}

/** The tables an entity's import writes (or must leave alone), ordered so that history keeps its per-record order. */
const TABLES: Record<string, string[]> = {
  projects: ['projects', 'project_stages', 'project_chain_nodes', 'project_stage_events', 'project_follow_ups'],
  carriers: ['carriers', 'carrier_occupants'],
  platforms: ['platforms'],
  experts: ['experts', 'expert_conflicts'],
  enterprises: ['enterprises', 'enterprise_chain_nodes'],
};
const OBJECT_TYPE: Record<string, string> = { projects: 'project', carriers: 'carrier', platforms: 'platform', experts: 'expert', enterprises: 'enterprise' };

/**
 * The stored state an import of `entityName` is responsible for: its tables, its history and the audit records
 * of imports. Ids become the stable name of what they point at (record name, reference code, credit code);
 * generated codes and serial ids go; rows are sorted, except history and events, which keep their order per record.
 */
const PERSONAL_COLUMNS: Record<string, Record<string, PersonalField>> = {
  platforms: { contact_name: 'name', contact_phone: 'mobile' },
  experts: { phone: 'mobile', email: 'email' },
};

export async function dump(t: TestApp, entityName: string): Promise<Record<string, unknown[]>> {
  const db = t.deps.database.db;
  const box = personalFieldBox();
  const labels = new Map<string, string>();
  const labelRows = await rowsOf<{ id: string; label: string }>(
    db,
    sql`SELECT id::text, 'zone:' || code AS label FROM zones UNION ALL SELECT id::text, 'department:' || code FROM departments
        UNION ALL SELECT id::text, 'domain:' || code FROM domains UNION ALL SELECT id::text, 'node:' || code FROM chain_nodes
        UNION ALL SELECT id::text, 'carrier:' || name_zh FROM carriers UNION ALL SELECT id::text, 'enterprise:' || uscc FROM enterprises
        UNION ALL SELECT id::text, 'project:' || name FROM projects UNION ALL SELECT id::text, 'platform:' || name FROM platforms
        UNION ALL SELECT id::text, 'expert:' || name FROM experts`,
  );
  for (const r of labelRows) labels.set(r.id, r.label);
  const normal = (value: unknown, key = ''): unknown => {
    // Timestamps: the shared clock's instant, or whatever each database set earlier (seeded reference rows).
    if (/(^|_)at$/.test(key) && value !== null) return new Date(value as string).getTime() === NOW.getTime() ? 'now' : 'earlier';
    if (value instanceof Date) return value.toISOString();
    if (Array.isArray(value)) return value.map((v) => normal(v));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normal(v, k)]));
    if (typeof value === 'string' && UUID.test(value)) return labels.get(value) ?? '<new id>';
    if (typeof value === 'bigint') return String(value);
    if (typeof value === 'string' && GENERATED_CODE.test(value)) return '<generated>';
    if (key === 'id' || key === 'seq') return '<serial>';
    return value;
  };
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES[entityName]!) {
    const events = table === 'project_stage_events';
    const rows = await rowsOf<Record<string, unknown>>(db, sql`SELECT * FROM ${sql.raw(table)} ${sql.raw(events ? 'ORDER BY id' : '')}`);
    // Sealed personal values carry a random IV: compared opened (each bound to its own row's id).
    const personal = PERSONAL_COLUMNS[table];
    if (personal) for (const row of rows) for (const [column, field] of Object.entries(personal)) if (typeof row[column] === 'string') row[column] = box.open(String(row.id), field, row[column] as string);
    out[table] = sortRows(rows, events ? 'project_id' : null);
  }
  const history = await rowsOf<Record<string, unknown>>(db, sql`SELECT * FROM record_history WHERE object_type = ${OBJECT_TYPE[entityName]!} ORDER BY id`);
  // The per-row path reads a project's chain nodes (and an expert's conflicts) without an ORDER BY: PGlite and
  // PostgreSQL return them in different orders. The set is what both paths must agree on.
  const unordered = (value: unknown) => (Array.isArray(value) ? value.map((v) => JSON.stringify(v)).sort().map((v) => JSON.parse(v)) : value);
  out.record_history = sortRows(history, 'object_id').map((row) => {
    const r = row as { changes: Record<string, [unknown, unknown]> };
    for (const field of ['chainNodes', 'conflicts']) if (r.changes[field]) r.changes[field] = r.changes[field].map(unordered) as [unknown, unknown];
    return r;
  });
  out.audit_log = (await rowsOf<Record<string, unknown>>(db, sql`SELECT action, object_type, outcome, details, actor_username FROM audit_log WHERE action = ${`${entityName}.import`} ORDER BY seq`)).map((r) => normal(r));
  return out;

  // Sorted by content; or, by `recordColumn` only (a stable sort), keeping each record's own sequence.
  function sortRows(rows: Record<string, unknown>[], recordColumn: string | null): unknown[] {
    const normalized = rows.map((r) => normal(r) as Record<string, unknown>);
    const key = (r: Record<string, unknown>) => JSON.stringify(recordColumn ? r[recordColumn] : r);
    return normalized.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }
}
