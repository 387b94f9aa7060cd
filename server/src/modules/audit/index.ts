/** What other features may use of `audit`: they import it only through this file (app/module-boundaries.test.ts). */
import { auditActionsNamed, defineFeature, permissionsNamed } from '../../app/feature.ts';
import { registerAuditRoutes } from './audit.routes.ts';
export { appendAuditRecord, chainRecordOf, iterateAuditRecords, type AuditEntry } from './audit.repository.ts';
export { auditActorOf, createAuditService, type AuditActor, type AuditService } from './audit.service.ts';
export { verifyAuditLogReport } from './audit.verify.ts';

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature").
export const auditFeature = defineFeature({
  name: 'audit',
  routes: registerAuditRoutes,
  permissions: permissionsNamed('audit'),
  auditActions: auditActionsNamed('audit'),
  navigation: ['audit'],
});
