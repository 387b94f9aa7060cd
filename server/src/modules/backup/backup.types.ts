import type { Database } from '../../db/client.ts';
import type { Migration } from '../../db/migrate.ts';

/** Types shared by backup (backup.service.ts) and restore (backup-restore.ts). */
export interface BackupProgress {
  phase: 'backup' | 'verify' | 'restore';
  /** The table being processed, null before the first and after the last. */
  table: string | null;
  /** Rows done across all tables, and the total number of rows. */
  done: number;
  total: number;
}

export type ProgressListener = (progress: BackupProgress) => void;

export interface BackupOptions {
  /** Rows read per query (keyset pages); small values are for tests. */
  pageSize?: number;
  /** The migrations this code knows (tests inject older or newer sets). */
  migrations?: Migration[];
}

export interface BackupSummary {
  file: string;
  engine: Database['kind'];
  tables: { name: string; rows: number }[];
  rows: number;
  migrations: string[];
  bytes: number;
}

/** An error the operator has to act on (not a damaged file): incompatible versions and the like. */
export class BackupError extends Error {}

export const PROGRESS_EVERY = 500;
