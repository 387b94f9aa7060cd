import type { Db } from '../../db/client.ts';
import { registerAttachmentOwner } from '../attachments/index.ts';
import { warningActScope, warningReadScope } from './warning.policy.ts';
import { findWarning } from './warning.repository.ts';

/**
 * Evidence files on a warning (the handling's attachments): read where the warning is readable, attached
 * where the actor may act on it and it is still live.
 */
export function registerWarningAttachments(): void {
  registerAttachmentOwner({
    kind: 'warning',
    canRead: async (db: Db, actor, id) => Boolean(await findWarning(db, warningReadScope(actor), id)),
    canAttach: async (db: Db, actor, id) => {
      const w = await findWarning(db, warningActScope(actor), id);
      return Boolean(w && ['open', 'acknowledged', 'handling'].includes(w.status));
    },
  });
}
