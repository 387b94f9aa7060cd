import { quoteIdent, type SqlSession } from './sql-session.ts';

/**
 * What the backup needs to know about the public schema, read from the catalogue so that tables added by
 * later migrations are included without code changes.
 */

/** How a column's values are written in the backup file and read back. */
export type ValueEncoding =
  /** JSON number (smallint, integer, oid). */
  | 'number'
  /** JSON boolean. */
  | 'boolean'
  /** jsonb: the JSON value itself. */
  | 'json'
  /** bytea: base64 text. */
  | 'base64'
  /** Arrays: nested JSON arrays of the elements' text forms (null for NULL elements). */
  | 'array'
  /**
   * Everything else as Postgres text: numeric/bigint/real exactly as stored, timestamps as ISO 8601 with
   * microseconds (timestamptz in UTC with "Z"), dates as YYYY-MM-DD, uuid, text, enums, intervals.
   */
  | 'text';

export interface ColumnInfo {
  name: string;
  /** format_type(): "timestamp with time zone", "numeric(9,6)", "text[]", "character(18)". */
  type: string;
  encoding: ValueEncoding;
  notNull: boolean;
  identityAlways: boolean;
}

export interface ForeignKey {
  name: string;
  table: string;
  references: string;
  definition: string;
}

export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  primaryKey: string[];
}

const MIGRATIONS_TABLE = 'schema_migrations';

/** Base tables of a schema (public) except schema_migrations (information_schema, sorted by name). */
export async function listTables(session: SqlSession, schema = 'public'): Promise<string[]> {
  const rows = await session.query<{ name: string }>(
    `SELECT table_name::text AS name FROM information_schema.tables
      WHERE table_schema = $1 AND table_type = 'BASE TABLE' AND table_name <> $2
      ORDER BY table_name COLLATE "C"`,
    [schema, MIGRATIONS_TABLE],
  );
  return rows.map((r) => r.name);
}

export function qualified(table: string, schema = 'public'): string {
  return `${quoteIdent(schema)}.${quoteIdent(table)}`;
}

export interface TriggerState {
  table: string;
  name: string;
  /** pg_trigger.tgenabled: O (on), A (always), R (replica only). */
  enabled: 'O' | 'A' | 'R';
}

/** User triggers of the public schema that are switched on. */
export async function listEnabledTriggers(session: SqlSession): Promise<TriggerState[]> {
  return session.query<TriggerState>(
    `SELECT c.relname::text AS "table", t.tgname::text AS name, t.tgenabled::text AS enabled
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND c.relnamespace = 'public'::regnamespace
      ORDER BY c.relname COLLATE "C", t.tgname COLLATE "C"`,
  );
}

export async function disableTrigger(session: SqlSession, trigger: TriggerState): Promise<void> {
  await session.exec(`ALTER TABLE ${qualified(trigger.table)} DISABLE TRIGGER ${quoteIdent(trigger.name)}`);
}

export async function enableTrigger(session: SqlSession, trigger: TriggerState): Promise<void> {
  const how = trigger.enabled === 'A' ? 'ENABLE ALWAYS' : trigger.enabled === 'R' ? 'ENABLE REPLICA' : 'ENABLE';
  await session.exec(`ALTER TABLE ${qualified(trigger.table)} ${how} TRIGGER ${quoteIdent(trigger.name)}`);
}

export async function describeTable(session: SqlSession, table: string): Promise<TableInfo> {
  const columns = await session.query<{ name: string; type: string; typname: string; category: string; typtype: string; notnull: boolean; identity: string }>(
    `SELECT a.attname::text AS name, format_type(a.atttypid, a.atttypmod) AS type, t.typname::text AS typname,
            t.typcategory::text AS category, t.typtype::text AS typtype, a.attnotnull AS notnull, a.attidentity::text AS identity
       FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
      WHERE a.attrelid = $1::text::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY a.attnum`,
    [qualified(table)],
  );
  const primaryKey = await session.query<{ name: string }>(
    `SELECT a.attname::text AS name
       FROM pg_index i
       CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE i.indrelid = $1::text::regclass AND i.indisprimary
      ORDER BY k.ord`,
    [qualified(table)],
  );
  return {
    name: table,
    columns: columns.map((c) => ({
      name: c.name,
      type: c.type,
      encoding: encodingOf(c.typname, c.category, c.typtype),
      notNull: c.notnull,
      identityAlways: c.identity === 'a',
    })),
    primaryKey: primaryKey.map((r) => r.name),
  };
}

function encodingOf(typname: string, category: string, typtype: string): ValueEncoding {
  if (typtype !== 'b') return category === 'A' ? 'array' : 'text';
  if (category === 'A') return 'array';
  switch (typname) {
    case 'int2':
    case 'int4':
    case 'oid':
      return 'number';
    case 'bool':
      return 'boolean';
    case 'jsonb':
      return 'json';
    case 'bytea':
      return 'base64';
    default:
      return 'text';
  }
}

/** The SELECT expression that yields a column's value in its backup encoding. */
export function selectExpression(column: ColumnInfo): string {
  const c = quoteIdent(column.name);
  switch (column.encoding) {
    case 'number':
    case 'boolean':
      return c;
    case 'json':
      // Text, parsed in JS: keeps a JSON null apart from SQL NULL.
      return `${c}::text`;
    case 'base64':
      return `translate(encode(${c}, 'base64'), E'\\n', '')`;
    case 'array':
      return `array_to_json(${c}::text[])`;
  }
  switch (column.type) {
    case 'timestamp with time zone':
      return `CASE WHEN isfinite(${c}) THEN to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') ELSE ${c}::text END`;
    case 'timestamp without time zone':
      return `CASE WHEN isfinite(${c}) THEN to_char(${c}, 'YYYY-MM-DD"T"HH24:MI:SS.US') ELSE ${c}::text END`;
    case 'date':
      return `CASE WHEN isfinite(${c}) THEN to_char(${c}, 'YYYY-MM-DD') ELSE ${c}::text END`;
    default:
      return `${c}::text`;
  }
}

/** The SQL expression that turns parameter $n (always text) back into the column's type. */
export function insertExpression(placeholder: string, column: ColumnInfo, encoding: ValueEncoding): string {
  if (encoding === 'base64') return column.type === 'bytea' ? `decode(${placeholder}::text, 'base64')` : `decode(${placeholder}::text, 'base64')::${column.type}`;
  return `${placeholder}::text::${column.type}`;
}

export async function listForeignKeys(session: SqlSession): Promise<ForeignKey[]> {
  return session.query<ForeignKey>(
    `SELECT c.conname::text AS name, cl.relname::text AS "table", pl.relname::text AS "references", pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c
       JOIN pg_class cl ON cl.oid = c.conrelid
       JOIN pg_class pl ON pl.oid = c.confrelid
      WHERE c.contype = 'f' AND cl.relnamespace = 'public'::regnamespace AND pl.relnamespace = 'public'::regnamespace
      ORDER BY cl.relname COLLATE "C", c.conname COLLATE "C"`,
  );
}

/**
 * Orders tables so that every table comes after the tables it references (Kahn's algorithm, ties broken by
 * name so the order is stable). Foreign keys on a cycle (including a table referring to itself) cannot be
 * satisfied by any order; they are returned separately so that restore can drop and re-create them
 * around the load.
 */
export function dependencyOrder(tables: string[], foreignKeys: ForeignKey[]): { order: string[]; cyclic: ForeignKey[] } {
  const known = new Set(tables);
  const parents = new Map<string, Set<string>>(tables.map((t) => [t, new Set<string>()]));
  for (const fk of foreignKeys) {
    if (known.has(fk.table) && known.has(fk.references) && fk.table !== fk.references) parents.get(fk.table)!.add(fk.references);
  }
  const order: string[] = [];
  const placed = new Set<string>();
  for (;;) {
    const ready = tables.filter((t) => !placed.has(t) && [...parents.get(t)!].every((p) => placed.has(p)));
    if (ready.length === 0) break;
    const next = ready.sort()[0]!;
    order.push(next);
    placed.add(next);
  }
  const onCycle = tables.filter((t) => !placed.has(t)).sort();
  order.push(...onCycle);
  const cycleSet = new Set(onCycle);
  const cyclic = foreignKeys.filter((fk) => fk.table === fk.references || (cycleSet.has(fk.table) && cycleSet.has(fk.references)));
  return { order, cyclic };
}

export interface SequenceState {
  column: string;
  lastValue: string;
  isCalled: boolean;
}

/** Sequences owned by a table's columns (serial, bigserial, identity) with their current position. */
export async function readSequences(session: SqlSession, table: string): Promise<SequenceState[]> {
  const owned = await session.query<{ column: string; sequence: string }>(
    `SELECT a.attname::text AS "column", pg_get_serial_sequence($1, a.attname) AS sequence
       FROM pg_attribute a
      WHERE a.attrelid = $1::text::regclass AND a.attnum > 0 AND NOT a.attisdropped
        AND pg_get_serial_sequence($1, a.attname) IS NOT NULL
      ORDER BY a.attnum`,
    [qualified(table)],
  );
  const states: SequenceState[] = [];
  for (const { column, sequence } of owned) {
    const [row] = await session.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text AS last_value, is_called FROM ${sequence}`);
    states.push({ column, lastValue: row!.last_value, isCalled: row!.is_called });
  }
  return states;
}

/**
 * Moves each owned sequence past both the restored rows and the position recorded in the backup, so new
 * rows never collide with restored ones and ids of deleted rows are not handed out again.
 */
export async function resetSequences(session: SqlSession, table: string, recorded: SequenceState[]): Promise<void> {
  const owned = await session.query<{ column: string; sequence: string }>(
    `SELECT a.attname::text AS "column", pg_get_serial_sequence($1, a.attname) AS sequence
       FROM pg_attribute a
      WHERE a.attrelid = $1::text::regclass AND a.attnum > 0 AND NOT a.attisdropped
        AND pg_get_serial_sequence($1, a.attname) IS NOT NULL`,
    [qualified(table)],
  );
  for (const { column, sequence } of owned) {
    const [maxRow] = await session.query<{ max: string | null }>(`SELECT max(${quoteIdent(column)})::text AS max FROM ${qualified(table)}`);
    const candidates: bigint[] = [];
    if (maxRow?.max != null) candidates.push(BigInt(maxRow.max) + 1n);
    const state = recorded.find((s) => s.column === column);
    if (state) candidates.push(BigInt(state.lastValue) + (state.isCalled ? 1n : 0n));
    if (candidates.length === 0) continue;
    const next = candidates.reduce((a, b) => (b > a ? b : a));
    await session.query(`SELECT setval($1::text::regclass, $2::text::bigint, false)`, [sequence, next.toString()]);
  }
}
