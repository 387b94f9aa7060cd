/** What other features may use of `security`: they import it only through this file (app/module-boundaries.test.ts). */
export { createSecuritySettingsService, defaultSecuritySettings, isMfaRequired } from './security-settings.service.ts';
