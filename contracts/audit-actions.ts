/**
 * Every action code the server writes to the audit log. The audit writer's event type takes these codes
 * (a code missing here does not typecheck), the auditor's page has a Chinese and an English label for each
 * (web/src/features/audit/action-labels.*.ts, typed by this list), and server/src/modules/audit/
 * audit-actions.test.ts scans the server sources so that codes composed at run time are listed here too.
 */
export const AUDIT_ACTIONS = [
  // platform and accounts
  'access.denied',
  'audit.verify',
  'audit.export',
  'auth.login',
  'auth.lockout',
  'auth.logout',
  'auth.logout-others',
  'auth.session-expired',
  'auth.mfa-verify',
  'auth.mfa-enrol-start',
  'auth.mfa-enrol-confirm',
  'auth.password-change',
  'user.create',
  'user.disable',
  'user.enable',
  'user.unlock',
  'user.reset-password',
  'user.reset-mfa',
  'user.credential-reset-request',
  'user.credential-reset-reject',
  'user.assign-role',
  'security.settings-update',
  'seed.demo',
  'crypto.migrate',
  'crypto.rotate',
  'crypto.seal-clear',
  // personal information shown in the clear (issue 19)
  'personal.reveal',
  // the plan
  'plan.seed',
  'plan.create',
  'plan.version.create',
  'plan.version.activate',
  'plan.goal.formula',
  // registries
  'enterprise.create',
  'enterprise.update',
  'enterprise.delete',
  'enterprise.restore',
  'enterprise.merge',
  'enterprise.merged-away',
  'enterprise.read',
  'project.create',
  'project.update',
  'project.delete',
  'project.restore',
  'project.stage',
  'project.follow-up',
  'project.read',
  'carrier.create',
  'carrier.update',
  'carrier.delete',
  'carrier.restore',
  'carrier.occupant-add',
  'carrier.occupant-update',
  'platform.create',
  'platform.update',
  'platform.delete',
  'platform.restore',
  'expert.create',
  'expert.update',
  'expert.delete',
  'expert.restore',
  'chain.update',
  'chain.node-create',
  'chain.node-update',
  'chain.node-delete',
  'department.create',
  'department.update',
  'department.delete',
  'department.restore',
  // Excel import and export of the registries: `<entity>.import|export` (registry-io/entities.ts)
  'enterprises.import',
  'enterprises.export',
  'projects.import',
  'projects.export',
  'carriers.import',
  'carriers.export',
  'platforms.import',
  'platforms.export',
  'experts.import',
  'experts.export',
  // monthly statistics
  'monthly-report.create',
  'monthly-report.save',
  'monthly-report.submit',
  'monthly-report.review',
  'monthly-report.return',
  'monthly-report.approve',
  'monthly-report.import',
  'monthly-report.export',
  'monthly-report.remind',
  'monthly-report.chase-export',
  'stats.export',
  // operations
  'job.run',
  'notification.read',
  'notification.read-all',
  'notification.preferences-update',
  'attachment.upload',
  'attachment.download',
  'attachment.delete',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Codes some modules compose at run time (`${entity.name}.import`, `monthly-report.${revision}`): the type
 * cannot see their parts, so the source-scan test checks that each composition is listed above.
 */
export type ComposedAuditAction = `${string}.import` | `${string}.export` | `monthly-report.${string}`;
