/** What other features may use of `statistics`: they import it only through this file (app/module-boundaries.test.ts). */
export { refreshRollups, type EnterpriseYear } from './rollup.repository.ts';
