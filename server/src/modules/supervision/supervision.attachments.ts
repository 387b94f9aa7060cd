import { registerAttachmentOwner } from '../attachments/index.ts';
import { isItemUnit, itemScopeSql } from './supervision.policy.ts';
import { findItemInScope, unsafeFindReport } from './supervision.repository.ts';

// Evidence of a progress report (issue 12 §2): read by whoever sees the report's item; attached by the unit
// that wrote the report, until the commission accepts it (an accepted report's evidence is the record).
registerAttachmentOwner({
  kind: 'supervision-report',
  async canRead(db, actor, id) {
    const report = await unsafeFindReport(db, id);
    return !!report && !!(await findItemInScope(db, itemScopeSql(actor), report.itemId));
  },
  async canAttach(db, actor, id) {
    const report = await unsafeFindReport(db, id);
    if (!report || report.status === 'accepted') return false;
    const item = await findItemInScope(db, itemScopeSql(actor), report.itemId);
    return !!item && isItemUnit(actor, item);
  },
});
