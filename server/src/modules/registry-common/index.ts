/** The pieces every registry shares: the caller, optimistic versions, record history and reference lookups. */
export * from './caller.ts';
export * from './optimistic.ts';
export * from './record-history.ts';
export * from './reference-index.ts';
export { registerCrudRoutes } from './crud-routes.ts';
