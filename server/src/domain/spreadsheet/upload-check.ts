/**
 * The workbook imports' view of the upload guard (lib/upload-guard.ts): the same checks, answered as a result
 * with the import's reason codes instead of a thrown error. Everything is checked BEFORE any parser sees the
 * file: size, type by content, ZIP directory, streamed inflation with a hard stop, and rows when asked.
 */
import { guardUpload, UPLOAD_LIMITS, UploadRefused, type UploadLimits as GuardLimits, type UploadRefusal } from '../../lib/upload-guard.ts';

/** The limits an import may override (the benchmark imports larger files than a user may). */
export type UploadLimits = Partial<GuardLimits> & { maxBytes: number; maxEntries: number; maxUncompressedBytes: number };

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = { ...UPLOAD_LIMITS.xlsx };

export type UploadRejection = Exclude<UploadRefusal, 'wrong-type'> | 'not-xlsx';

export type UploadCheck =
  | { ok: true }
  | { ok: false; reason: UploadRejection; messageZh: string; messageEn: string; entry: string | null; status: number };

export async function checkWorkbookUpload(buf: Buffer, limits: UploadLimits = DEFAULT_UPLOAD_LIMITS, maxRows?: number): Promise<UploadCheck> {
  try {
    await guardUpload(buf, ['xlsx'], { limits, ...(maxRows === undefined ? {} : { maxRows }) });
    return { ok: true };
  } catch (error) {
    if (!(error instanceof UploadRefused)) throw error;
    const reason = error.reason === 'wrong-type' ? 'not-xlsx' : error.reason;
    return { ok: false, reason, messageZh: error.messageZh, messageEn: error.messageEn, entry: error.entry, status: error.status };
  }
}
