import { DEFAULT_UPLOAD_LIMITS } from '../../domain/spreadsheet/upload-check.ts';
import { readZipDirectory } from '../../domain/spreadsheet/zip-directory.ts';

/**
 * THE one call to the zip central-directory caps for attachments (entry count and declared uncompressed
 * size, read from the directory before anything is inflated). When the shared upload guard
 * (server/src/lib/upload-guard.ts) then inflates every part as a counted stream (guardOfficeArchive, called by the service). Throws ZipFormatError.
 */
export function zipEntryNames(buf: Buffer): string[] {
  return readZipDirectory(buf, { maxEntries: DEFAULT_UPLOAD_LIMITS.maxEntries, maxUncompressedBytes: DEFAULT_UPLOAD_LIMITS.maxUncompressedBytes }).entries.map((e) => e.name);
}
