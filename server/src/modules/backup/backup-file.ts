import crypto from 'node:crypto';
import fs from 'node:fs';
import { once } from 'node:events';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';
import type { SequenceState, ValueEncoding } from './schema-catalog.ts';

/**
 * The backup file: gzip'd JSON lines.
 *
 *   line 1            header  {format:"biomfg-backup", version:1, createdAt, engine, serverVersion,
 *                              migrations:[{version,name,checksum,appliedAt}], tables:[{name,rows}]}
 *   per table         section {table, columns:[{name,type,encoding}], sequences:[{column,lastValue,isCalled}]}
 *                     then exactly `rows` row lines: {column: value, …}; a column whose value is SQL NULL
 *                     is left out (so a jsonb JSON null, written as null, stays distinct from SQL NULL)
 *   last line         trailer {trailer:"biomfg-backup", rows, tables:[{name,rows,sha256}], sha256}
 *
 * `sha256` in the trailer covers every byte before the trailer (header, sections and rows); each table's
 * `sha256` covers its section and row lines, so a damaged file is refused and the damaged table named.
 * Tables appear in foreign-key dependency order (referenced tables first).
 */
export const BACKUP_FORMAT = 'biomfg-backup';
export const BACKUP_VERSION = 1;

export interface BackupMigration {
  version: string;
  name: string;
  checksum: string;
  appliedAt?: string;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  engine: 'pglite' | 'postgres';
  serverVersion?: string;
  migrations: BackupMigration[];
  tables: { name: string; rows: number }[];
}

export interface BackupColumn {
  name: string;
  type: string;
  encoding: ValueEncoding;
}

export interface BackupSection {
  table: string;
  columns: BackupColumn[];
  sequences: SequenceState[];
}

export interface BackupTrailer {
  trailer: typeof BACKUP_FORMAT;
  rows: number;
  tables: { name: string; rows: number; sha256: string }[];
  sha256: string;
}

export type BackupRow = Record<string, unknown>;

/** A backup file that is damaged, truncated, foreign or of an unsupported version; the message locates it. */
export class BackupFileError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
    readonly line: number | null = null,
  ) {
    super(`备份文件无效 / invalid backup file ${file}${line !== null ? `, line ${line}` : ''}: ${detail}`);
  }
}

// ----------------------------------------------------------------------------------------------------------
// Writing

export class BackupWriter {
  private readonly gzip = zlib.createGzip({ level: 6 });
  private readonly out: fs.WriteStream;
  private readonly total = crypto.createHash('sha256');
  private table: crypto.Hash | null = null;
  private failure: Error | null = null;

  constructor(readonly file: string) {
    this.out = fs.createWriteStream(file, { flags: 'wx' });
    this.gzip.pipe(this.out);
    const fail = (error: Error) => {
      this.failure ??= error;
    };
    this.gzip.on('error', fail);
    this.out.on('error', fail);
  }

  async line(value: unknown, hashed = true): Promise<void> {
    if (this.failure) throw this.failure;
    const text = `${JSON.stringify(value)}\n`;
    if (hashed) {
      this.total.update(text);
      this.table?.update(text);
    }
    if (!this.gzip.write(text)) await Promise.race([once(this.gzip, 'drain'), once(this.out, 'error')]);
  }

  startTable(): void {
    this.table = crypto.createHash('sha256');
  }

  endTable(): string {
    const digest = this.table!.digest('hex');
    this.table = null;
    return digest;
  }

  digest(): string {
    return this.total.digest('hex');
  }

  /** Finishes the gzip stream and flushes the file to disk. */
  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    const finished = once(this.out, 'close');
    this.gzip.end();
    await finished;
    if (this.failure) throw this.failure;
    const handle = await fs.promises.open(this.file, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  abort(): void {
    this.gzip.destroy();
    this.out.destroy();
  }
}

// ----------------------------------------------------------------------------------------------------------
// Reading

const MAX_LINE_CHARS = 256 * 1024 * 1024;

/** The file's lines, in order, with their numbers; gzip errors and truncation become BackupFileError. */
async function* readLines(file: string): AsyncGenerator<{ text: string; number: number }> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, 'r');
  } catch (error) {
    throw new BackupFileError(file, `cannot open: ${(error as Error).message}`);
  }
  const magic = Buffer.alloc(2);
  const { bytesRead } = await handle.read(magic, 0, 2, 0);
  await handle.close();
  if (bytesRead < 2 || magic[0] !== 0x1f || magic[1] !== 0x8b) throw new BackupFileError(file, 'not a gzip file (a biomfg backup is gzip-compressed JSON lines)');

  const input = fs.createReadStream(file);
  const gunzip = zlib.createGunzip();
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let number = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      pending += decoder.write(chunk);
      let start = 0;
      for (let end = pending.indexOf('\n', start); end !== -1; end = pending.indexOf('\n', start)) {
        number++;
        yield { text: pending.slice(start, end), number };
        start = end + 1;
      }
      pending = pending.slice(start);
      if (pending.length > MAX_LINE_CHARS) throw new BackupFileError(file, `a line longer than ${MAX_LINE_CHARS} characters`, number + 1);
    }
  } catch (error) {
    if (error instanceof BackupFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const where = `after line ${number} (${input.bytesRead} compressed bytes read)`;
    if (code === 'Z_BUF_ERROR' || /unexpected end of file/i.test((error as Error).message)) throw new BackupFileError(file, `the file ends abruptly ${where}: truncated`);
    throw new BackupFileError(file, `damaged compressed data ${where}: ${(error as Error).message}`);
  } finally {
    input.destroy();
  }
  pending += decoder.end();
  if (pending.length > 0) {
    number++;
    yield { text: pending, number };
  }
}

export interface WalkHandlers {
  header?(header: BackupHeader): Promise<void> | void;
  tableStart?(section: BackupSection, rows: number): Promise<void> | void;
  row?(section: BackupSection, row: BackupRow, line: number): Promise<void> | void;
  tableEnd?(section: BackupSection): Promise<void> | void;
}

export interface WalkResult {
  header: BackupHeader;
  trailer: BackupTrailer;
  rows: number;
}

/**
 * Reads a backup from start to end, checking its structure line by line and its checksums at the end, and
 * hands each part to the handlers. With no handlers it is the verification pass that restore runs before
 * it touches any data; the restore pass walks again with handlers and checks the checksums again before
 * it commits (the file could change between the passes).
 */
export async function walkBackup(file: string, handlers: WalkHandlers = {}): Promise<WalkResult> {
  const lines = readLines(file);
  let lastLine = 0;
  const next = async (expecting: string) => {
    const { value, done } = await lines.next();
    if (done) throw new BackupFileError(file, `the file ends after line ${lastLine} where ${expecting} was expected: truncated`);
    lastLine = value.number;
    return value;
  };
  const parse = (line: { text: string; number: number }, what: string): unknown => {
    try {
      return JSON.parse(line.text);
    } catch {
      throw new BackupFileError(file, `${what} is not valid JSON (damaged)`, line.number);
    }
  };
  const total = crypto.createHash('sha256');

  try {
    const headerLine = await next('the header');
    total.update(`${headerLine.text}\n`);
    const header = parseHeader(file, parse(headerLine, 'the header'), headerLine.number);
    await handlers.header?.(header);

    const tableDigests: { name: string; rows: number; sha256: string }[] = [];
    let rows = 0;
    for (const expected of header.tables) {
      const tableHash = crypto.createHash('sha256');
      const sectionLine = await next(`the section of table ${expected.name}`);
      total.update(`${sectionLine.text}\n`);
      tableHash.update(`${sectionLine.text}\n`);
      const section = parseSection(file, parse(sectionLine, `the section of table ${expected.name}`), sectionLine.number, expected.name);
      await handlers.tableStart?.(section, expected.rows);
      const columns = new Map(section.columns.map((c) => [c.name, c]));
      for (let i = 1; i <= expected.rows; i++) {
        const where = `row ${i} of ${expected.rows} of table ${expected.name}`;
        const line = await next(where);
        total.update(`${line.text}\n`);
        tableHash.update(`${line.text}\n`);
        const row = parse(line, where);
        checkRow(file, row, columns, line.number, where);
        await handlers.row?.(section, row as BackupRow, line.number);
      }
      rows += expected.rows;
      tableDigests.push({ name: expected.name, rows: expected.rows, sha256: tableHash.digest('hex') });
      await handlers.tableEnd?.(section);
    }

    const trailerLine = await next('the trailer');
    const trailer = parseTrailer(file, parse(trailerLine, 'the trailer'), trailerLine.number);
    const extra = await lines.next();
    if (!extra.done) throw new BackupFileError(file, 'unexpected content after the trailer', extra.value.number);

    if (trailer.tables.length !== tableDigests.length) throw new BackupFileError(file, 'the trailer lists a different set of tables than the header (damaged)', trailerLine.number);
    for (const [i, digest] of tableDigests.entries()) {
      const recorded = trailer.tables[i]!;
      if (recorded.name !== digest.name || recorded.rows !== digest.rows) {
        throw new BackupFileError(file, `the trailer does not match the header for table ${digest.name} (damaged)`, trailerLine.number);
      }
      if (recorded.sha256 !== digest.sha256) {
        throw new BackupFileError(file, `the content of table ${digest.name} does not match its checksum (damaged or altered)`);
      }
    }
    if (trailer.rows !== rows || trailer.sha256 !== total.digest('hex')) {
      throw new BackupFileError(file, 'the file does not match its checksum (damaged or altered)', trailerLine.number);
    }
    return { header, trailer, rows };
  } finally {
    await lines.return(undefined);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseHeader(file: string, value: unknown, line: number): BackupHeader {
  if (!isObject(value) || value.format !== BACKUP_FORMAT) throw new BackupFileError(file, 'not a biomfg backup (the first line has no "format": "biomfg-backup")', line);
  if (value.version !== BACKUP_VERSION) {
    throw new BackupFileError(file, `backup format version ${JSON.stringify(value.version)} is not supported by this version of the software (supports ${BACKUP_VERSION})`, line);
  }
  const migrationsOk =
    Array.isArray(value.migrations) &&
    value.migrations.every((m) => isObject(m) && typeof m.version === 'string' && typeof m.name === 'string' && typeof m.checksum === 'string');
  const tablesOk =
    Array.isArray(value.tables) &&
    value.tables.every((t) => isObject(t) && typeof t.name === 'string' && typeof t.rows === 'number' && Number.isSafeInteger(t.rows) && t.rows >= 0);
  if (!migrationsOk || !tablesOk || typeof value.createdAt !== 'string' || (value.engine !== 'pglite' && value.engine !== 'postgres')) {
    throw new BackupFileError(file, 'the header is incomplete (damaged)', line);
  }
  const names = (value.tables as { name: string }[]).map((t) => t.name);
  if (new Set(names).size !== names.length) throw new BackupFileError(file, 'the header lists a table twice (damaged)', line);
  return value as unknown as BackupHeader;
}

const ENCODINGS = new Set<ValueEncoding>(['number', 'boolean', 'json', 'base64', 'array', 'text']);

function parseSection(file: string, value: unknown, line: number, expected: string): BackupSection {
  if (!isObject(value) || value.table !== expected) throw new BackupFileError(file, `expected the section of table ${expected}`, line);
  const columnsOk =
    Array.isArray(value.columns) &&
    value.columns.length > 0 &&
    value.columns.every((c) => isObject(c) && typeof c.name === 'string' && typeof c.type === 'string' && ENCODINGS.has(c.encoding as ValueEncoding));
  const sequencesOk =
    Array.isArray(value.sequences) &&
    value.sequences.every((s) => isObject(s) && typeof s.column === 'string' && typeof s.lastValue === 'string' && /^-?\d+$/.test(s.lastValue) && typeof s.isCalled === 'boolean');
  if (!columnsOk || !sequencesOk) throw new BackupFileError(file, `the section of table ${expected} is incomplete (damaged)`, line);
  return value as unknown as BackupSection;
}

function parseTrailer(file: string, value: unknown, line: number): BackupTrailer {
  if (isObject(value) && value.trailer === BACKUP_FORMAT && typeof value.sha256 === 'string' && typeof value.rows === 'number' && Array.isArray(value.tables)) {
    return value as unknown as BackupTrailer;
  }
  // A row where the trailer should be: the header's row count does not match the rows that follow.
  throw new BackupFileError(file, 'expected the trailer (the row counts in the header do not match the file: damaged)', line);
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function checkRow(file: string, row: unknown, columns: Map<string, BackupColumn>, line: number, where: string): void {
  if (!isObject(row)) throw new BackupFileError(file, `${where} is not a JSON object (damaged)`, line);
  for (const [name, value] of Object.entries(row)) {
    const column = columns.get(name);
    if (!column) throw new BackupFileError(file, `${where} has a column "${name}" that its table section does not list (damaged)`, line);
    const ok =
      column.encoding === 'json' ||
      (column.encoding === 'number' && typeof value === 'number' && Number.isFinite(value)) ||
      (column.encoding === 'boolean' && typeof value === 'boolean') ||
      (column.encoding === 'text' && typeof value === 'string') ||
      (column.encoding === 'base64' && typeof value === 'string' && BASE64.test(value)) ||
      (column.encoding === 'array' && Array.isArray(value));
    if (!ok) throw new BackupFileError(file, `${where}: the value of column "${name}" does not fit its ${column.encoding} encoding (damaged)`, line);
  }
}

/** Postgres array literal from nested arrays of element text (null for NULL elements). */
export function toArrayLiteral(value: unknown): string {
  if (!Array.isArray(value)) throw new TypeError('array expected');
  return `{${value
    .map((element) => {
      if (element === null) return 'NULL';
      if (Array.isArray(element)) return toArrayLiteral(element);
      return `"${String(element).replace(/[\\"]/g, '\\$&')}"`;
    })
    .join(',')}}`;
}
