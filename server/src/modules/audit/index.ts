/** What other features may use of `audit`: they import it only through this file (app/module-boundaries.test.ts). */
export { appendAuditRecord, chainRecordOf, iterateAuditRecords, type AuditEntry } from './audit.repository.ts';
export { auditActorOf, createAuditService, type AuditActor, type AuditService } from './audit.service.ts';
export { verifyAuditLogReport } from './audit.verify.ts';
