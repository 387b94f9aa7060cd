export * from './prng.ts';
export * from './growth.ts';
export * from './pipeline.ts';
export * from './simulate.ts';
export * from './backtest.ts';
export * from './gap-decomposition.ts';
