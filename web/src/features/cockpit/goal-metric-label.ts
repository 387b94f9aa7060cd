/**
 * Goal metrics are named in the plan's own words (Chinese, from the policy text). The two of SPEC §2 have
 * English names; any other metric an official adds keeps its plan name in both languages.
 */
const ENGLISH_METRICS: Record<string, string> = { 产业规模: 'Industry scale', 制造业产值: 'Manufacturing output' };

export function goalMetricLabel(metric: string, language: string): string {
  return language.startsWith('en') ? (ENGLISH_METRICS[metric] ?? metric) : metric;
}
