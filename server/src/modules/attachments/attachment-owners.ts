import type { AttachmentOwnerKind } from '../../../../contracts/attachments.ts';
import type { Actor } from '../../app/actor.ts';
import type { Db } from '../../db/client.ts';
import { enterpriseAccess } from '../enterprises/index.ts';
import { projectAccess } from '../projects/index.ts';

/**
 * SECURITY INVARIANT — who may see an attachment is who may see its owner. Each owner kind answers, through
 * its own entity's scope functions, whether the actor may read (list, download) and attach to (upload,
 * delete) one object; a missing or out-of-scope owner answers false, and the routes turn that into 404.
 * A feature that attaches files to its objects registers its kind here (and in contracts/attachments.ts).
 */
export interface AttachmentOwner {
  kind: AttachmentOwnerKind;
  canRead(db: Db, actor: Actor, ownerId: string): Promise<boolean>;
  canAttach(db: Db, actor: Actor, ownerId: string): Promise<boolean>;
}

const OWNERS = new Map<AttachmentOwnerKind, AttachmentOwner>();

export function registerAttachmentOwner(owner: AttachmentOwner): void {
  OWNERS.set(owner.kind, owner);
}

export function attachmentOwner(kind: AttachmentOwnerKind): AttachmentOwner | undefined {
  return OWNERS.get(kind);
}

// Enterprises (一企一档): read under the enterprise's read rule; attach under its `attach` rule (where the actor
// may edit the enterprise, and an enterprise account to its own record: its evidence is its own to provide).
registerAttachmentOwner({
  kind: 'enterprise',
  canRead: (db, actor, id) => enterpriseAccess.allows(db, actor, 'read', id),
  canAttach: (db, actor, id) => enterpriseAccess.allows(db, actor, 'attach', id),
});

// Projects: read under the project's read rule, attach where the actor may edit the project.
registerAttachmentOwner({
  kind: 'project',
  canRead: (db, actor, id) => projectAccess.allows(db, actor, 'read', id),
  canAttach: (db, actor, id) => projectAccess.allows(db, actor, 'attach', id),
});
