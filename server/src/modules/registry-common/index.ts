/** The pieces every registry shares: the caller, optimistic versions, record history and reference lookups. */
export * from './caller.ts';
export * from './optimistic.ts';
export * from './record-history.ts';
export * from './reference-index.ts';
export { registerCrudRoutes } from './crud-routes.ts';
export type { Caller } from './caller.ts';
export { staleVersion } from './optimistic.ts';
export { callerOf } from './caller.ts';
export { consoleOperatorCaller } from './caller.ts';
export { recordChange } from './record-history.ts';
