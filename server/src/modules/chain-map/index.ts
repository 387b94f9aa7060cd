/** Entry point of the chain-map feature (issue 13). */
export { registerChainMapRoutes } from './chain-map.routes.ts';
export { computeChainMap, computeNodeLists, setNodeImportance } from './chain-map.service.ts';
