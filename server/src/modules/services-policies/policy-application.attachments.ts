import { registerAttachmentOwner } from '../attachments/index.ts';
import { policyApplicationAccess } from './policy-application.policy.ts';

// Materials of a 快申快享 application: read by whoever sees the application (the enterprise, the commission,
// the leader); attached by the enterprise until the decision, or by the commission (policy-application.policy.ts).
registerAttachmentOwner({
  kind: 'policy-application',
  canRead: (db, actor, id) => policyApplicationAccess.allows(db, actor, 'read', id),
  canAttach: (db, actor, id) => policyApplicationAccess.allows(db, actor, 'attach', id),
});
