import { and, eq, type SQL } from 'drizzle-orm';
import type { AttachmentOwnerKind } from '../../../../contracts/attachments.ts';
import type { Actor } from '../../app/actor.ts';
import type { Db } from '../../db/client.ts';
import { enterprises, projects } from '../../db/schema/index.ts';
import { enterpriseScope, enterpriseWriteScope } from '../enterprises/enterprise.policy.ts';
import { projectScope, projectWriteScope } from '../projects/project.policy.ts';

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

async function exists(db: Db, table: typeof enterprises | typeof projects, scope: SQL, id: string): Promise<boolean> {
  const rows = await db.select({ id: table.id }).from(table).where(and(scope, eq(table.id, id))).limit(1);
  return rows.length > 0;
}

const OWNERS = new Map<AttachmentOwnerKind, AttachmentOwner>();

export function registerAttachmentOwner(owner: AttachmentOwner): void {
  OWNERS.set(owner.kind, owner);
}

export function attachmentOwner(kind: AttachmentOwnerKind): AttachmentOwner | undefined {
  return OWNERS.get(kind);
}

// Enterprises (一企一档): read under the enterprise scope; attach where the actor may edit the enterprise, and
// an enterprise account to its own record (its evidence is its own to provide).
registerAttachmentOwner({
  kind: 'enterprise',
  canRead: (db, actor, id) => exists(db, enterprises, enterpriseScope(actor), id),
  canAttach: (db, actor, id) => exists(db, enterprises, actor.role === 'enterprise' ? enterpriseScope(actor) : enterpriseWriteScope(actor), id),
});

// Projects: read under the project scope, attach where the actor may edit the project.
registerAttachmentOwner({
  kind: 'project',
  canRead: (db, actor, id) => exists(db, projects, projectScope(actor), id),
  canAttach: (db, actor, id) => exists(db, projects, projectWriteScope(actor), id),
});
