// Every feature's tables, re-exported for the typed Drizzle client. Add a line per feature schema file.
export * from './foundation.ts';
export * from './plan.ts';
export * from './registries.ts';
export * from './statistics.ts';
export * from './supervision.ts';
export * from './chain-map.ts';
export * from './services.ts';
export * from './tech-transfer.ts';
export * from './matchmaking.ts';
export * from './attraction.ts';
