// Public surface of the statistics domain: pure functions over monthly facts, no I/O.
export * from './money.ts';
export * from './facts.ts';
export * from './comparable-growth.ts';
export * from './aggregation.ts';
export * from './goal-progress.ts';
export * from './year-end-estimate.ts';
export * from './units.ts';
export * from './report-conversion.ts';
export * from './report-validation.ts';
export * from './report-completeness.ts';
