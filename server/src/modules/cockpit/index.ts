/** Entry point of the cockpit page's combined answer (issue 17, first load). */
export { registerCockpitPageRoutes } from './cockpit-page.routes.ts';
