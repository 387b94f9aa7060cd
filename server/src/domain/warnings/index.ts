/** Warnings 预警: pure rule conditions, levels, lifecycle and trend (no I/O). */
export * from './facts.ts';
export * from './levels.ts';
export * from './lifecycle.ts';
export * from './trend.ts';
export * from './catalogue.ts';
export { enterpriseYtd, seasonalIndex, trailingLevel } from './enterprise-conditions.ts';
export { groupPulls, reportDeadline, addDays } from './other-conditions.ts';
export { supervisionOverdueFindings, requestPastSlaFindings, leaseExpiringFindings, type OverdueItemFact, type LateRequestFact, type LeaseFact } from './hook-conditions.ts';
