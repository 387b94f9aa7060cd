import zlib from 'node:zlib';
import type { ZipEntry } from './zip-directory.ts';

const LOCAL_SIGNATURE = 0x04034b50;

export class ZipContentError extends Error {
  constructor(
    readonly code: 'size-mismatch' | 'unsupported-method' | 'encrypted' | 'damaged',
    readonly entry: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Inflates every entry with a hard output limit equal to the size its directory entry declares, so an entry
 * that lies about its size (a zip bomb disguised as a small file) fails after `declared + 1` bytes instead of
 * filling memory. Nothing is kept: this only proves that what the parser will inflate is what was declared.
 */
export function verifyEntriesInflate(buf: Buffer, entries: readonly ZipEntry[]): void {
  for (const entry of entries) {
    if (entry.flags & 0x1) throw new ZipContentError('encrypted', entry.name, 'encrypted entry');
    const p = entry.localHeaderOffset;
    if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL_SIGNATURE) throw new ZipContentError('damaged', entry.name, 'local header missing');
    const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
    const data = buf.subarray(start, start + entry.compressedSize);
    if (data.length !== entry.compressedSize) throw new ZipContentError('damaged', entry.name, 'entry data truncated');
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.uncompressedSize) throw new ZipContentError('size-mismatch', entry.name, 'stored entry size mismatch');
      continue;
    }
    if (entry.method !== 8) throw new ZipContentError('unsupported-method', entry.name, `compression method ${entry.method}`);
    let inflated: Buffer;
    try {
      inflated = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
    } catch (error) {
      const tooBig = error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
      throw new ZipContentError(tooBig ? 'size-mismatch' : 'damaged', entry.name, tooBig ? 'entry inflates beyond its declared size' : 'entry data damaged');
    }
    if (inflated.length !== entry.uncompressedSize) throw new ZipContentError('size-mismatch', entry.name, 'entry size differs from its declaration');
  }
}
