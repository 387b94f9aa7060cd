import type { GoalFormula } from '../../../../contracts/plan.ts';

/**
 * The formula a goal gets when the operator has not set one (SPEC §4): 产业规模 = Σ revenue of all
 * enterprises in the plan's domains; 制造业产值 = Σ output of manufacturing enterprises. Other money targets
 * whose metric names an indicator get that indicator over the plan's domains. Counts (家, 个, 项) and shares
 * (%) are not sums of monthly indicators: they get no formula, and the commission can set one.
 */
const MONEY_UNITS = new Set(['亿元', '万元', '元', '千元', '百亿元', '千亿元']);

const RULES: readonly (readonly [RegExp, GoalFormula])[] = [
  [/制造业(总)?产值|工业(总)?产值/, { indicator: 'output', filter: { isManufacturing: true } }],
  [/产业规模|营业收入|经营收入|营收/, { indicator: 'revenue', filter: { scope: 'plan-domains' } }],
  [/销售产值/, { indicator: 'sales', filter: { scope: 'plan-domains' } }],
  [/出口/, { indicator: 'export', filter: { scope: 'plan-domains' } }],
  [/利润/, { indicator: 'profit', filter: { scope: 'plan-domains' } }],
  [/税收|税额/, { indicator: 'tax', filter: { scope: 'plan-domains' } }],
  [/研发(投入|费用|经费)/, { indicator: 'rd', filter: { scope: 'plan-domains' } }],
];

export function defaultGoalFormula(metric: string, unit: string): GoalFormula | null {
  if (!MONEY_UNITS.has(unit)) return null;
  for (const [pattern, formula] of RULES) if (pattern.test(metric)) return structuredClone(formula);
  return null;
}
