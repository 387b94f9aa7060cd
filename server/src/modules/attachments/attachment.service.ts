import crypto from 'node:crypto';
import type { AttachmentOwnerKind, AttachmentView } from '../../../../contracts/attachments.ts';
import type { Actor, RequestOrigin } from '../../app/actor.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { AppError, errors } from '../../app/errors.ts';
import { mediaTypeFor, officeKindOfZip, sniffContainer, type FileKind } from '../../domain/attachments/file-type.ts';
import { ZipFormatError } from '../../domain/spreadsheet/zip-directory.ts';
import { auditActorOf } from '../audit/index.ts';
import { attachmentOwner, type AttachmentOwner } from './attachment-owners.ts';
import { insertAttachment, listAttachments, readBlob, softDeleteAttachment, storeBlob, unsafeFindAttachment } from './attachment.repository.ts';
import { presentAttachment } from './attachment.presenter.ts';
import { zipEntryNames } from './attachment.zip-check.ts';
import { guardOfficeArchive } from '../../lib/upload-guard.ts';

const refused = (messageZh: string, messageEn: string) => new AppError(415, 'ATTACHMENT_TYPE_REFUSED', messageZh, messageEn);
const ACCEPTED_ZH = '只接受 PDF、图片(PNG、JPEG、WebP)和 Office 文档(Word、Excel、PowerPoint)';
const ACCEPTED_EN = 'Only PDF, images (PNG, JPEG, WebP) and Office documents (Word, Excel, PowerPoint) are accepted';

/** The media type of an upload, by content; refuses anything else, a renamed file and zip bombs. */
export function checkAttachmentContent(buffer: Buffer, fileName: string): string {
  if (buffer.length === 0) throw refused('文件为空', 'The file is empty');
  let kind: FileKind | 'zip' | null = sniffContainer(buffer);
  if (kind === 'zip') {
    let names: string[];
    try {
      names = zipEntryNames(buffer);
    } catch (error) {
      if (error instanceof ZipFormatError && (error.code === 'too-many-entries' || error.code === 'too-large')) {
        throw new AppError(422, 'ATTACHMENT_ZIP_REFUSED', '压缩文档的条目数或解压后体积超过上限,疑似压缩炸弹,拒绝接收', 'The document has too many parts or unpacks too large (a possible zip bomb); refused');
      }
      throw refused('文件已损坏或不是有效的 Office 文档', 'The file is damaged or not a valid Office document');
    }
    kind = officeKindOfZip(names);
  }
  if (!kind) throw refused(`文件内容不是可接受的类型。${ACCEPTED_ZH}`, `The content is not an accepted type. ${ACCEPTED_EN}`);
  const mediaType = mediaTypeFor(kind, fileName);
  if (!mediaType) throw refused('文件扩展名与文件内容不符,请勿修改扩展名', "The file name's extension does not match its content; do not rename files");
  return mediaType;
}

export function sanitiseAttachmentName(name: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  const base = (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (base || 'file').slice(0, 200);
}

/**
 * Attachments under their owner's scope (attachment-owners.ts): an owner the actor may not read answers 404
 * (the same as a missing one, so ids cannot be probed); one it may read but not attach to answers 403.
 */
export function createAttachmentService(deps: AppDeps) {
  const db = deps.database.db;

  async function readableOwner(actor: Actor, kind: AttachmentOwnerKind, ownerId: string): Promise<AttachmentOwner> {
    const owner = attachmentOwner(kind);
    if (!owner || !(await owner.canRead(db, actor, ownerId))) throw errors.notFound('附件所属对象', 'owner of the attachments');
    return owner;
  }

  async function readableAttachment(actor: Actor, id: string) {
    const row = await unsafeFindAttachment(db, id);
    if (!row) throw errors.notFound('附件', 'attachment');
    const owner = attachmentOwner(row.owner_kind as AttachmentOwnerKind);
    if (!owner || !(await owner.canRead(db, actor, row.owner_id))) throw errors.notFound('附件', 'attachment');
    return { row, owner };
  }

  return {
    async list(actor: Actor, kind: AttachmentOwnerKind, ownerId: string): Promise<AttachmentView[]> {
      await readableOwner(actor, kind, ownerId);
      return (await listAttachments(db, kind, ownerId)).map(presentAttachment);
    },

    async upload(actor: Actor, origin: RequestOrigin, kind: AttachmentOwnerKind, ownerId: string, file: { buffer: Buffer; fileName: string }): Promise<AttachmentView> {
      const owner = await readableOwner(actor, kind, ownerId);
      if (!(await owner.canAttach(db, actor, ownerId))) throw errors.forbidden();
      const fileName = sanitiseAttachmentName(file.fileName);
      const mediaType = checkAttachmentContent(file.buffer, fileName);
      // An Office document passes the shared guard's streamed inflation too: its directory may lie about sizes.
      if (mediaType.includes('openxmlformats')) await guardOfficeArchive(file.buffer);
      const sha256 = crypto.createHash('sha256').update(file.buffer).digest('hex');
      const at = deps.clock();
      const row = await inTransaction(deps, async (tx) => {
        await storeBlob(tx, sha256, file.buffer, at);
        const inserted = await insertAttachment(tx, { ownerKind: kind, ownerId, sha256, fileName, mediaType, size: file.buffer.length, uploadedBy: actor.userId, at });
        await deps.audit.inTransaction(tx, auditActorOf(actor), origin, {
          action: 'attachment.upload',
          objectType: 'attachment',
          objectId: inserted.id,
          after: { ownerKind: kind, ownerId, fileName, mediaType, size: file.buffer.length, sha256 },
        });
        return inserted;
      });
      return presentAttachment(row);
    },

    /** The file's bytes; every download is audited (who read which evidence of which object). */
    async download(actor: Actor, origin: RequestOrigin, id: string) {
      const { row } = await readableAttachment(actor, id);
      const content = await readBlob(db, row.sha256);
      await deps.audit.standalone(auditActorOf(actor), origin, {
        action: 'attachment.download',
        objectType: 'attachment',
        objectId: row.id,
        details: { ownerKind: row.owner_kind, ownerId: row.owner_id, fileName: row.file_name, sha256: row.sha256 },
      });
      return { content, fileName: row.file_name, mediaType: row.media_type };
    },

    async remove(actor: Actor, origin: RequestOrigin, id: string): Promise<void> {
      const { row, owner } = await readableAttachment(actor, id);
      if (!(await owner.canAttach(db, actor, row.owner_id))) throw errors.forbidden();
      await inTransaction(deps, async (tx) => {
        await softDeleteAttachment(tx, id, deps.clock());
        await deps.audit.inTransaction(tx, auditActorOf(actor), origin, { action: 'attachment.delete', objectType: 'attachment', objectId: id, before: presentAttachment(row) });
      });
    },
  };
}
