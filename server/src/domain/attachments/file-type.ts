/**
 * What an evidence file is, decided by its content (magic bytes), never by its name or declared type; the
 * name's extension must then agree with the content (a script renamed to .pdf is refused). Pure: zip-based
 * files are told apart by the entry names their central directory lists, which the caller reads.
 */

export type FileKind = 'pdf' | 'png' | 'jpeg' | 'webp' | 'docx' | 'xlsx' | 'pptx' | 'ole';

export const MEDIA_TYPES: Record<Exclude<FileKind, 'ole'>, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};
/** Legacy Office files share one container (OLE2); the extension names which application's. */
const OLE_MEDIA_TYPES: Record<string, string> = { doc: 'application/msword', xls: 'application/vnd.ms-excel', ppt: 'application/vnd.ms-powerpoint' };

const EXTENSIONS: Record<FileKind, readonly string[]> = {
  pdf: ['pdf'],
  png: ['png'],
  jpeg: ['jpg', 'jpeg'],
  webp: ['webp'],
  docx: ['docx'],
  xlsx: ['xlsx'],
  pptx: ['pptx'],
  ole: ['doc', 'xls', 'ppt'],
};

const starts = (buf: Buffer, bytes: number[], at = 0) => bytes.every((b, i) => buf[at + i] === b);

/** The container kind by the first bytes: 'zip' needs its directory read to say which Office file it is. */
export function sniffContainer(buf: Buffer): FileKind | 'zip' | null {
  if (starts(buf, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (starts(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (starts(buf, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts(buf, [0x52, 0x49, 0x46, 0x46]) && starts(buf, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp'; // RIFF....WEBP
  if (starts(buf, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (starts(buf, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  return null;
}

/** Which Office Open XML document a zip is, from its entry names (null: some other zip). */
export function officeKindOfZip(entryNames: readonly string[]): 'docx' | 'xlsx' | 'pptx' | null {
  const names = new Set(entryNames);
  if (!names.has('[Content_Types].xml')) return null;
  if (names.has('word/document.xml')) return 'docx';
  if (names.has('xl/workbook.xml')) return 'xlsx';
  if (names.has('ppt/presentation.xml')) return 'pptx';
  return null;
}

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/** The media type to store and serve, or null when the name's extension does not fit the content. */
export function mediaTypeFor(kind: FileKind, fileName: string): string | null {
  const ext = extensionOf(fileName);
  if (!EXTENSIONS[kind].includes(ext)) return null;
  return kind === 'ole' ? OLE_MEDIA_TYPES[ext]! : MEDIA_TYPES[kind];
}

export const ACCEPTED_EXTENSIONS = Object.values(EXTENSIONS).flat();
