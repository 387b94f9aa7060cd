/** What other features may use of `chains`: they import it only through this file (app/module-boundaries.test.ts). */
export { registerChainRoutes } from './chain.routes.ts';
