import { z } from 'zod';
import { historyPageSchema, softDeleteResultSchema } from '../../../../../contracts/registry-common.ts';
import { importResultSchema, importStreamLineSchema, type ImportResultView } from '../../../../../contracts/registry-io.ts';
import { api, saveBlob, type Query } from '../../../app/api.ts';
import { readImportStream } from '../../../app/import-stream.ts';

/** The importable/exportable registries (server: registry-io/entities.ts). */
export type RegistryEntityName = 'enterprises' | 'projects' | 'carriers' | 'platforms' | 'experts';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function downloadTo(path: string, query: Query | undefined, fallbackName: string): Promise<void> {
  const { blob, filename } = await api.download(path, query);
  saveBlob(blob, filename ?? fallbackName);
}

export const downloadTemplate = (entity: RegistryEntityName) => downloadTo(`/api/${entity}/template`, undefined, `${entity}-template.xlsx`);
export const downloadExport = (entity: RegistryEntityName, filters: Query, format: 'xlsx' | 'csv') =>
  downloadTo(`/api/${entity}/export`, { ...filters, format }, `${entity}.${format}`);
export const downloadReport = (entity: RegistryEntityName, reportId: string) => downloadTo(`/api/${entity}/import-reports/${reportId}`, undefined, `${entity}-errors.xlsx`);

export interface ImportProgress {
  phase: 'queued' | 'check' | 'parse' | 'validate' | 'write' | 'done';
  done: number;
  total: number;
  /** While queued behind other imports: the place, 1 = next. */
  position?: number;
}

/**
 * Uploads a workbook and reads the streamed answer line by line (progress, then the result), so the dialog
 * can show progress while the server writes in one transaction (docs/decisions/0005).
 */
export async function importWorkbook(
  entity: RegistryEntityName,
  file: File,
  options: { mode: 'valid-only' | 'all-or-nothing'; duplicates: 'skip' | 'update' },
  onProgress: (progress: ImportProgress) => void,
): Promise<ImportResultView> {
  // The file goes with the .xlsx type whatever the browser guessed; the server checks the content anyway.
  const body = new Blob([file], { type: XLSX_MIME });
  const response = await api.sendFile(`/api/${entity}/import`, body, { query: { ...options, fileName: file.name }, accept: 'application/x-ndjson' });
  return readImportStream(response, (v) => importStreamLineSchema.parse(v), (v) => importResultSchema.parse(v), onProgress);
}

export const loadHistory = (path: string, signal?: AbortSignal) => api.get(path, historyPageSchema, signal ? { signal } : {});
export const softDelete = (path: string) => api.command('DELETE', path);
export const restore = (path: string) => api.command('POST', `${path}/restore`);
export type SoftDeleteResult = z.infer<typeof softDeleteResultSchema>;
