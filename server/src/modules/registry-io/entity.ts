import type { z } from 'zod';
import type { Actor } from '../../app/actor.ts';
import type { AppDeps } from '../../app/deps.ts';
import type { Permission } from '../../app/permissions.ts';
import type { Db } from '../../db/client.ts';
import type { ColumnSpec } from '../../domain/spreadsheet/columns.ts';
import type { Caller, ReferenceIndex } from '../registry-common/index.ts';

export interface IoContext {
  tx: Db;
  deps: AppDeps;
  caller: Caller;
  index: ReferenceIndex;
}

export interface ExistingRecord {
  id: string;
  /** Inside the caller's write scope (may be updated); otherwise the row is refused without details. */
  writable: boolean;
}

export type WriteOutcome = 'inserted' | 'updated' | 'unchanged';

/**
 * One importable/exportable entity. The table of them (entities.ts) is what `template|import|export ENTITY`
 * and the per-entity routes iterate over: a new entity (e.g. monthly reports) is one more row there.
 *
 * Import runs every row through `contract` — the same zod schema as the API — after `toInput` has merged the
 * sheet's cells over the stored record (so columns absent from a sheet keep their stored values).
 */
export interface RegistryEntity<Input = unknown> {
  /** The CLI's ENTITY word and the URL segment: `/api/<name>/…`. */
  name: string;
  labelZh: string;
  labelEn: string;
  /** Sheet name and file name stem (Chinese). */
  sheetName: string;
  permissions: { import: Permission; export: Permission };
  /** Columns in sheet order; options of reference columns come from the reference data. */
  columns(index: ReferenceIndex): ColumnSpec[];
  contract: z.ZodType<Input>;
  /** Identity for duplicate detection (within the file and against stored records). */
  keyOf(input: Input): string | null;
  /** Human description of the key for messages, e.g. 统一社会信用代码. */
  keyLabel: string;
  /** The column a key problem is reported on. */
  keyColumn: string;
  toInput(cells: Record<string, unknown>, present: ReadonlySet<string>, stored: Record<string, unknown> | null): unknown;
  /** Column key for a contract issue path (or a service error path without its "body." prefix). */
  columnOfPath(path: readonly PropertyKey[]): string | null;
  findExisting(ctx: IoContext, inputs: readonly Input[]): Promise<Map<string, ExistingRecord>>;
  /** The stored record in contract-input shape (what toInput merges over). */
  storedView(ctx: IoContext, id: string): Promise<Record<string, unknown>>;
  insert(ctx: IoContext, input: Input): Promise<void>;
  update(ctx: IoContext, id: string, input: Input): Promise<void>;
  /** Query-string filters of the export (the list view's filters). */
  exportFilter: z.ZodObject<z.ZodRawShape>;
  /** Rows of the export within the actor's READ scope, as values by column key (codes, numbers, dates). */
  exportRows(db: Db, actor: Actor, filter: Record<string, unknown>, index: ReferenceIndex, today: string): AsyncIterable<Record<string, unknown>>;
}
