import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';

/**
 * A commit on the embedded engine reaches the disk before it is reported (docs/decisions/0040).
 *
 * PGlite starts PostgreSQL with `-F` (fsync off), and its Node file system (Emscripten's NODEFS) has no fsync
 * operation at all: a sync request returns success without touching the disk. A committed report then lived in
 * the operating system's cache until the kernel wrote it back, and a power cut or a host crash in that window
 * lost it, or left the WAL behind the data pages it describes. Here PostgreSQL runs with fsync on, syncs the
 * WAL with fsync() at each commit (the one method NODEFS routes to the file operation), and the operation is
 * supplied: fsync(2) on the file's own descriptor.
 */

/** PGlite's own start parameters without `-F`, and the WAL synced with fsync(). */
export function durableStartParams(): string[] {
  return [...PGlite.defaultStartParams.filter((p) => p !== '-F'), '-c', 'fsync=on', '-c', 'wal_sync_method=fsync'];
}

/** Emscripten's errno numbers (WASI), returned by a file operation that failed. */
const ERRNO: Record<string, number> = { EBADF: 8, EINVAL: 28, EISDIR: 31, EROFS: 69, ENOSPC: 51 };
const EIO = 29;

interface NodeFsStream {
  nfd?: number;
}
interface StreamOps {
  fsync?: (stream: NodeFsStream) => number;
}
interface EmscriptenFs {
  lookupPath(path: string): { node: { stream_ops?: StreamOps } };
}

/** Thrown when a PGlite release no longer has the structure this relies on: never run without durable commits. */
export class EmbeddedDurabilityError extends Error {}

/**
 * Gives the data folder's files an fsync operation. All NODEFS files share one operations object, so one file's
 * (PG_VERSION, which every data folder has) stands for all, open or opened later. A failure is returned as an
 * errno, never thrown (a thrown error would abort the WebAssembly call): PostgreSQL then reports it as it would
 * on a server (an error on the WAL or a data file stops the database rather than pretend it is safe).
 */
export async function syncFilesToDisk(client: PGlite): Promise<void> {
  const fsModule = (client as unknown as { mod?: { FS?: EmscriptenFs } }).mod?.FS;
  const [row] = (await client.query<{ data_directory: string; fsync: string; wal_sync_method: string }>(
    `SELECT current_setting('data_directory') AS data_directory, current_setting('fsync') AS fsync, current_setting('wal_sync_method') AS wal_sync_method`,
  )).rows;
  let ops: StreamOps | undefined;
  try {
    ops = row ? fsModule?.lookupPath(`${row.data_directory}/PG_VERSION`).node.stream_ops : undefined;
  } catch {
    ops = undefined;
  }
  if (!ops || row?.fsync !== 'on' || row.wal_sync_method !== 'fsync') {
    throw new EmbeddedDurabilityError(
      'The embedded database cannot make its commits durable with this PGlite release (no file operations found, or fsync not on): ' +
        'keep the PGlite version that docs/decisions/0040 was verified with (0.5.17), or run on PostgreSQL (DATABASE_URL).',
    );
  }
  ops.fsync ??= fsyncOperation;
}

/** The file operation: fsync(2) on the stream's descriptor; 0, or the errno of the failure. */
export function fsyncOperation(stream: NodeFsStream): number {
  try {
    if (stream.nfd !== undefined) fs.fsyncSync(stream.nfd);
    return 0;
  } catch (error) {
    return ERRNO[(error as NodeJS.ErrnoException).code ?? ''] ?? EIO;
  }
}
