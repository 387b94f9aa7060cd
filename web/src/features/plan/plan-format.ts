import type { TFunction } from 'i18next';
import { INDICATOR_BY_CODE } from '../../../../contracts/indicators.ts';
import type { GoalFormula } from '../../../../contracts/plan.ts';

type T = TFunction;

/** "Σ 营业收入 · 规划重点领域内企业": a formula as an official reads it. */
export function describeFormula(formula: GoalFormula | null, t: T, isEnglish: boolean): string {
  if (!formula) return t('plan.formula.none');
  const indicator = INDICATOR_BY_CODE[formula.indicator];
  const name = indicator ? (isEnglish ? indicator.nameEn : indicator.nameZh) : formula.indicator;
  const parts: string[] = [];
  const f = formula.filter;
  if (f.scope === 'plan-domains') parts.push(t('plan.formula.planDomains'));
  if (f.scope === 'all') parts.push(t('plan.formula.all'));
  if (f.isManufacturing) parts.push(t('plan.formula.manufacturing'));
  if (f.isAboveScale) parts.push(t('plan.formula.aboveScale'));
  if (f.domainCodes?.length) parts.push(t('plan.formula.domains', { list: f.domainCodes.join(', ') }));
  if (f.zoneCodes?.length) parts.push(t('plan.formula.zones', { list: f.zoneCodes.join(', ') }));
  if (!parts.length) parts.push(t('plan.formula.all'));
  return `Σ ${name} · ${parts.join(' · ')}`;
}

/** "≥ 500 亿元" style target text, with the policy's own comparator word. */
export function targetText(goal: { value: number; valueMax: number | null | undefined; unit: string }, number: (n: number) => string): string {
  const value = goal.valueMax !== null && goal.valueMax !== undefined ? `${number(goal.value)}–${number(goal.valueMax)}` : number(goal.value);
  return `${value} ${goal.unit}`;
}
