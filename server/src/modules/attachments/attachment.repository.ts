import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rowsOf } from '../../db/rows.ts';

/** All SQL of the attachments feature. */

export interface AttachmentRow {
  id: string;
  owner_kind: string;
  owner_id: string;
  sha256: string;
  file_name: string;
  media_type: string;
  size: number;
  uploaded_by: string | null;
  created_at: Date | string;
}

const COLUMNS = sql.raw('a.id, a.owner_kind, a.owner_id, a.sha256, a.file_name, a.media_type, a.size, a.uploaded_by, a.created_at');

/** Stores the content once per hash (a second upload of the same bytes adds only an attachment row). */
export async function storeBlob(db: Db, sha256: string, content: Buffer, at: Date): Promise<void> {
  await db.execute(sql`INSERT INTO attachment_blobs (sha256, size, content, created_at) VALUES (${sha256}, ${content.length}, ${content}, ${at})
    ON CONFLICT (sha256) DO NOTHING`);
}

export async function insertAttachment(
  db: Db,
  a: { ownerKind: string; ownerId: string; sha256: string; fileName: string; mediaType: string; size: number; uploadedBy: string; at: Date },
): Promise<AttachmentRow> {
  const [row] = await rowsOf<AttachmentRow>(
    db,
    sql`INSERT INTO attachments AS a (owner_kind, owner_id, sha256, file_name, media_type, size, uploaded_by, created_at)
        VALUES (${a.ownerKind}, ${a.ownerId}, ${a.sha256}, ${a.fileName}, ${a.mediaType}, ${a.size}, ${a.uploadedBy}, ${a.at})
        RETURNING ${COLUMNS}`,
  );
  return row!;
}

export async function listAttachments(db: Db, ownerKind: string, ownerId: string): Promise<AttachmentRow[]> {
  return rowsOf<AttachmentRow>(
    db,
    sql`SELECT ${COLUMNS} FROM attachments a WHERE a.owner_kind = ${ownerKind} AND a.owner_id = ${ownerId} AND a.deleted_at IS NULL ORDER BY a.created_at, a.id`,
  );
}

/**
 * One attachment by id, whatever its owner: named unsafe because it does not check scope. The service calls
 * it only to learn the owner, and then asks the owner kind whether the actor may see that owner.
 */
export async function unsafeFindAttachment(db: Db, id: string): Promise<AttachmentRow | undefined> {
  const [row] = await rowsOf<AttachmentRow>(db, sql`SELECT ${COLUMNS} FROM attachments a WHERE a.id = ${id} AND a.deleted_at IS NULL`);
  return row;
}

export async function readBlob(db: Db, sha256: string): Promise<Buffer> {
  const [row] = await rowsOf<{ content: Uint8Array }>(db, sql`SELECT content FROM attachment_blobs WHERE sha256 = ${sha256}`);
  return Buffer.from(row!.content);
}

export async function softDeleteAttachment(db: Db, id: string, at: Date): Promise<void> {
  await db.execute(sql`UPDATE attachments SET deleted_at = ${at} WHERE id = ${id} AND deleted_at IS NULL`);
}
