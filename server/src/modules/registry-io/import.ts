import crypto from 'node:crypto';
import { z } from 'zod';
import type { AppDeps } from '../../app/deps.ts';
import { AppError } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { isBlank, parseCell, plainCellValue } from '../../domain/spreadsheet/cells.ts';
import type { ColumnSpec } from '../../domain/spreadsheet/columns.ts';
import { matchHeaders } from '../../domain/spreadsheet/headers.ts';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from '../../domain/spreadsheet/upload-check.ts';
import type { Caller } from '../registry-common/index.ts';
import { loadReferenceIndex } from '../registry-common/index.ts';
import type { IoContext, RegistryEntity } from './entity.ts';
import { importExtensionOf } from './import-extensions.ts';
import { createNameMatcher } from './name-warnings.ts';
import { assertSafeWorkbook, cellText, dataSheet, ImportRefused, loadWorkbook } from './workbook.ts';

const ZH = z.locales.zhCN();
export const MAX_IMPORT_ROWS = 50_000;

export type ImportMode = 'valid-only' | 'all-or-nothing';
export type DuplicatePolicy = 'update' | 'skip';

export interface ImportProgress {
  phase: 'check' | 'parse' | 'validate' | 'write' | 'done';
  done: number;
  total: number;
}

export interface ImportOptions {
  mode: ImportMode;
  duplicates: DuplicatePolicy;
  fileName?: string | null | undefined;
  limits?: UploadLimits;
  /** Awaited: a streaming caller lets its line leave before the (partly synchronous) work goes on. */
  onProgress?: (progress: ImportProgress) => void | Promise<void>;
  /**
   * 'per-row' writes each row in a savepoint through the entity's insert/update even where a bulk writer exists:
   * the reference the bulk writers are compared against in tests. Routes and the command line never set it.
   */
  writer?: 'bulk' | 'per-row';
}

/** One problem in one row; rows are numbered as Excel numbers them (header = row 1). */
export interface RejectedCell {
  row: number;
  column: string | null;
  value: string | null;
  message: string;
  /** 1-based sheet column, for marking the error report (not part of the printed result). */
  colNumber?: number | null;
}

/** Something to check that does not stop the row (near-duplicate names): the row is imported. */
export interface ImportWarning {
  row: number;
  column: string | null;
  value: string | null;
  message: string;
  /** The stored record the row resembles. */
  similar: { name: string; key: string; score: number };
}

export interface ImportResult {
  imported: number;
  updated: number;
  rejected: RejectedCell[];
  unchanged: number;
  skipped: number;
  rejectedRows: number;
  totalRows: number;
  committed: boolean;
  mode: ImportMode;
  duplicates: DuplicatePolicy;
  sha256: string;
  ignoredColumns: string[];
  warnings: ImportWarning[];
}

interface ParsedRow {
  row: number;
  cells: Record<string, unknown>;
  raw: Record<string, string | null>;
  present: Set<string>;
  /** Columns whose cell could not be read; the contract's complaints about them would only repeat it. */
  cellErrors: Set<string>;
  input?: unknown;
  key?: string | null;
  existingId?: string;
  unchanged?: boolean;
}

const stable = (v: unknown): string => JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));

/**
 * Imports one workbook for `caller` (whose write scope limits what may be created or changed):
 * safety checks before parsing → headers matched → every row through the entity's zod contract →
 * duplicates within the file and against stored records → ONE transaction with ONE audit record carrying the
 * file's SHA-256 and the counts. Entities with a bulk writer (import-extensions.ts) write set-based, refusing a
 * row before writing any of it; the others write each row in a savepoint, so a row failing at write time is
 * reported without losing the others in valid-only mode. In all-or-nothing mode any rejected row means nothing
 * is written. Near-duplicate names come back as warnings.
 */
export async function runImport(deps: AppDeps, caller: Caller, entity: RegistryEntity<never>, buffer: Buffer, options: ImportOptions): Promise<ImportResult> {
  const progress = options.onProgress ?? (() => {});
  const sha256 = crypto.createHash('sha256').update(buffer).digest('hex');
  const auditFailure = (reason: string, extra: Record<string, unknown> = {}) =>
    deps.audit.standalone(caller.audit, caller.origin, {
      action: `${entity.name}.import`,
      objectType: entity.name,
      outcome: 'failure',
      details: { fileName: options.fileName ?? null, sha256, bytes: buffer.length, reason, ...extra },
    });
  await progress({ phase: 'check', done: 0, total: 1 });
  try {
    // Rows are counted while the guard inflates the sheets: a million-row file stops at row MAX_IMPORT_ROWS + 2.
    await assertSafeWorkbook(buffer, options.limits ?? { ...DEFAULT_UPLOAD_LIMITS, maxBytes: deps.config.maxUploadBytes }, MAX_IMPORT_ROWS);
  } catch (error) {
    if (error instanceof ImportRefused) await auditFailure(error.reason);
    throw error;
  }
  const workbook = await loadWorkbook(buffer);
  const sheet = dataSheet(workbook, entity.sheetName);
  const index = await loadReferenceIndex(deps.database.db);
  const specs = entity.columns(index);

  const headerCells: { column: number; text: string }[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: false }, (cell, column) => headerCells.push({ column, text: cellText(cell.value) }));
  const headers = matchHeaders(headerCells, specs);
  // Computed export columns (出租率 …) are recognised and ignored, so an export imports back cleanly.
  for (const spec of specs) if (spec.exportOnly) headers.columns.delete(spec.key);
  if (headers.missingRequired.length || headers.duplicates.length) {
    const missing = headers.missingRequired.map((s) => s.header);
    const dup = headers.duplicates.map((d) => d.header);
    const zh = [missing.length ? `缺少必填列：${missing.join('、')}` : '', dup.length ? `列名重复：${dup.join('、')}` : ''].filter(Boolean).join('；');
    await auditFailure('headers', { missing, duplicates: dup });
    throw new ImportRefused('headers', `表头不符合模板（第1行）：${zh}。请使用导入模板`, `The header row does not match the template: ${[...missing, ...dup].join(', ')}`);
  }
  const specByKey = new Map(specs.map((s) => [s.key, s]));
  const headerOf = (key: string | null) => (key ? (headerCells.find((h) => h.column === headers.columns.get(key))?.text ?? specByKey.get(key)?.header ?? key) : null);

  // Parse cells.
  const rejected: RejectedCell[] = [];
  const rows: ParsedRow[] = [];
  const lastRow = sheet.actualRowCount === 0 ? 0 : sheet.lastRow?.number ?? 0;
  if (lastRow - 1 > MAX_IMPORT_ROWS) {
    await auditFailure('too-many-rows', { rows: lastRow - 1 });
    throw new ImportRefused('too-many-rows', `行数过多（${lastRow - 1} 行），单次最多导入 ${MAX_IMPORT_ROWS} 行，请拆分文件`, `Too many rows (${lastRow - 1}); split the file (limit ${MAX_IMPORT_ROWS})`);
  }
  for (let r = 2; r <= lastRow; r++) {
    const sheetRow = sheet.getRow(r);
    const parsed: ParsedRow = { row: r, cells: {}, raw: {}, present: new Set(headers.columns.keys()), cellErrors: new Set() };
    let blank = true;
    for (const [key, column] of headers.columns) {
      const spec = specByKey.get(key)!;
      const value = plainCellValue(sheetRow.getCell(column).value);
      if (!isBlank(value)) blank = false;
      parsed.raw[key] = isBlank(value) ? null : cellText(value);
      const cell = parseCell(spec, value);
      if (cell.ok) parsed.cells[key] = cell.value;
      else {
        parsed.cellErrors.add(key);
        rejected.push({ row: r, column: headerOf(key), value: parsed.raw[key], message: cell.message, colNumber: column });
      }
    }
    if (!blank) rows.push(parsed);
    if (r % 500 === 0) await progress({ phase: 'parse', done: r - 1, total: lastRow - 1 });
  }
  const totalRows = rows.length;
  await progress({ phase: 'validate', done: 0, total: totalRows });
  const extension = options.writer === 'per-row' ? { ...importExtensionOf(entity.name), bulk: undefined } : importExtensionOf(entity.name);

  const failed = new Set(rejected.map((x) => x.row));
  const reject = (row: ParsedRow, key: string | null, message: string) => {
    failed.add(row.row);
    rejected.push({ row: row.row, column: headerOf(key), value: key ? (row.raw[key] ?? null) : null, message, colNumber: key ? (headers.columns.get(key) ?? null) : null });
  };
  /** On the column when the sheet has it; otherwise on the row, naming the (template) column. */
  const rejectAt = (row: ParsedRow, key: string | null, message: string) => {
    if (key && headers.columns.has(key)) reject(row, key, message);
    else reject(row, null, key && specByKey.has(key) ? `${specByKey.get(key)!.header}：${message}` : message);
  };
  const validate = (row: ParsedRow, stored: Record<string, unknown> | null): unknown => {
    const result = entity.contract.safeParse(entity.toInput(row.cells, row.present, stored), { error: ZH.localeError });
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const key = entity.columnOfPath(issue.path);
      // A blank cell where a value is required says so plainly instead of zod's "expected string, received null".
      const blank = issue.code === 'invalid_type' && key !== null && headers.columns.has(key) && row.raw[key] === null;
      if (!key || !row.cellErrors.has(key)) rejectAt(row, key, blank ? '必填，不能为空' : issue.message);
    }
    return undefined;
  };

  // Contract, then duplicates within the file.
  const firstByKey = new Map<string, number>();
  let validated = 0;
  for (const row of rows) {
    if (++validated % 500 === 0) await progress({ phase: 'validate', done: validated, total: totalRows });
    // Rows with unreadable cells are still checked against the contract, so every problem is listed at once.
    const hadCellErrors = row.cellErrors.size > 0;
    row.input = validate(row, null);
    if (row.input === undefined || hadCellErrors) {
      row.input = undefined;
      continue;
    }
    row.key = entity.keyOf(row.input as never);
    if (row.key) {
      const first = firstByKey.get(row.key);
      if (first !== undefined) reject(row, entity.keyColumn, `与第${first}行重复（${entity.keyLabel}相同）`);
      else firstByKey.set(row.key, row.row);
    }
  }

  // Against stored records.
  let skipped = 0;
  const candidates = rows.filter((r) => !failed.has(r.row));
  const ctxRead: IoContext = { tx: deps.database.db, deps, caller, index };
  const existing = await entity.findExisting(ctxRead, candidates.map((r) => r.input as never));
  const toMerge: ParsedRow[] = [];
  for (const row of candidates) {
    const found = row.key ? existing.get(row.key) : undefined;
    if (!found) continue;
    if (!found.writable) {
      reject(row, entity.keyColumn, `该${entity.keyLabel}已登记，且不在您的管辖范围内，不能导入或更新`);
      continue;
    }
    if (options.duplicates === 'skip') {
      row.input = undefined;
      skipped++;
      continue;
    }
    row.existingId = found.id;
    toMerge.push(row);
  }
  // The stored records the rows merge over: one read for the file with a bulk writer, else one per row.
  const storedViews = extension.bulk ? await extension.bulk.storedViews(ctxRead, toMerge.map((r) => r.existingId!)) : null;
  for (const row of toMerge) {
    const stored = storedViews ? (storedViews.get(row.existingId!) ?? {}) : await entity.storedView(ctxRead, row.existingId!);
    const merged = validate(row, stored);
    row.input = merged;
    row.unchanged = merged !== undefined && stable(merged) === stable(entity.contract.safeParse(stored).data ?? null);
  }
  const valid = rows.filter((r) => !failed.has(r.row) && r.input !== undefined);
  const warnings = await nameWarnings(extension, ctxRead, valid.filter((r) => !r.unchanged), headerOf);
  const rejectedRows = new Set(rejected.map((x) => x.row)).size;

  let imported = 0;
  let updated = 0;
  let unchanged = 0;
  let committed = false;
  const counts = () => ({ rows: totalRows, imported, updated, unchanged, skipped, rejectedRows: new Set(rejected.map((x) => x.row)).size });
  const details = () => ({ fileName: options.fileName ?? null, sha256, bytes: buffer.length, mode: options.mode, duplicates: options.duplicates, ...counts() });

  if (options.mode === 'all-or-nothing' && rejectedRows > 0) {
    await deps.audit.standalone(caller.audit, caller.origin, { action: `${entity.name}.import`, objectType: entity.name, outcome: 'failure', details: { ...details(), reason: 'rows-rejected' } });
  } else {
    class RollbackAll extends Error {}
    try {
      await deps.database.db.transaction(async (txRaw) => {
        const tx = txRaw as unknown as Db;
        const ctx: IoContext = { tx, deps, caller, index: await loadReferenceIndex(tx) };
        const reportFailure = (row: ParsedRow, error: AppError) => {
          const problems = error.details?.length ? error.details : [{ path: undefined, message: error.messageZh }];
          for (const p of problems) {
            const path = p.path ? p.path.replace(/^body\.?/, '').split('.').filter(Boolean).map((x) => (/^\d+$/.test(x) ? Number(x) : x)) : [];
            rejectAt(row, path.length ? entity.columnOfPath(path) : null, p.message || error.messageZh);
          }
        };
        if (extension.bulk) {
          const changed = valid.filter((r) => !r.unchanged);
          unchanged = valid.length - changed.length;
          await progress({ phase: 'write', done: unchanged, total: valid.length });
          const outcomes = await extension.bulk.write(ctx, changed.map((r) => ({ input: r.input as never, existingId: r.existingId })), (done) =>
            progress({ phase: 'write', done: unchanged + done, total: valid.length }),
          );
          let failures = 0;
          outcomes.forEach((outcome, i) => {
            if (outcome === 'inserted') imported++;
            else if (outcome === 'updated') updated++;
            else {
              failures++;
              reportFailure(changed[i]!, outcome);
            }
          });
          if (failures > 0 && options.mode === 'all-or-nothing') throw new RollbackAll();
          await deps.audit.inTransaction(tx, caller.audit, caller.origin, { action: `${entity.name}.import`, objectType: entity.name, details: details() });
          return;
        }
        let done = 0;
        for (const row of valid) {
          try {
            if (row.unchanged) unchanged++;
            else {
              await tx.transaction(async (sp) => {
                const spCtx = { ...ctx, tx: sp as unknown as Db };
                if (row.existingId) await entity.update(spCtx, row.existingId, row.input as never);
                else await entity.insert(spCtx, row.input as never);
              });
              if (row.existingId) updated++;
              else imported++;
            }
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            reportFailure(row, error);
            if (options.mode === 'all-or-nothing') throw new RollbackAll();
          }
          if (++done % 100 === 0) await progress({ phase: 'write', done, total: valid.length });
        }
        await deps.audit.inTransaction(tx, caller.audit, caller.origin, { action: `${entity.name}.import`, objectType: entity.name, details: details() });
      });
      committed = true;
    } catch (error) {
      if (!(error instanceof RollbackAll)) throw error;
      imported = updated = unchanged = 0;
      await deps.audit.standalone(caller.audit, caller.origin, { action: `${entity.name}.import`, objectType: entity.name, outcome: 'failure', details: { ...details(), reason: 'rows-rejected' } });
    }
  }
  await progress({ phase: 'done', done: totalRows, total: totalRows });
  rejected.sort((a, b) => a.row - b.row || (a.colNumber ?? 1e9) - (b.colNumber ?? 1e9));
  return {
    imported,
    updated,
    rejected,
    unchanged,
    skipped,
    rejectedRows: new Set(rejected.map((x) => x.row)).size,
    totalRows,
    committed,
    mode: options.mode,
    duplicates: options.duplicates,
    sha256,
    ignoredColumns: headers.unknown.map((u) => u.header),
    // A row refused at write time keeps its errors, not a warning as well.
    warnings: warnings.filter((w) => !failed.has(w.row)),
  };
}

/** Near-duplicate names of the rows about to be written, against the stored records the caller may see. */
async function nameWarnings(extension: ReturnType<typeof importExtensionOf>, ctx: IoContext, rows: readonly ParsedRow[], headerOf: (key: string | null) => string | null): Promise<ImportWarning[]> {
  const check = extension.nameCheck;
  if (!check || rows.length === 0) return [];
  const match = createNameMatcher(await check.storedNames(ctx));
  const warnings: ImportWarning[] = [];
  for (const row of rows) {
    const name = (row.input as Record<string, unknown>)[check.nameKey];
    if (typeof name !== 'string') continue;
    const [best] = match(name, row.key ?? '', 1);
    if (!best) continue;
    warnings.push({
      row: row.row,
      column: headerOf(check.nameKey),
      value: name,
      message: `与已登记的“${best.record.name}”（${best.record.uscc.trim()}）名称近似，请确认不是同一家企业 / The name is similar to the registered "${best.record.name}" (${best.record.uscc.trim()}); check that it is not the same firm`,
      similar: { name: best.record.name, key: best.record.uscc.trim(), score: best.score },
    });
  }
  return warnings;
}

/** The printed/JSON form of a rejection (SPEC §11: {row, column, value, message}). */
export function publicRejected(rejected: readonly RejectedCell[]) {
  return rejected.map(({ row, column, value, message }) => ({ row, column, value, message }));
}

export type { ColumnSpec };
