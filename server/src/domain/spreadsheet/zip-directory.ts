/**
 * A minimal reader of a ZIP file's central directory (APPNOTE.TXT §4.3.12–4.3.16, with ZIP64), used to refuse
 * zip bombs BEFORE a workbook parser inflates anything: the entry count and the declared uncompressed sizes
 * are read from the directory alone, in time proportional to the directory, never to the data.
 *
 * Declared sizes can lie, so `inflateEntriesBounded` (zip-inflate.ts) then inflates every entry with a hard
 * output limit equal to its declared size.
 */

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate; anything else is refused by the caller. */
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export interface ZipDirectory {
  entryCount: number;
  entries: ZipEntry[];
  totalUncompressed: number;
}

export class ZipFormatError extends Error {
  constructor(
    readonly code: 'not-zip' | 'truncated' | 'too-many-entries' | 'too-large' | 'multi-disk',
    message: string,
  ) {
    super(message);
  }
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;

function findEndOfCentralDirectory(buf: Buffer): number {
  const stop = Math.max(0, buf.length - EOCD_MIN - MAX_COMMENT);
  for (let i = buf.length - EOCD_MIN; i >= stop; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIGNATURE && i + EOCD_MIN + buf.readUInt16LE(i + 20) === buf.length) return i;
  }
  // Tolerate trailing bytes after the comment (some tools pad): accept the last signature found.
  for (let i = buf.length - EOCD_MIN; i >= stop; i--) if (buf.readUInt32LE(i) === EOCD_SIGNATURE) return i;
  return -1;
}

function safeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError('too-large', `${what} out of range`);
  return Number(value);
}

export interface DirectoryLimits {
  maxEntries: number;
  maxUncompressedBytes: number;
}

/**
 * Reads the directory and enforces the limits as early as possible: the entry count is checked from the
 * end-of-directory record before a single entry is read, and the running total of declared sizes stops the
 * walk as soon as it passes the cap.
 */
export function readZipDirectory(buf: Buffer, limits: DirectoryLimits): ZipDirectory {
  if (buf.length < EOCD_MIN) throw new ZipFormatError('not-zip', 'too short for a zip file');
  const eocd = findEndOfCentralDirectory(buf);
  if (eocd < 0) throw new ZipFormatError('not-zip', 'no end-of-central-directory record');
  let diskNumber = buf.readUInt16LE(eocd + 4);
  let directoryDisk = buf.readUInt16LE(eocd + 6);
  let entryCount = buf.readUInt16LE(eocd + 10);
  let directorySize = buf.readUInt32LE(eocd + 12);
  let directoryOffset = buf.readUInt32LE(eocd + 16);

  const needsZip64 = entryCount === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff;
  if (needsZip64 && eocd >= 20 && buf.readUInt32LE(eocd - 20) === ZIP64_LOCATOR_SIGNATURE) {
    const zip64Offset = safeNumber(buf.readBigUInt64LE(eocd - 12), 'zip64 record offset');
    if (zip64Offset + 56 > buf.length || buf.readUInt32LE(zip64Offset) !== ZIP64_EOCD_SIGNATURE) {
      throw new ZipFormatError('truncated', 'zip64 end-of-directory record missing');
    }
    diskNumber = buf.readUInt32LE(zip64Offset + 16);
    directoryDisk = buf.readUInt32LE(zip64Offset + 20);
    entryCount = safeNumber(buf.readBigUInt64LE(zip64Offset + 32), 'entry count');
    directorySize = safeNumber(buf.readBigUInt64LE(zip64Offset + 40), 'directory size');
    directoryOffset = safeNumber(buf.readBigUInt64LE(zip64Offset + 48), 'directory offset');
  }
  if (diskNumber !== 0 || directoryDisk !== 0) throw new ZipFormatError('multi-disk', 'multi-volume archives are not supported');
  if (entryCount > limits.maxEntries) {
    throw new ZipFormatError('too-many-entries', `${entryCount} entries (limit ${limits.maxEntries})`);
  }
  if (directoryOffset + directorySize > buf.length) throw new ZipFormatError('truncated', 'central directory outside the file');

  const entries: ZipEntry[] = [];
  let total = 0;
  let p = directoryOffset;
  const end = directoryOffset + directorySize;
  for (let n = 0; n < entryCount; n++) {
    if (p + 46 > end || buf.readUInt32LE(p) !== CENTRAL_SIGNATURE) throw new ZipFormatError('truncated', `central directory entry ${n + 1} is damaged`);
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    let compressedSize = buf.readUInt32LE(p + 20);
    let uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    let localHeaderOffset = buf.readUInt32LE(p + 42);
    const nameStart = p + 46;
    const extraStart = nameStart + nameLength;
    const next = extraStart + extraLength + commentLength;
    if (next > end) throw new ZipFormatError('truncated', `central directory entry ${n + 1} is damaged`);
    const name = buf.toString('utf8', nameStart, extraStart);
    // ZIP64 extended information (header 0x0001) carries the fields that are 0xFFFFFFFF above, in order.
    if (uncompressedSize === 0xffffffff || compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      let q = extraStart;
      while (q + 4 <= extraStart + extraLength) {
        const id = buf.readUInt16LE(q);
        const size = buf.readUInt16LE(q + 2);
        if (id === 0x0001) {
          let r = q + 4;
          if (uncompressedSize === 0xffffffff && r + 8 <= q + 4 + size) (uncompressedSize = safeNumber(buf.readBigUInt64LE(r), 'entry size')), (r += 8);
          if (compressedSize === 0xffffffff && r + 8 <= q + 4 + size) (compressedSize = safeNumber(buf.readBigUInt64LE(r), 'entry size')), (r += 8);
          if (localHeaderOffset === 0xffffffff && r + 8 <= q + 4 + size) localHeaderOffset = safeNumber(buf.readBigUInt64LE(r), 'entry offset');
          break;
        }
        q += 4 + size;
      }
    }
    total += uncompressedSize;
    if (total > limits.maxUncompressedBytes) {
      throw new ZipFormatError('too-large', `declared uncompressed size passes ${limits.maxUncompressedBytes} bytes at entry ${n + 1}`);
    }
    entries.push({ name, method, flags, compressedSize, uncompressedSize, localHeaderOffset });
    p = next;
  }
  return { entryCount, entries, totalUncompressed: total };
}
